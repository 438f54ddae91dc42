package dev.guildhall.core.jda;

import dev.guildhall.core.permissions.OverwritePermissionCalculator;
import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.ApiClient.Response;
import dev.guildhall.core.support.JdaClients;
import dev.guildhall.core.support.JdaEventRecorder;
import dev.guildhall.core.support.TestServer;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.entities.channel.attribute.IPermissionContainer;
import net.dv8tion.jda.api.entities.channel.concrete.Category;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.events.channel.ChannelCreateEvent;
import net.dv8tion.jda.api.events.channel.ChannelDeleteEvent;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.cache.CacheFlag;
import net.dv8tion.jda.internal.utils.PermissionUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Channels through the unmodified JDA 5.6.1: the bot creates a category and text channels with JDA's API and sees
 * ChannelCreateEvent, sets permission overrides, and JDA's own permission math ({@code PermissionUtil},
 * {@code member.hasPermission(channel, ...)}) over the overwrites we dispatched agrees with our calculator.
 */
class JdaChannelsIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static TestServer server;
    private static ApiClient api;
    private static Account owner;
    private static Account member;
    private static String guildId;
    private static String botToken;
    private static String botUserId;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("core_jda_channels");
        api = server.client();
        owner = api.register("jdachowner");
        member = api.register("jdachmember");
        guildId = api.createGuild(owner, "JDA Channels").get("id").asText();
        String general = api.textChannel(owner, guildId);
        Response app = api.post("/api/v10/applications", owner.auth(), Map.of("name", "Channel Bot"));
        assertThat(app.status()).as(app.raw()).isEqualTo(201);
        botToken = app.body().at("/bot/token").asText();
        botUserId = app.body().at("/bot/id").asText();
        api.invite(owner, general, "Bot " + botToken);
        api.invite(owner, general, member.auth());
        long guild = Long.parseLong(guildId);
        sql("INSERT INTO roles (id, guild_id, name, permissions, position) VALUES (?, ?, 'Bots', ?, 2)", guild + 1,
                guild, Permissions.DEFAULT_EVERYONE | Permissions.MANAGE_CHANNELS | Permissions.MANAGE_ROLES
                        | Permissions.MANAGE_MESSAGES);
        sql("INSERT INTO roles (id, guild_id, name, permissions, position) VALUES (?, ?, 'Readers', ?, 1)", guild + 2,
                guild, Permissions.MENTION_EVERYONE);
        sql("INSERT INTO member_roles (guild_id, user_id, role_id) VALUES (?, ?, ?)", guild,
                Long.parseLong(botUserId), guild + 1);
        sql("INSERT INTO member_roles (guild_id, user_id, role_id) VALUES (?, ?, ?)", guild,
                Long.parseLong(member.userId()), guild + 2);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Connection db() throws SQLException {
        return DriverManager.getConnection(server.config().pgUrl(), server.config().pgUser(),
                server.config().pgPassword());
    }

    private static void sql(String statement, long... args) throws SQLException {
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                ps.setLong(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }

    /** The permissions JDA knows by name (bits it has no constant for are not compared). */
    private static long jdaKnownBits() {
        EnumSet<Permission> known = EnumSet.allOf(Permission.class);
        known.remove(Permission.UNKNOWN);
        return Permission.getRaw(known);
    }

    /**
     * JDA applies the VIEW_CHANNEL and CONNECT implicit rules but not the documented SEND_MESSAGES one (no
     * SEND_MESSAGES in a text channel → no MENTION_EVERYONE, SEND_TTS_MESSAGES, ATTACH_FILES, EMBED_LINKS); it is
     * applied to JDA's number before comparing.
     */
    private static long withImplicitSendRule(IPermissionContainer channel, long permissions) {
        boolean text = channel.getType() == ChannelType.TEXT || channel.getType() == ChannelType.NEWS;
        if (text && (permissions & Permissions.SEND_MESSAGES) == 0) {
            return permissions & ~(Permissions.MENTION_EVERYONE | Permissions.SEND_TTS_MESSAGES
                    | Permissions.ATTACH_FILES | Permissions.EMBED_LINKS);
        }
        return permissions;
    }

    /** JDA's computation over its cache equals ours over the database, for the member and the bot. */
    private static void assertAgreement(Guild guild, IPermissionContainer channel) throws SQLException {
        OverwritePermissionCalculator ours = new OverwritePermissionCalculator();
        for (String userId : new String[]{member.userId(), botUserId}) {
            Member m = guild.retrieveMemberById(userId).complete();
            long jda = withImplicitSendRule(channel, PermissionUtil.getEffectivePermission(channel, m));
            long server;
            try (Connection c = db()) {
                server = ours.channelPermissions(c, guild.getIdLong(), Long.parseLong(owner.userId()),
                        channel.getIdLong(), Long.parseLong(userId));
            }
            assertThat(server & jdaKnownBits()).as("permissions of %s in %s", userId, channel.getName())
                    .isEqualTo(jda & jdaKnownBits());
            assertThat(m.hasPermission(channel, Permission.VIEW_CHANNEL))
                    .isEqualTo(Permissions.has(server, Permissions.VIEW_CHANNEL));
        }
    }

    @Test
    void botCreatesChannelsAndJdasPermissionMathAgreesWithOurOverwrites() throws Exception {
        JdaEventRecorder recorder = new JdaEventRecorder(WAIT);
        JDA jda = JdaClients.pointedAt(server, botToken, GatewayIntent.GUILD_MESSAGES)
                .setCompression(Compression.NONE)
                .enableCache(CacheFlag.MEMBER_OVERRIDES) // member overrides take part in JDA's permission math
                .addEventListeners(recorder)
                .build()
                .awaitReady();
        try {
            Guild guild = jda.getGuildById(guildId);
            assertThat(guild).isNotNull();

            Category category = guild.createCategory("JDA Category").complete();
            recorder.await(ChannelCreateEvent.class, e -> e.getChannel().getId().equals(category.getId()));
            TextChannel text = guild.createTextChannel("jda-text").setTopic("made by JDA").complete();
            ChannelCreateEvent created = recorder.await(ChannelCreateEvent.class,
                    e -> e.getChannel().getId().equals(text.getId()));
            assertThat(created.getChannel().asTextChannel().getTopic()).isEqualTo("made by JDA");
            Response rest = api.get("/api/v10/channels/" + text.getId(), owner.auth());
            assertThat(rest.status()).isEqualTo(200);
            assertThat(rest.body().path("name").asText()).isEqualTo("jda-text");
            assertAgreement(guild, text);

            // the bot keeps its view through its role; @everyone may not see the channel; Readers may not send
            Member target = guild.retrieveMemberById(member.userId()).complete();
            text.upsertPermissionOverride(guild.getRoleById(Long.parseLong(guildId) + 1))
                    .grant(Permission.VIEW_CHANNEL).complete();
            text.upsertPermissionOverride(guild.getPublicRole()).deny(Permission.VIEW_CHANNEL).complete();
            text.upsertPermissionOverride(guild.getRoleById(Long.parseLong(guildId) + 2))
                    .deny(Permission.MESSAGE_SEND).complete();
            await().atMost(WAIT).until(() -> text.getPermissionOverrides().size() == 3);
            assertAgreement(guild, text);
            assertThat(target.hasPermission(text, Permission.VIEW_CHANNEL)).isFalse();
            assertThat(api.get("/api/v10/channels/" + text.getId(), member.auth()).status()).isEqualTo(403);

            // the member may see it again through a member override
            text.upsertPermissionOverride(target).grant(Permission.VIEW_CHANNEL).complete();
            await().atMost(WAIT).until(() -> text.getPermissionOverrides().size() == 4);
            assertAgreement(guild, text);
            assertThat(target.hasPermission(text, Permission.VIEW_CHANNEL)).isTrue();
            assertThat(target.hasPermission(text, Permission.MESSAGE_SEND)).isFalse();
            assertThat(target.hasPermission(text, Permission.MESSAGE_HISTORY)).isTrue();
            assertThat(api.get("/api/v10/channels/" + text.getId(), member.auth()).status()).isEqualTo(200);
            assertThat(api.sendMessage(member.auth(), text.getId(), "no").status()).isEqualTo(403);

            // a category's overwrites: set with JDA, then a channel created in it
            category.upsertPermissionOverride(guild.getPublicRole()).deny(Permission.MESSAGE_SEND).complete();
            await().atMost(WAIT).until(() -> category.getPermissionOverrides().size() == 1);
            assertAgreement(guild, category);
            // JDA always sends permission_overwrites (an empty list unless asked to sync), so this asks for the sync
            TextChannel child = category.createTextChannel("jda-child").syncPermissionOverrides().complete();
            recorder.await(ChannelCreateEvent.class, e -> e.getChannel().getId().equals(child.getId()));
            TextChannel cachedChild = guild.getTextChannelById(child.getId());
            assertThat(cachedChild.getParentCategoryId()).isEqualTo(category.getId());
            // the channel has the category's overwrites, and JDA sees it synced
            assertThat(cachedChild.getPermissionOverrides()).hasSize(1);
            assertThat(cachedChild.isSynced()).isTrue();
            assertAgreement(guild, cachedChild);

            // removing an override through JDA
            text.getPermissionOverride(guild.getPublicRole()).delete().complete();
            await().atMost(WAIT).until(() -> text.getPermissionOverrides().size() == 3);
            assertAgreement(guild, text);

            child.delete().complete();
            recorder.await(ChannelDeleteEvent.class, e -> e.getChannel().getId().equals(child.getId()));
            assertThat(api.get("/api/v10/channels/" + child.getId(), owner.auth()).status()).isEqualTo(404);
        } finally {
            jda.shutdownNow();
            jda.awaitShutdown(10, TimeUnit.SECONDS);
        }
    }
}
