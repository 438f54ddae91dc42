package dev.guildhall.core.channels;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.ApiClient.Response;
import dev.guildhall.core.support.GatewayClient;
import dev.guildhall.core.support.TestServer;
import dev.guildhall.events.EventCodec;
import dev.guildhall.events.EventEnvelope;
import dev.guildhall.events.Topics;
import dev.guildhall.events.payload.ChannelCreated;
import dev.guildhall.events.payload.ChannelDeleted;
import dev.guildhall.events.payload.ChannelUpdated;
import dev.guildhall.testkit.Engines;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guild channels through REST and the gateway: CRUD, positions, permission overwrites changing what a member can
 * see and do, category permission syncing, CHANNEL_* dispatches and the channel.* events on guildhall.guilds.
 */
class ChannelsIT {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final int GUILDS_INTENT = 1;

    private static TestServer server;
    private static ApiClient api;
    private static Account owner;
    private static Account member;
    private static String guildId;
    private static String generalId;

    @BeforeAll
    static void start() throws Exception {
        Engines.kafka().createTopic(Topics.GUILDS, 3);
        server = TestServer.start("core_channels");
        api = server.client();
        owner = api.register("chowner");
        member = api.register("chmember");
        guildId = api.createGuild(owner, "Channels Guild").get("id").asText();
        generalId = api.textChannel(owner, guildId);
        api.invite(owner, generalId, member.auth());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String gatewayUrl() {
        return "ws://127.0.0.1:" + server.port() + "/gateway/?v=10&encoding=json";
    }

    /** A gateway session for the account that has received its GUILD_CREATE. */
    private static GatewayClient gateway(Account a) throws InterruptedException {
        GatewayClient gw = GatewayClient.connect(gatewayUrl());
        assertThat(gw.next(WAIT)).isNotNull(); // HELLO
        gw.identify(a.token(), GUILDS_INTENT);
        assertThat(gw.nextDispatch("GUILD_CREATE", WAIT)).isNotNull();
        return gw;
    }

    private static Response create(Account a, Object body) {
        return api.post("/api/v10/guilds/" + guildId + "/channels", a.auth(), body);
    }

    private static JsonNode created(Object body) {
        Response r = create(owner, body);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.body();
    }

    private static Response patch(String path, Account a, Object body) {
        return api.call("PATCH", path, a.auth(), body instanceof String s ? s : ApiClient.json(body));
    }

    private static Response putOverwrite(String channelId, String targetId, int type, long allow, long deny) {
        return api.call("PUT", "/api/v10/channels/" + channelId + "/permissions/" + targetId, owner.auth(),
                ApiClient.json(Map.of("type", type, "allow", Long.toString(allow), "deny", Long.toString(deny))));
    }

    private static List<String> visibleChannels(Account a) {
        Response r = api.get("/api/v10/guilds/" + guildId + "/channels", a.auth());
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        r.body().forEach(ch -> ids.add(ch.path("id").asText()));
        return ids;
    }

    private static void sql(String statement, long... args) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.config().pgUrl(), server.config().pgUser(),
                server.config().pgPassword());
             PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                ps.setLong(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }

