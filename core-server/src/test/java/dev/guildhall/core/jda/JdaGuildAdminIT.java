package dev.guildhall.core.jda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.ApiClient.Response;
import dev.guildhall.core.support.GuildFixture;
import dev.guildhall.core.support.JdaClients;
import dev.guildhall.core.support.JdaEventRecorder;
import dev.guildhall.core.support.TestServer;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.entities.UserSnowflake;
import net.dv8tion.jda.api.events.guild.GuildBanEvent;
import net.dv8tion.jda.api.events.guild.GuildUnbanEvent;
import net.dv8tion.jda.api.events.guild.member.GuildMemberRemoveEvent;
import net.dv8tion.jda.api.events.role.RoleCreateEvent;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.utils.Compression;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unmodified JDA 5.6.1 as a moderation bot: it creates a role, gives it to a member, kicks that member, bans
 * another and lifts the ban; JDA's listener sees RoleCreateEvent, GuildMemberRemoveEvent, GuildBanEvent and
 * GuildUnbanEvent, and REST (and the audit log, with JDA's reasons) shows the result.
 */
class JdaGuildAdminIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int GATEWAY_GUILD_MEMBERS = 1 << 14;

    private static TestServer server;
    private static ApiClient api;
    private static GuildFixture g;
    private static String botToken;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("core_jda_admin");
        api = server.client();
        g = new GuildFixture(server, "jdaadminowner", "JDA Admin Guild");
        Response app = api.post("/api/v10/applications", g.owner.auth(),
                Map.of("name", "Mod Bot", "flags", GATEWAY_GUILD_MEMBERS));
        assertThat(app.status()).as(app.raw()).isEqualTo(201);
        botToken = app.body().at("/bot/token").asText();
        String botId = app.body().at("/bot/id").asText();
        api.invite(g.owner, g.channelId, "Bot " + botToken);
        String modRole = g.role("Bot Mods", Permissions.MANAGE_ROLES | Permissions.KICK_MEMBERS
                | Permissions.BAN_MEMBERS | Permissions.VIEW_AUDIT_LOG);
        Response grant = api.call("PUT", g.guildPath() + "/members/" + botId + "/roles/" + modRole, g.owner.auth(),
                null);
        assertThat(grant.status()).as(grant.raw()).isEqualTo(204);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aJdaBotCreatesARoleAssignsItKicksAndBans() throws Exception {
        Account promoted = g.member("promoted");
        Account banned = g.member("tobebanned");
        JdaEventRecorder recorder = new JdaEventRecorder(WAIT);
        JDA jda = JdaClients.pointedAt(server, botToken, GatewayIntent.GUILD_MEMBERS, GatewayIntent.GUILD_MODERATION)
                .setCompression(Compression.NONE)
                .addEventListeners(recorder)
                .build()
                .awaitReady();
        try {
            Guild guild = jda.getGuildById(g.guildId);
            assertThat(guild).isNotNull();

            Role role = guild.createRole().setName("Made by JDA").setColor(new Color(0x00AA55)).setHoisted(true)
                    .reason("new team").complete();
            assertThat(role.getName()).isEqualTo("Made by JDA");
            assertThat(role.getColorRaw()).isEqualTo(0x00AA55);
            RoleCreateEvent created = recorder.await(RoleCreateEvent.class, e -> e.getRole().getId().equals(role.getId()));
            assertThat(created.getGuild().getId()).isEqualTo(g.guildId);
            assertThat(guild.getRoleById(role.getId())).isNotNull();
            Response restRole = api.get(g.guildPath() + "/roles/" + role.getId(), g.owner.auth());
            assertThat(restRole.status()).isEqualTo(200);
            assertThat(restRole.body().get("hoist").asBoolean()).isTrue();

            guild.addRoleToMember(UserSnowflake.fromId(promoted.userId()), role).reason("well done").complete();
            List<String> roles = new ArrayList<>();
            api.get(g.guildPath() + "/members/" + promoted.userId(), g.owner.auth()).body().get("roles")
                    .forEach(r -> roles.add(r.asText()));
            assertThat(roles).containsExactly(role.getId());

            guild.kick(UserSnowflake.fromId(promoted.userId())).reason("bye bye").complete();
            GuildMemberRemoveEvent kicked = recorder.await(GuildMemberRemoveEvent.class,
                    e -> e.getUser().getId().equals(promoted.userId()));
            assertThat(kicked.getGuild().getId()).isEqualTo(g.guildId);
            assertThat(api.get(g.guildPath() + "/members/" + promoted.userId(), g.owner.auth()).body().get("code")
                    .asInt()).isEqualTo(10007);

            guild.ban(UserSnowflake.fromId(banned.userId()), 0, TimeUnit.SECONDS).reason("for spam").complete();
            GuildBanEvent ban = recorder.await(GuildBanEvent.class, e -> e.getUser().getId().equals(banned.userId()));
            assertThat(ban.getGuild().getId()).isEqualTo(g.guildId);
            recorder.await(GuildMemberRemoveEvent.class, e -> e.getUser().getId().equals(banned.userId()));
            Guild.Ban fetched = guild.retrieveBan(UserSnowflake.fromId(banned.userId())).complete();
            assertThat(fetched.getReason()).isEqualTo("for spam");
            assertThat(guild.retrieveBanList().complete()).extracting(b -> b.getUser().getId())
                    .containsExactly(banned.userId());

            guild.unban(UserSnowflake.fromId(banned.userId())).complete();
            recorder.await(GuildUnbanEvent.class, e -> e.getUser().getId().equals(banned.userId()));

            JsonNode entries = api.get(g.guildPath() + "/audit-logs?user_id=" + jda.getSelfUser().getId(),
                    g.owner.auth()).body().get("audit_log_entries");
            List<String> reasons = new ArrayList<>();
            entries.forEach(e -> reasons.add(e.path("reason").asText(null)));
            assertThat(reasons).contains("new team", "well done", "bye bye", "for spam");
        } finally {
            jda.shutdownNow();
            jda.awaitShutdown(10, TimeUnit.SECONDS);
        }
    }
}