    @Test
    void createdChannelsHaveDiscordsShapeAndAreDispatched() throws Exception {
        try (GatewayClient gw = gateway(member)) {
            JsonNode text = created(Map.of("name", "lobby", "topic", "hello", "rate_limit_per_user", 5,
                    "nsfw", true));
            assertThat(text.path("type").asInt()).isZero();
            assertThat(text.path("name").asText()).isEqualTo("lobby");
            assertThat(text.path("topic").asText()).isEqualTo("hello");
            assertThat(text.path("rate_limit_per_user").asInt()).isEqualTo(5);
            assertThat(text.path("nsfw").asBoolean()).isTrue();
            assertThat(text.path("guild_id").asText()).isEqualTo(guildId);
            assertThat(text.path("position").isInt()).isTrue();
            assertThat(text.path("permission_overwrites").isArray()).isTrue();
            JsonNode dispatch = gw.nextDispatch("CHANNEL_CREATE", WAIT);
            assertThat(dispatch).as("CHANNEL_CREATE").isNotNull();
            assertThat(dispatch.at("/d/id").asText()).isEqualTo(text.path("id").asText());

            JsonNode voice = created(Map.of("name", "Raid Voice", "type", 2, "bitrate", 96000, "user_limit", 10));
            assertThat(voice.path("bitrate").asInt()).isEqualTo(96000);
            assertThat(voice.path("user_limit").asInt()).isEqualTo(10);
            JsonNode stage = created(Map.of("name", "Town Hall", "type", 13));
            assertThat(stage.path("bitrate").asInt()).isEqualTo(64000);
            assertThat(stage.path("user_limit").asInt()).isZero();
            JsonNode voiceDispatch = gw.nextDispatch("CHANNEL_CREATE", WAIT);
            assertThat(voiceDispatch.at("/d/bitrate").asInt()).isEqualTo(96000);
            assertThat(voiceDispatch.at("/d/user_limit").asInt()).isEqualTo(10);
            assertThat(voiceDispatch.at("/d/position").isInt()).isTrue();

            JsonNode category = created(Map.of("name", "Events", "type", 4));
            JsonNode announcement = created(Map.of("name", "news", "type", 5, "parent_id",
                    category.path("id").asText()));
            assertThat(announcement.path("parent_id").asText()).isEqualTo(category.path("id").asText());
            Response got = api.get("/api/v10/channels/" + announcement.path("id").asText(), member.auth());
            assertThat(got.status()).isEqualTo(200);
            assertThat(got.body().path("type").asInt()).isEqualTo(5);
            assertThat(visibleChannels(member)).contains(text.path("id").asText(), voice.path("id").asText(),
                    category.path("id").asText(), announcement.path("id").asText());
        }
    }

    @Test
    void invalidBodiesAnswer50035WithNestedErrors() {
        Response noName = create(owner, Map.of("type", 0));
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.body().path("code").asInt()).isEqualTo(50035);
        assertThat(noName.body().at("/errors/name/_errors/0/code").asText()).isEqualTo("BASE_TYPE_REQUIRED");

        Response longName = create(owner, Map.of("name", "x".repeat(101)));
        assertThat(longName.body().at("/errors/name/_errors/0/code").asText()).isEqualTo("BASE_TYPE_BAD_LENGTH");

        Response badType = create(owner, Map.of("name", "dm", "type", 1));
        assertThat(badType.body().at("/errors/type/_errors/0/code").asText()).isEqualTo("BASE_TYPE_CHOICES");

        Response badOverwrite = create(owner, "{\"name\":\"x\",\"permission_overwrites\":[{\"id\":\"" + guildId
                + "\",\"type\":7,\"allow\":\"abc\"}]}");
        assertThat(badOverwrite.status()).isEqualTo(400);
        assertThat(badOverwrite.body().at("/errors/permission_overwrites/0/type/_errors/0/code").asText())
                .isEqualTo("BASE_TYPE_CHOICES");
        assertThat(badOverwrite.body().at("/errors/permission_overwrites/0/allow/_errors/0/code").asText())
                .isEqualTo("NUMBER_TYPE_COERCE");

        Response parentNotCategory = create(owner, Map.of("name", "child", "parent_id", generalId));
        assertThat(parentNotCategory.body().at("/errors/parent_id/_errors/0/code").asText())
                .isEqualTo("CHANNEL_PARENT_INVALID_TYPE");

        Response tooLoud = create(owner, Map.of("name", "loud", "type", 2, "bitrate", 128000, "user_limit", 100));
        assertThat(tooLoud.body().at("/errors/bitrate/_errors/0/code").asText()).isEqualTo("NUMBER_TYPE_MAX");
        assertThat(tooLoud.body().at("/errors/user_limit/_errors/0/code").asText()).isEqualTo("NUMBER_TYPE_MAX");

        Response rateLimit = create(owner, Map.of("name", "slow", "rate_limit_per_user", 21601));
        assertThat(rateLimit.body().at("/errors/rate_limit_per_user/_errors/0/code").asText())
                .isEqualTo("NUMBER_TYPE_MAX");
    }

    @Test
    void patchChangesSettingsAndOnlyConvertsBetweenTextAndAnnouncement() throws Exception {
        String id = created(Map.of("name", "patch-me")).path("id").asText();
        try (GatewayClient gw = gateway(member)) {
            Response r = patch("/api/v10/channels/" + id, owner, Map.of("name", "patched", "topic", "t",
                    "type", 5, "position", 7));
            assertThat(r.status()).as(r.raw()).isEqualTo(200);
            assertThat(r.body().path("name").asText()).isEqualTo("patched");
            assertThat(r.body().path("type").asInt()).isEqualTo(5);
            assertThat(r.body().path("position").asInt()).isEqualTo(7);
            JsonNode update = gw.nextDispatch("CHANNEL_UPDATE", WAIT);
            assertThat(update).isNotNull();
            assertThat(update.at("/d/name").asText()).isEqualTo("patched");
        }
        Response toVoice = patch("/api/v10/channels/" + id, owner, Map.of("type", 2));
        assertThat(toVoice.status()).isEqualTo(400);
        assertThat(toVoice.body().at("/errors/type/_errors/0/code").asText()).isEqualTo("BASE_TYPE_CHOICES");
        Response memberTry = patch("/api/v10/channels/" + id, member, Map.of("name", "mine"));
        assertThat(memberTry.status()).isEqualTo(403);
        assertThat(memberTry.body().path("code").asInt()).isEqualTo(50013);
    }

    @Test
    void overwritesChangeWhatAMemberCanSeeAndDo() throws Exception {
        String id = created(Map.of("name", "secret")).path("id").asText();
        assertThat(api.sendMessage(member.auth(), id, "before").status()).isEqualTo(200);

        assertThat(putOverwrite(id, guildId, 0, 0, Permissions.VIEW_CHANNEL).status()).isEqualTo(204);
        Response got = api.get("/api/v10/channels/" + id, owner.auth());
        assertThat(got.body().path("permission_overwrites")).hasSize(1);
        assertThat(got.body().at("/permission_overwrites/0/id").asText()).isEqualTo(guildId);
        assertThat(got.body().at("/permission_overwrites/0/type").asInt()).isZero();
        assertThat(got.body().at("/permission_overwrites/0/deny").asText())
                .isEqualTo(Long.toString(Permissions.VIEW_CHANNEL));
        assertThat(got.body().at("/permission_overwrites/0/allow").asText()).isEqualTo("0");
        assertThat(visibleChannels(member)).doesNotContain(id).contains(generalId);
        assertThat(visibleChannels(owner)).contains(id);
        Response hidden = api.sendMessage(member.auth(), id, "hidden");
        assertThat(hidden.status()).isEqualTo(403);
        assertThat(hidden.body().path("code").asInt()).isEqualTo(50001);
        assertThat(api.get("/api/v10/channels/" + id + "/messages", member.auth()).body().path("code").asInt())
                .isEqualTo(50001);

        // a member overwrite allowing VIEW_CHANNEL restores it
        try (GatewayClient gw = gateway(member)) {
            assertThat(putOverwrite(id, member.userId(), 1, Permissions.VIEW_CHANNEL, 0).status()).isEqualTo(204);
            JsonNode update = gw.nextDispatch("CHANNEL_UPDATE", WAIT);
            assertThat(update).as("member sees the channel again").isNotNull();
            assertThat(update.at("/d/id").asText()).isEqualTo(id);
            assertThat(update.at("/d/permission_overwrites")).hasSize(2);
        }
        assertThat(visibleChannels(member)).contains(id);
        assertThat(api.sendMessage(member.auth(), id, "back").status()).isEqualTo(200);

        // a member deny of SEND_MESSAGES beats @everyone: 50013 (the channel stays visible)
        assertThat(putOverwrite(id, member.userId(), 1, Permissions.VIEW_CHANNEL, Permissions.SEND_MESSAGES)
                .status()).isEqualTo(204);
        Response muted = api.sendMessage(member.auth(), id, "muted");
        assertThat(muted.status()).isEqualTo(403);
        assertThat(muted.body().path("code").asInt()).isEqualTo(50013);

        // deleting the overwrites gives the default back; deleting again is 10009
        String base = "/api/v10/channels/" + id + "/permissions/";
        assertThat(api.call("DELETE", base + member.userId(), owner.auth(), null).status()).isEqualTo(204);
        assertThat(api.call("DELETE", base + guildId, owner.auth(), null).status()).isEqualTo(204);
        Response again = api.call("DELETE", base + guildId, owner.auth(), null);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.body().path("code").asInt()).isEqualTo(10009);
        assertThat(api.sendMessage(member.auth(), id, "default").status()).isEqualTo(200);

        // unknown targets
        Response unknownRole = putOverwrite(id, "123456789", 0, 0, 0);
        assertThat(unknownRole.body().path("code").asInt()).isEqualTo(10011);
    }

    @Test
    void aMemberMayOnlyGrantPermissionsTheyHave() throws Exception {
        String id = created(Map.of("name", "delegated")).path("id").asText();
        long roleId = Long.parseLong(guildId) + 77;
        sql("INSERT INTO roles (id, guild_id, name, permissions, position) VALUES (?, ?, 'Stewards', ?, 1)", roleId,
                Long.parseLong(guildId), Permissions.DEFAULT_EVERYONE | Permissions.MANAGE_ROLES);
        sql("INSERT INTO member_roles (guild_id, user_id, role_id) VALUES (?, ?, ?)", Long.parseLong(guildId),
                Long.parseLong(member.userId()), roleId);
        try {
            String path = "/api/v10/channels/" + id + "/permissions/" + guildId;
            Response own = api.call("PUT", path, member.auth(), ApiClient.json(Map.of("type", 0,
                    "deny", Long.toString(Permissions.SEND_MESSAGES))));
            assertThat(own.status()).as(own.raw()).isEqualTo(204);
            Response notOwn = api.call("PUT", path, member.auth(), ApiClient.json(Map.of("type", 0,
                    "allow", Long.toString(Permissions.MANAGE_MESSAGES))));
            assertThat(notOwn.status()).isEqualTo(403);
            assertThat(notOwn.body().path("code").asInt()).isEqualTo(50013);
        } finally {
            sql("DELETE FROM roles WHERE id = ?", roleId);
        }
    }

    @Test
    void timedOutMembersCanReadButNotSend() throws Exception {
        String id = created(Map.of("name", "timeout-room")).path("id").asText();
        sql("UPDATE members SET communication_disabled_until = now() + interval '1 hour'"
                + " WHERE guild_id = ? AND user_id = ?", Long.parseLong(guildId), Long.parseLong(member.userId()));
        try {
            assertThat(visibleChannels(member)).contains(id);
            assertThat(api.get("/api/v10/channels/" + id + "/messages", member.auth()).status()).isEqualTo(200);
            Response send = api.sendMessage(member.auth(), id, "shh");
            assertThat(send.status()).isEqualTo(403);
            assertThat(send.body().path("code").asInt()).isEqualTo(50013);
        } finally {
            sql("UPDATE members SET communication_disabled_until = NULL WHERE guild_id = ? AND user_id = ?",
                    Long.parseLong(guildId), Long.parseLong(member.userId()));
        }
        assertThat(api.sendMessage(member.auth(), id, "free").status()).isEqualTo(200);
    }

    @Test
    void guildCreateCarriesTheOverwrites() throws Exception {
        String id = created(Map.of("name", "gc-overwrites", "permission_overwrites", List.of(Map.of("id",
                member.userId(), "type", 1, "allow", Long.toString(Permissions.ATTACH_FILES))))).path("id").asText();
        try (GatewayClient gw = GatewayClient.connect(gatewayUrl())) {
            assertThat(gw.next(WAIT)).isNotNull();
            gw.identify(owner.token(), GUILDS_INTENT);
            JsonNode guild = gw.nextDispatch("GUILD_CREATE", WAIT);
            assertThat(guild).isNotNull();
            JsonNode channel = null;
            for (JsonNode ch : guild.at("/d/channels")) {
                if (ch.path("id").asText().equals(id)) {
                    channel = ch;
                }
            }
            assertThat(channel).as("channel in GUILD_CREATE").isNotNull();
            assertThat(channel.path("permission_overwrites")).hasSize(1);
            assertThat(channel.at("/permission_overwrites/0/id").asText()).isEqualTo(member.userId());
            assertThat(channel.at("/permission_overwrites/0/type").asInt()).isEqualTo(1);
            assertThat(channel.at("/permission_overwrites/0/allow").asText())
                    .isEqualTo(Long.toString(Permissions.ATTACH_FILES));
        }
    }

    @Test
    void categoriesHandTheirOverwritesToNewAndSyncedChildren() {
        String category = created(Map.of("name", "Staff", "type", 4, "permission_overwrites",
                List.of(Map.of("id", guildId, "type", 0, "deny", Long.toString(Permissions.VIEW_CHANNEL)))))
                .path("id").asText();
        JsonNode synced = created(Map.of("name", "staff-chat", "parent_id", category));
        assertThat(synced.path("permission_overwrites")).hasSize(1);
        assertThat(synced.at("/permission_overwrites/0/deny").asText())
                .isEqualTo(Long.toString(Permissions.VIEW_CHANNEL));
        String own = created(Map.of("name", "staff-lobby", "parent_id", category, "permission_overwrites",
                List.of())).path("id").asText();
        assertThat(visibleChannels(member)).doesNotContain(category, synced.path("id").asText()).contains(own);

        // changing the category changes the synced child, not the one with its own overwrites
        assertThat(putOverwrite(category, member.userId(), 1, Permissions.VIEW_CHANNEL, 0).status()).isEqualTo(204);
        assertThat(visibleChannels(member)).contains(category, synced.path("id").asText(), own);
        JsonNode ownNow = api.get("/api/v10/channels/" + own, owner.auth()).body();
        assertThat(ownNow.path("permission_overwrites")).isEmpty();
    }

    @Test
    void deletingACategoryOrphansItsChildren() throws Exception {
        String category = created(Map.of("name", "Old", "type", 4)).path("id").asText();
        String child = created(Map.of("name", "old-chat", "parent_id", category)).path("id").asText();
        try (GatewayClient gw = gateway(member)) {
            Response r = api.call("DELETE", "/api/v10/channels/" + category, owner.auth(), null);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body().path("id").asText()).isEqualTo(category);
            assertThat(r.body().path("type").asInt()).isEqualTo(4);
            JsonNode deleted = gw.nextDispatch("CHANNEL_DELETE", WAIT);
            assertThat(deleted).isNotNull();
            assertThat(deleted.at("/d/id").asText()).isEqualTo(category);
            JsonNode orphan = gw.nextDispatch("CHANNEL_UPDATE", WAIT);
            assertThat(orphan).isNotNull();
            assertThat(orphan.at("/d/id").asText()).isEqualTo(child);
            assertThat(orphan.at("/d/parent_id").isNull()).isTrue();
        }
        Response gone = api.get("/api/v10/channels/" + category, owner.auth());
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.body().path("code").asInt()).isEqualTo(10003);
        assertThat(api.get("/api/v10/channels/" + child, owner.auth()).body().path("parent_id").isNull()).isTrue();
    }

    @Test
    void positionsAndParentsMoveThroughTheGuildRoute() throws Exception {
        String category = created(Map.of("name", "Moved", "type", 4, "permission_overwrites",
                List.of(Map.of("id", member.userId(), "type", 1, "allow",
                        Long.toString(Permissions.VIEW_CHANNEL))))).path("id").asText();
        String a = created(Map.of("name", "move-a")).path("id").asText();
        String b = created(Map.of("name", "move-b")).path("id").asText();
        String path = "/api/v10/guilds/" + guildId + "/channels";
        Response r = patch(path, owner, List.of(Map.of("id", a, "position", 40),
                Map.of("id", b, "position", 41, "parent_id", category, "lock_permissions", true)));
        assertThat(r.status()).as(r.raw()).isEqualTo(204);
        JsonNode movedA = api.get("/api/v10/channels/" + a, owner.auth()).body();
        JsonNode movedB = api.get("/api/v10/channels/" + b, owner.auth()).body();
        assertThat(movedA.path("position").asInt()).isEqualTo(40);
        assertThat(movedB.path("position").asInt()).isEqualTo(41);
        assertThat(movedB.path("parent_id").asText()).isEqualTo(category);
        assertThat(movedB.at("/permission_overwrites/0/id").asText()).isEqualTo(member.userId());

        Response two = patch(path, owner, List.of(Map.of("id", a, "parent_id", category),
                Map.of("id", b, "parent_id", anotherCategory())));
        assertThat(two.status()).isEqualTo(400);
        assertThat(two.body().path("code").asInt()).isEqualTo(40009);

        Response notArray = patch(path, owner, Map.of("id", a));
        assertThat(notArray.body().path("code").asInt()).isEqualTo(50035);
        Response badEntry = patch(path, owner, List.of(Map.of("position", 1)));
        assertThat(badEntry.body().at("/errors/0/id/_errors/0/code").asText()).isEqualTo("BASE_TYPE_REQUIRED");
    }

    /** Another category, so that a second entry changes its parent too. */
    private static String anotherCategory() {
        return created(Map.of("name", "Other", "type", 4)).path("id").asText();
    }

    @Test
    void threadTargetsOfTheChannelRoutesGoToTheThreadService() {
        String parent = created(Map.of("name", "thread-parent")).path("id").asText();
        Response started = api.post("/api/v10/channels/" + parent + "/threads", owner.auth(),
                Map.of("name", "a thread", "type", 11));
        assertThat(started.status()).as(started.raw()).isEqualTo(201);
        String threadId = started.str("id");
        // GET: the thread channel object (thread_metadata), not a guild channel with overwrites
        Response got = api.get("/api/v10/channels/" + threadId, member.auth());
        assertThat(got.status()).as(got.raw()).isEqualTo(200);
        assertThat(got.body().path("type").asInt()).isEqualTo(11);
        assertThat(got.body().path("parent_id").asText()).isEqualTo(parent);
        assertThat(got.body().has("thread_metadata")).as(got.raw()).isTrue();
        // PATCH: thread fields (archived) are understood, which the guild-channel form does not know
        Response archived = patch("/api/v10/channels/" + threadId, owner, Map.of("archived", true));
        assertThat(archived.status()).as(archived.raw()).isEqualTo(200);
        assertThat(archived.body().at("/thread_metadata/archived").asBoolean()).as(archived.raw()).isTrue();
        // threads are not guild channels: not listed with them
        assertThat(visibleChannels(owner)).contains(parent).doesNotContain(threadId);
        // a thread has its parent's permissions: hiding the parent hides the thread
        assertThat(putOverwrite(parent, guildId, 0, 0, Permissions.VIEW_CHANNEL).status()).isEqualTo(204);
        Response hidden = api.get("/api/v10/channels/" + threadId, member.auth());
        assertThat(hidden.status()).isEqualTo(403);
        assertThat(hidden.body().path("code").asInt()).isEqualTo(50001);
        // DELETE: the thread service deletes it and answers with the deleted thread object
        Response deleted = api.call("DELETE", "/api/v10/channels/" + threadId, owner.auth(), null);
        assertThat(deleted.status()).as(deleted.raw()).isEqualTo(200);
        assertThat(deleted.body().path("type").asInt()).isEqualTo(11);
        assertThat(api.get("/api/v10/channels/" + threadId, owner.auth()).status()).isEqualTo(404);
        // deleting the parent deletes its threads
        String second = api.post("/api/v10/channels/" + parent + "/threads", owner.auth(),
                Map.of("name", "another thread", "type", 11)).str("id");
        assertThat(api.call("DELETE", "/api/v10/channels/" + parent, owner.auth(), null).status()).isEqualTo(200);
        assertThat(api.get("/api/v10/channels/" + second, owner.auth()).status()).isEqualTo(404);
    }

    @Test
    void changesAreEventsOnTheGuildsTopic() {
        JsonNode ch = created(Map.of("name", "evented", "type", 0));
        String id = ch.path("id").asText();
        assertThat(patch("/api/v10/channels/" + id, owner, Map.of("name", "evented-2")).status()).isEqualTo(200);
        assertThat(putOverwrite(id, guildId, 0, 0, Permissions.SEND_MESSAGES).status()).isEqualTo(204);
        assertThat(api.call("DELETE", "/api/v10/channels/" + id, owner.auth(), null).status()).isEqualTo(200);

        List<EventEnvelope> events = consume(e -> id.equals(e.payload().path("channel_id").asText()), 4);
        assertThat(events).extracting(EventEnvelope::type).containsExactly("channel.created", "channel.updated",
                "channel.updated", "channel.deleted");
        assertThat(events).allSatisfy(e -> assertThat(e.guildId()).isEqualTo(guildId));
        ChannelCreated created = EventCodec.payload(events.get(0), ChannelCreated.class);
        assertThat(created.name()).isEqualTo("evented");
        assertThat(created.actorId()).isEqualTo(owner.userId());
        assertThat(EventCodec.payload(events.get(1), ChannelUpdated.class).changed()).containsExactly("name");
        assertThat(EventCodec.payload(events.get(2), ChannelUpdated.class).changed())
                .containsExactly("permission_overwrites");
        assertThat(EventCodec.payload(events.get(3), ChannelDeleted.class).name()).isEqualTo("evented-2");
    }

    /** Reads guildhall.guilds from the beginning until {@code count} matching events arrived (keyed by guild). */
    private static List<EventEnvelope> consume(Predicate<EventEnvelope> wanted, int count) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Engines.kafka().bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "channels-it-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<EventEnvelope> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(Topics.GUILDS));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline && out.size() < count) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    EventEnvelope e = EventCodec.decode(r.value());
                    if (wanted.test(e)) {
                        assertThat(r.key()).isEqualTo(guildId);
                        out.add(e);
                    }
                }
            }
        }
        return out;
    }
}
