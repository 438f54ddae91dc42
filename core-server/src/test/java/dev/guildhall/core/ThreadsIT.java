package dev.guildhall.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.core.gateway.Intents;
import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.ApiClient.Response;
import dev.guildhall.core.support.GatewayClient;
import dev.guildhall.core.support.KafkaEvents;
import dev.guildhall.core.support.TestServer;
import dev.guildhall.events.EventCodec;
import dev.guildhall.events.EventEnvelope;
import dev.guildhall.events.Topics;
import dev.guildhall.events.payload.ThreadCreated;
import dev.guildhall.events.payload.ThreadDeleted;
import dev.guildhall.events.payload.ThreadMembersChanged;
import dev.guildhall.events.payload.ThreadUpdated;
import dev.guildhall.testkit.Engines;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Threads end to end over REST and the gateway: starting threads (from a message, public and private without one),
 * posting in them, membership and its dispatches, private-thread visibility, Discord's archive/lock rules, deletion,
 * the listings and the auto-archive sweep.
 */
class ThreadsIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofMillis(700);
    private static final int INTENTS = Intents.GUILDS | Intents.GUILD_MESSAGES | Intents.MESSAGE_CONTENT;

    private static TestServer server;
    private static ApiClient api;
    private static Account owner;
    private static Account alice;
    private static Account bob;
    private static String guildId;
    private static String channelId;
    private final List<GatewayClient> sessions = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Engines.kafka().createTopic(Topics.GUILDS, 3);
        server = TestServer.start("core_threads");
        api = server.client();
        owner = api.register("thowner");
        alice = api.register("thalice");
        bob = api.register("thbob");
        guildId = api.createGuild(owner, "Thread Guild").get("id").asText();
        channelId = api.textChannel(owner, guildId);
        api.invite(owner, channelId, alice.auth());
        api.invite(owner, channelId, bob.auth());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void closeSessions() {
        sessions.forEach(GatewayClient::close);
        sessions.clear();
    }

    private GatewayClient session(Account who, int intents) throws InterruptedException {
        GatewayClient gw = GatewayClient.connect("ws://127.0.0.1:" + server.port() + "/gateway/?v=10&encoding=json");
        sessions.add(gw);
        assertThat(gw.next(WAIT).get("op").asInt()).isEqualTo(10);
        gw.identify(who.auth(), intents);
        assertThat(gw.nextDispatch("READY", WAIT)).isNotNull();
        return gw;
    }

    /** A session's GUILD_CREATE of the test guild. */
    private static JsonNode guildCreate(GatewayClient gw) throws InterruptedException {
        JsonNode p = gw.nextDispatch("GUILD_CREATE", WAIT);
        assertThat(p).isNotNull();
        return p.get("d");
    }

    private static void sql(String statement, Object... args) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.config().pgUrl(), server.config().pgUser(),
                server.config().pgPassword());
             PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }

    private static void everyone(long permissions) throws SQLException {
        sql("UPDATE roles SET permissions = ? WHERE id = ?", permissions, Long.parseLong(guildId));
    }

    private static String post(Account who, String channel, String content) {
        Response r = api.sendMessage(who.auth(), channel, content);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.str("id");
    }

    private static String name() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static JsonNode startPublic(Account who) {
        String messageId = post(who, channelId, "let's discuss");
        Response r = api.post("/api/v10/channels/" + channelId + "/messages/" + messageId + "/threads", who.auth(),
                Map.of("name", name()));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.body();
    }

    private static JsonNode startPrivate(Account who) {
        Response r = api.post("/api/v10/channels/" + channelId + "/threads", who.auth(), Map.of("name", name()));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.body();
    }

    private static Response patch(Account who, String threadId, String body) {
        return api.call("PATCH", "/api/v10/channels/" + threadId, who.auth(), body);
    }

    private static void expectError(Response r, int status, int code) {
        assertThat(r.status()).as(r.raw()).isEqualTo(status);
        assertThat(r.body().get("code").asInt()).as(r.raw()).isEqualTo(code);
    }

    /** The next dispatch of the type about the given id (d.id), skipping others. */
    private static JsonNode dispatchAbout(GatewayClient gw, String type, String id) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode p = gw.nextDispatch(type, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (p != null && id.equals(p.path("d").path("id").asText())) {
                return p.get("d");
            }
        }
        throw new AssertionError(type + " about " + id + " not received");
    }

    private static boolean receivedAbout(GatewayClient gw, String type, String id) throws InterruptedException {
        Thread.sleep(QUIET.toMillis());
        return gw.drain().stream().anyMatch(p -> type.equals(p.path("t").asText())
                && id.equals(p.path("d").path("id").asText()));
    }

    @Test
    void aThreadStartedFromAMessageSharesItsIdAndTheStarterMessageCarriesIt() throws Exception {
        GatewayClient bobGw = session(bob, INTENTS);
        guildCreate(bobGw);
        String messageId = post(alice, channelId, "an idea worth a thread");
        Response r = api.post("/api/v10/channels/" + channelId + "/messages/" + messageId + "/threads", alice.auth(),
                Map.of("name", "idea", "auto_archive_duration", 60));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        JsonNode t = r.body();
        assertThat(t.get("id").asText()).isEqualTo(messageId);
        assertThat(t.get("type").asInt()).isEqualTo(11);
        assertThat(t.get("parent_id").asText()).isEqualTo(channelId);
        assertThat(t.get("guild_id").asText()).isEqualTo(guildId);
        assertThat(t.get("owner_id").asText()).isEqualTo(alice.userId());
        assertThat(t.get("name").asText()).isEqualTo("idea");
        assertThat(t.get("message_count").asInt()).isZero();
        assertThat(t.get("member_count").asInt()).isEqualTo(1);
        JsonNode md = t.get("thread_metadata");
        assertThat(md.get("archived").asBoolean()).isFalse();
        assertThat(md.get("locked").asBoolean()).isFalse();
        assertThat(md.get("auto_archive_duration").asInt()).isEqualTo(60);
        assertThat(md.has("invitable")).isFalse();
        OffsetDateTime.parse(md.get("archive_timestamp").asText());
        OffsetDateTime.parse(md.get("create_timestamp").asText());
        assertThat(t.get("member").get("user_id").asText()).isEqualTo(alice.userId());

        JsonNode create = dispatchAbout(bobGw, "THREAD_CREATE", messageId);
        assertThat(create.get("newly_created").asBoolean()).isTrue();
        assertThat(create.get("parent_id").asText()).isEqualTo(channelId);
        JsonNode update = dispatchAbout(bobGw, "MESSAGE_UPDATE", messageId);
        assertThat(update.get("thread").get("id").asText()).isEqualTo(messageId);

        Response fetched = api.get("/api/v10/channels/" + channelId + "/messages/" + messageId, bob.auth());
        assertThat(fetched.body().get("thread").get("name").asText()).isEqualTo("idea");
        Response listed = api.get("/api/v10/channels/" + channelId + "/messages?limit=5", bob.auth());
        for (JsonNode m : listed.body()) {
            assertThat(m.has("thread")).as(m.toString()).isEqualTo(m.get("id").asText().equals(messageId));
        }

        Response again = api.post("/api/v10/channels/" + channelId + "/messages/" + messageId + "/threads",
                bob.auth(), Map.of("name", "again"));
        expectError(again, 400, 160004);
        Response unknownMessage = api.post("/api/v10/channels/" + channelId + "/messages/1/threads", bob.auth(),
                Map.of("name", "x"));
        expectError(unknownMessage, 404, 10008);
        Response inThread = api.post("/api/v10/channels/" + messageId + "/threads", bob.auth(),
                Map.of("name", "nested", "type", 11));
        expectError(inThread, 400, 50024);
        Response badDuration = api.post("/api/v10/channels/" + channelId + "/threads", bob.auth(),
                Map.of("name", "x", "auto_archive_duration", 61));
        expectError(badDuration, 400, 50035);
        assertThat(badDuration.body().at("/errors/auto_archive_duration/_errors/0/code").asText())
                .isEqualTo("BASE_TYPE_CHOICES");
        Response noName = api.post("/api/v10/channels/" + channelId + "/threads", bob.auth(), Map.of("type", 11));
        expectError(noName, 400, 50035);

        // threads are not listed among the guild's channels
        Response channels = api.get("/api/v10/guilds/" + guildId + "/channels", bob.auth());
        assertThat(channels.body().findValuesAsText("id")).doesNotContain(messageId);
    }

    @Test
    void postingInAThreadNeedsSendMessagesInThreadsAndCountsMessages() throws Exception {
        String threadId = startPublic(alice).get("id").asText();
        GatewayClient bobGw = session(bob, INTENTS);
        guildCreate(bobGw);
        String m1 = post(bob, threadId, "first reply");
        JsonNode created = bobGw.nextDispatch("MESSAGE_CREATE", WAIT).get("d");
        assertThat(created.get("channel_id").asText()).isEqualTo(threadId);
        assertThat(created.get("channel_type").asInt()).isEqualTo(11);
        String m2 = post(alice, threadId, "second reply");
        JsonNode t = api.get("/api/v10/channels/" + threadId, bob.auth()).body();
        assertThat(t.get("message_count").asInt()).isEqualTo(2);
        assertThat(t.get("total_message_sent").asInt()).isEqualTo(2);
        assertThat(t.get("last_message_id").asText()).isEqualTo(m2);
        assertThat(t.has("member")).as("bob has not joined").isFalse();
        List<String> inThread = new ArrayList<>();
        api.get("/api/v10/channels/" + threadId + "/messages", bob.auth()).body()
                .forEach(m -> inThread.add(m.get("id").asText()));
        assertThat(inThread).containsExactly(m2, m1);

        assertThat(api.call("DELETE", "/api/v10/channels/" + threadId + "/messages/" + m1, bob.auth(), null)
                .status()).isEqualTo(204);
        t = api.get("/api/v10/channels/" + threadId, bob.auth()).body();
        assertThat(t.get("message_count").asInt()).isEqualTo(1);
        assertThat(t.get("total_message_sent").asInt()).isEqualTo(2);

        // SEND_MESSAGES has no effect in threads: SEND_MESSAGES_IN_THREADS decides
        try {
            everyone(Permissions.DEFAULT_EVERYONE & ~Permissions.SEND_MESSAGES);
            assertThat(api.sendMessage(bob.auth(), threadId, "still allowed").status()).isEqualTo(200);
            expectError(api.sendMessage(bob.auth(), channelId, "not here"), 403, 50013);
            everyone(Permissions.DEFAULT_EVERYONE & ~Permissions.SEND_MESSAGES_IN_THREADS);
            expectError(api.sendMessage(bob.auth(), threadId, "not in threads"), 403, 50013);
            assertThat(api.sendMessage(bob.auth(), channelId, "but here").status()).isEqualTo(200);
        } finally {
            everyone(Permissions.DEFAULT_EVERYONE);
        }
    }

    @Test
    void aPrivateThreadIsVisibleOnlyToItsMembersAndModerators() throws Exception {
        JsonNode t = startPrivate(alice);
        String threadId = t.get("id").asText();
        assertThat(t.get("type").asInt()).isEqualTo(12);
        assertThat(t.get("thread_metadata").get("invitable").asBoolean()).isTrue();
        post(alice, threadId, "secret");

        // bob (not a member, no MANAGE_THREADS) cannot see or use it
        expectError(api.get("/api/v10/channels/" + threadId, bob.auth()), 403, 50001);
        expectError(api.get("/api/v10/channels/" + threadId + "/messages", bob.auth()), 403, 50001);
        expectError(api.sendMessage(bob.auth(), threadId, "let me in"), 403, 50001);
        expectError(api.call("PUT", "/api/v10/channels/" + threadId + "/thread-members/@me", bob.auth(), null),
                403, 50001);
        assertThat(api.get("/api/v10/guilds/" + guildId + "/threads/active", bob.auth()).body().get("threads")
                .findValuesAsText("id")).doesNotContain(threadId);
        GatewayClient bobGw = session(bob, INTENTS | Intents.GUILD_MEMBERS);
        assertThat(guildCreate(bobGw).get("threads").findValuesAsText("id")).doesNotContain(threadId);

        // the guild owner (MANAGE_THREADS) sees it; alice's GUILD_CREATE carries it with her membership
        assertThat(api.get("/api/v10/channels/" + threadId, owner.auth()).status()).isEqualTo(200);
        assertThat(api.get("/api/v10/guilds/" + guildId + "/threads/active", owner.auth()).body().get("threads")
                .findValuesAsText("id")).contains(threadId);
        GatewayClient aliceGw = session(alice, INTENTS);
        JsonNode mine = null;
        for (JsonNode th : guildCreate(aliceGw).get("threads")) {
            if (th.get("id").asText().equals(threadId)) {
                mine = th;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("member").has("join_timestamp")).isTrue();
        assertThat(mine.get("member").has("user_id")).as("GUILD_CREATE thread members omit ids").isFalse();

        // alice adds bob: bob gets THREAD_CREATE with his membership and THREAD_MEMBERS_UPDATE, then sees it
        Response add = api.call("PUT", "/api/v10/channels/" + threadId + "/thread-members/" + bob.userId(),
                alice.auth(), null);
        assertThat(add.status()).as(add.raw()).isEqualTo(204);
        JsonNode added = dispatchAbout(bobGw, "THREAD_MEMBERS_UPDATE", threadId);
        assertThat(added.get("member_count").asInt()).isEqualTo(2);
        assertThat(added.get("added_members").get(0).get("user_id").asText()).isEqualTo(bob.userId());
        assertThat(added.get("added_members").get(0).get("member").get("user").get("id").asText())
                .isEqualTo(bob.userId());
        JsonNode createForBob = dispatchAbout(bobGw, "THREAD_CREATE", threadId);
        assertThat(createForBob.get("member").get("user_id").asText()).isEqualTo(bob.userId());
        assertThat(api.get("/api/v10/channels/" + threadId, bob.auth()).body().get("member").get("user_id")
                .asText()).isEqualTo(bob.userId());
        assertThat(api.sendMessage(bob.auth(), threadId, "thanks").status()).isEqualTo(200);

        // not invitable: only moderators may add others
        assertThat(patch(alice, threadId, "{\"invitable\":false}").body().get("thread_metadata").get("invitable")
                .asBoolean()).isFalse();
        Account carol = api.register("thcarol");
        api.invite(owner, channelId, carol.auth());
        expectError(api.call("PUT", "/api/v10/channels/" + threadId + "/thread-members/" + carol.userId(),
                bob.auth(), null), 403, 50013);
        // alice (creator of the private thread) removes bob: he can no longer see it
        assertThat(api.call("DELETE", "/api/v10/channels/" + threadId + "/thread-members/" + bob.userId(),
                alice.auth(), null).status()).isEqualTo(204);
        JsonNode removed = dispatchAbout(bobGw, "THREAD_MEMBERS_UPDATE", threadId);
        assertThat(removed.get("removed_member_ids").get(0).asText()).isEqualTo(bob.userId());
        expectError(api.get("/api/v10/channels/" + threadId, bob.auth()), 403, 50001);
    }

    @Test
    void membershipRoutesAndTheirDispatches() throws Exception {
        String threadId = startPublic(alice).get("id").asText();
        GatewayClient bobGw = session(bob, INTENTS); // without GUILD_MEMBERS: only what concerns him
        guildCreate(bobGw);
        GatewayClient ownerGw = session(owner, INTENTS | Intents.GUILD_MEMBERS);
        guildCreate(ownerGw);
        GatewayClient aliceGw = session(alice, INTENTS); // without GUILD_MEMBERS

        assertThat(api.call("PUT", "/api/v10/channels/" + threadId + "/thread-members/@me", bob.auth(), null)
                .status()).isEqualTo(204);
        JsonNode self = dispatchAbout(bobGw, "THREAD_MEMBERS_UPDATE", threadId);
        assertThat(self.get("added_members").get(0).get("user_id").asText()).isEqualTo(bob.userId());
        assertThat(dispatchAbout(bobGw, "THREAD_CREATE", threadId).get("member").get("user_id").asText())
                .isEqualTo(bob.userId());
        assertThat(dispatchAbout(ownerGw, "THREAD_MEMBERS_UPDATE", threadId).get("member_count").asInt())
                .isEqualTo(2);
        assertThat(receivedAbout(aliceGw, "THREAD_MEMBERS_UPDATE", threadId))
                .as("others' joins need GUILD_MEMBERS").isFalse();
        // joining twice changes nothing
        assertThat(api.call("PUT", "/api/v10/channels/" + threadId + "/thread-members/@me", bob.auth(), null)
                .status()).isEqualTo(204);
        assertThat(receivedAbout(bobGw, "THREAD_MEMBERS_UPDATE", threadId)).isFalse();

        Response one = api.get("/api/v10/channels/" + threadId + "/thread-members/" + bob.userId()
                + "?with_member=true", alice.auth());
        assertThat(one.status()).as(one.raw()).isEqualTo(200);
        assertThat(one.body().get("id").asText()).isEqualTo(threadId);
        assertThat(one.body().get("flags").asInt()).isZero();
        assertThat(one.body().get("member").get("user").get("id").asText()).isEqualTo(bob.userId());
        assertThat(api.get("/api/v10/channels/" + threadId + "/thread-members/" + bob.userId(), alice.auth()).body()
                .has("member")).isFalse();
        expectError(api.get("/api/v10/channels/" + threadId + "/thread-members/" + owner.userId(), alice.auth()),
                404, 10007);

        List<String> all = api.get("/api/v10/channels/" + threadId + "/thread-members", alice.auth()).body()
                .findValuesAsText("user_id");
        assertThat(all).containsExactlyInAnyOrder(alice.userId(), bob.userId());
        String first = all.stream().sorted((a, b) -> Long.compareUnsigned(Long.parseLong(a), Long.parseLong(b)))
                .findFirst().orElseThrow();
        Response page = api.get("/api/v10/channels/" + threadId + "/thread-members?with_member=true&limit=1&after="
                + first, alice.auth());
        assertThat(page.body()).hasSize(1);
        assertThat(page.body().get(0).get("user_id").asText()).isNotEqualTo(first);
        assertThat(page.body().get(0).has("member")).isTrue();

        // the owner (MANAGE_THREADS) removes bob from a public thread; bob leaves nothing behind
        assertThat(api.call("DELETE", "/api/v10/channels/" + threadId + "/thread-members/" + bob.userId(),
                owner.auth(), null).status()).isEqualTo(204);
        assertThat(dispatchAbout(bobGw, "THREAD_MEMBERS_UPDATE", threadId).get("removed_member_ids").get(0).asText())
                .isEqualTo(bob.userId());
        assertThat(api.call("DELETE", "/api/v10/channels/" + threadId + "/thread-members/@me", alice.auth(), null)
                .status()).isEqualTo(204);
        assertThat(dispatchAbout(aliceGw, "THREAD_MEMBERS_UPDATE", threadId).get("member_count").asInt()).isZero();
        assertThat(api.get("/api/v10/channels/" + threadId + "/thread-members", owner.auth()).body()).isEmpty();
    }

    @Test
    void archivingLockingAndUnarchivingFollowDiscordsRules() throws Exception {
        String threadId = startPublic(alice).get("id").asText();
        String early = post(alice, threadId, "before the archive");
        String thumbs = "/api/v10/channels/" + threadId + "/messages/" + early + "/reactions/%F0%9F%91%8D/@me";
        GatewayClient bobGw = session(bob, INTENTS);
        guildCreate(bobGw);

        // the owner may archive; an archived thread cannot be edited until unarchived
        Response archived = patch(alice, threadId, "{\"archived\":true}");
        assertThat(archived.status()).as(archived.raw()).isEqualTo(200);
        assertThat(dispatchAbout(bobGw, "THREAD_UPDATE", threadId).get("thread_metadata").get("archived")
                .asBoolean()).isTrue();
        expectError(patch(alice, threadId, "{\"name\":\"renamed\"}"), 400, 50083);
        expectError(api.call("PUT", "/api/v10/channels/" + threadId + "/thread-members/@me", bob.auth(), null), 400,
                50083);
        expectError(api.call("PATCH", "/api/v10/channels/" + threadId + "/messages/" + early, alice.auth(),
                "{\"content\":\"edited\"}"), 400, 50083);
        expectError(api.call("PUT", thumbs, bob.auth(), null), 400, 50083);
        assertThat(api.get("/api/v10/channels/" + channelId + "/threads/archived/public", bob.auth()).body()
                .get("threads").findValuesAsText("id")).contains(threadId);
        assertThat(api.get("/api/v10/guilds/" + guildId + "/threads/active", bob.auth()).body().get("threads")
                .findValuesAsText("id")).doesNotContain(threadId);

        // a message unarchives an unlocked thread
        post(bob, threadId, "reviving");
        assertThat(dispatchAbout(bobGw, "THREAD_UPDATE", threadId).get("thread_metadata").get("archived")
                .asBoolean()).isFalse();

        // locking needs MANAGE_THREADS; a locked thread takes messages only from moderators
        expectError(patch(alice, threadId, "{\"locked\":true}"), 403, 50013);
        expectError(patch(bob, threadId, "{\"name\":\"bob's\"}"), 403, 50013);
        assertThat(patch(owner, threadId, "{\"locked\":true}").body().get("thread_metadata").get("locked")
                .asBoolean()).isTrue();
        expectError(api.sendMessage(bob.auth(), threadId, "locked out"), 403, 160005);
        expectError(api.call("PATCH", "/api/v10/channels/" + threadId + "/messages/" + early, alice.auth(),
                "{\"content\":\"edited\"}"), 403, 160005);
        expectError(api.call("PUT", thumbs, bob.auth(), null), 403, 160005);
        assertThat(api.call("PUT", thumbs, owner.auth(), null).status()).isEqualTo(204);
        expectError(patch(alice, threadId, "{\"name\":\"owner renames\"}"), 403, 160005);
        assertThat(api.sendMessage(owner.auth(), threadId, "moderator note").status()).isEqualTo(200);

        // a locked archived thread: only moderators unarchive (by PATCH or by posting)
        assertThat(patch(owner, threadId, "{\"archived\":true}").status()).isEqualTo(200);
        expectError(patch(alice, threadId, "{\"archived\":false}"), 403, 50013);
        expectError(api.sendMessage(alice.auth(), threadId, "let me"), 400, 50083);
        expectError(patch(alice, threadId, "{\"archived\":false,\"locked\":false}"), 403, 50013);
        JsonNode reopened = patch(owner, threadId, "{\"archived\":false,\"locked\":false,\"name\":\"reopened\","
                + "\"auto_archive_duration\":4320}").body();
        assertThat(reopened.get("name").asText()).isEqualTo("reopened");
        assertThat(reopened.get("thread_metadata").get("archived").asBoolean()).isFalse();
        assertThat(reopened.get("thread_metadata").get("locked").asBoolean()).isFalse();
        assertThat(reopened.get("thread_metadata").get("auto_archive_duration").asInt()).isEqualTo(4320);
        expectError(patch(owner, threadId, "{\"auto_archive_duration\":5}"), 400, 50035);
        assertThat(patch(alice, threadId, "{\"name\":\"owner renames\"}").body().get("name").asText())
                .isEqualTo("owner renames");
    }

    @Test
    void deletingAThreadNeedsManageThreads() throws Exception {
        String threadId = startPublic(alice).get("id").asText();
        post(alice, threadId, "soon gone");
        GatewayClient bobGw = session(bob, INTENTS);
        guildCreate(bobGw);
        expectError(api.call("DELETE", "/api/v10/channels/" + threadId, alice.auth(), null), 403, 50013);
        Response deleted = api.call("DELETE", "/api/v10/channels/" + threadId, owner.auth(), null);
        assertThat(deleted.status()).as(deleted.raw()).isEqualTo(200);
        assertThat(deleted.body().get("id").asText()).isEqualTo(threadId);
        JsonNode d = dispatchAbout(bobGw, "THREAD_DELETE", threadId);
        assertThat(d.get("guild_id").asText()).isEqualTo(guildId);
        assertThat(d.get("parent_id").asText()).isEqualTo(channelId);
        assertThat(d.get("type").asInt()).isEqualTo(11);
        expectError(api.get("/api/v10/channels/" + threadId, alice.auth()), 404, 10003);

        // a private thread's deletion reaches its members, not the others
        String privateId = startPrivate(alice).get("id").asText();
        GatewayClient aliceGw = session(alice, INTENTS);
        guildCreate(aliceGw);
        assertThat(api.call("DELETE", "/api/v10/channels/" + privateId, owner.auth(), null).status()).isEqualTo(200);
        assertThat(dispatchAbout(aliceGw, "THREAD_DELETE", privateId).get("type").asInt()).isEqualTo(12);
        assertThat(receivedAbout(bobGw, "THREAD_DELETE", privateId)).isFalse();
    }

    @Test
    void archivedListingsByKind() throws Exception {
        String publicId = startPublic(alice).get("id").asText();
        String privateId = startPrivate(alice).get("id").asText();
        assertThat(patch(alice, publicId, "{\"archived\":true}").status()).isEqualTo(200);
        assertThat(patch(alice, privateId, "{\"archived\":true}").status()).isEqualTo(200);

        JsonNode pub = api.get("/api/v10/channels/" + channelId + "/threads/archived/public?limit=100",
                alice.auth()).body();
        assertThat(pub.get("threads").findValuesAsText("id")).contains(publicId).doesNotContain(privateId);
        assertThat(pub.get("members").findValuesAsText("id")).contains(publicId);
        assertThat(pub.get("has_more").asBoolean()).isFalse();
        JsonNode limited = api.get("/api/v10/channels/" + channelId + "/threads/archived/public?limit=1&before="
                + Instant.now().plusSeconds(60), alice.auth()).body();
        assertThat(limited.get("threads")).hasSize(1);

        expectError(api.get("/api/v10/channels/" + channelId + "/threads/archived/private", alice.auth()), 403,
                50013);
        assertThat(api.get("/api/v10/channels/" + channelId + "/threads/archived/private", owner.auth()).body()
                .get("threads").findValuesAsText("id")).contains(privateId).doesNotContain(publicId);
        assertThat(api.get("/api/v10/channels/" + channelId + "/users/@me/threads/archived/private", alice.auth())
                .body().get("threads").findValuesAsText("id")).contains(privateId);
        assertThat(api.get("/api/v10/channels/" + channelId + "/users/@me/threads/archived/private", bob.auth())
                .body().get("threads")).isEmpty();
        expectError(api.get("/api/v10/channels/" + privateId + "/threads/archived/public", owner.auth()), 400, 50024);
    }

    @Test
    void inactiveThreadsAreArchivedBySweep() throws Exception {
        String threadId = startPublic(alice).get("id").asText();
        assertThat(patch(alice, threadId, "{\"auto_archive_duration\":60}").status()).isEqualTo(200);
        GatewayClient bobGw = session(bob, INTENTS);
        guildCreate(bobGw);
        sql("UPDATE thread_metadata SET last_activity = now() - interval '61 minutes' WHERE thread_id = ?",
                Long.parseLong(threadId));
        JsonNode update = dispatchAbout(bobGw, "THREAD_UPDATE", threadId);
        assertThat(update.get("thread_metadata").get("archived").asBoolean()).isTrue();
        assertThat(api.get("/api/v10/channels/" + threadId, alice.auth()).body().get("thread_metadata")
                .get("archived").asBoolean()).isTrue();

        // a thread active within its duration stays
        String fresh = startPublic(alice).get("id").asText();
        sql("UPDATE thread_metadata SET last_activity = now() - interval '59 minutes', auto_archive_duration = 60"
                + " WHERE thread_id = ?", Long.parseLong(fresh));
        assertThat(receivedAbout(bobGw, "THREAD_UPDATE", fresh)).isFalse();
        Thread.sleep(6000);
        assertThat(api.get("/api/v10/channels/" + fresh, alice.auth()).body().get("thread_metadata")
                .get("archived").asBoolean()).isFalse();
    }

    @Test
    void deletingAChannelDeletesItsThreads() throws Exception {
        Response created = api.post("/api/v10/guilds/" + guildId + "/channels", owner.auth(),
                Map.of("name", "doomed", "type", 0));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String parent = created.str("id");
        String starter = post(alice, parent, "a thread starts here");
        Response pub = api.post("/api/v10/channels/" + parent + "/messages/" + starter + "/threads", alice.auth(),
                Map.of("name", name()));
        assertThat(pub.status()).as(pub.raw()).isEqualTo(201);
        String publicId = pub.str("id");
        post(bob, publicId, "in the public thread");
        Response priv = api.post("/api/v10/channels/" + parent + "/threads", alice.auth(), Map.of("name", name()));
        assertThat(priv.status()).as(priv.raw()).isEqualTo(201);
        String privateId = priv.str("id");
        assertThat(patch(alice, publicId, "{\"archived\":true}").status()).isEqualTo(200);
        GatewayClient aliceGw = session(alice, INTENTS);
        guildCreate(aliceGw);
        GatewayClient bobGw = session(bob, INTENTS);
        guildCreate(bobGw);

        Response deleted = api.call("DELETE", "/api/v10/channels/" + parent, owner.auth(), null);
        assertThat(deleted.status()).as(deleted.raw()).isEqualTo(200);

        // alice (member of the private thread) learns of both threads' deletion, then of the channel's
        List<String> order = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (order.size() < 3 && System.nanoTime() < deadline) {
            JsonNode p = aliceGw.next(WAIT);
            if (p != null && p.path("t").asText().matches("THREAD_DELETE|CHANNEL_DELETE")) {
                order.add(p.path("t").asText() + " " + p.at("/d/id").asText());
                if (p.path("t").asText().equals("THREAD_DELETE")) {
                    assertThat(p.at("/d/parent_id").asText()).isEqualTo(parent);
                    assertThat(p.at("/d/guild_id").asText()).isEqualTo(guildId);
                }
            }
        }
        assertThat(order).containsExactly("THREAD_DELETE " + publicId, "THREAD_DELETE " + privateId,
                "CHANNEL_DELETE " + parent);
        // bob gets the public thread's (archived threads included), not the private one's
        assertThat(dispatchAbout(bobGw, "THREAD_DELETE", publicId).get("type").asInt()).isEqualTo(11);
        assertThat(dispatchAbout(bobGw, "CHANNEL_DELETE", parent)).isNotNull();
        assertThat(receivedAbout(bobGw, "THREAD_DELETE", privateId)).isFalse();

        expectError(api.get("/api/v10/channels/" + publicId, owner.auth()), 404, 10003);
        expectError(api.get("/api/v10/channels/" + privateId + "/messages", owner.auth()), 404, 10003);
        assertThat(api.get("/api/v10/guilds/" + guildId + "/threads/active", owner.auth()).body().get("threads")
                .findValuesAsText("id")).doesNotContain(publicId, privateId);

        // each thread's thread.deleted event, by the channel's deleter
        Predicate<EventEnvelope> threadDeleted = e -> e.type().equals("thread.deleted")
                && List.of(publicId, privateId).contains(EventCodec.payload(e, ThreadDeleted.class).threadId());
        List<ThreadDeleted> gone = KafkaEvents.read(Topics.GUILDS, guildId,
                        events -> events.stream().filter(threadDeleted).count() == 2, Duration.ofSeconds(60))
                .stream().filter(threadDeleted).map(e -> EventCodec.payload(e, ThreadDeleted.class)).toList();
        assertThat(gone).extracting(ThreadDeleted::threadId).containsExactly(publicId, privateId);
        assertThat(gone).allSatisfy(d -> {
            assertThat(d.parentId()).isEqualTo(parent);
            assertThat(d.actorId()).isEqualTo(owner.userId());
        });
    }

    @Test
    void everyThreadChangeReachesKafkaOnTheGuildsTopic() {
        String threadId = startPublic(alice).get("id").asText();
        assertThat(api.call("PUT", "/api/v10/channels/" + threadId + "/thread-members/@me", bob.auth(), null)
                .status()).isEqualTo(204);
        assertThat(patch(alice, threadId, "{\"archived\":true}").status()).isEqualTo(200);
        assertThat(api.call("DELETE", "/api/v10/channels/" + threadId, owner.auth(), null).status()).isEqualTo(200);

        List<String> wanted = List.of("thread.created", "thread.members_changed", "thread.updated", "thread.deleted");
        List<EventEnvelope> events = consume(threadId, wanted.size(), Duration.ofSeconds(60));
        assertThat(events).extracting(EventEnvelope::type).containsExactlyElementsOf(wanted);
        assertThat(events).allSatisfy(e -> assertThat(e.guildId()).isEqualTo(guildId));
        ThreadCreated created = EventCodec.payload(events.get(0), ThreadCreated.class);
        assertThat(created.parentId()).isEqualTo(channelId);
        assertThat(created.ownerId()).isEqualTo(alice.userId());
        assertThat(created.type()).isEqualTo(11);
        ThreadMembersChanged joined = EventCodec.payload(events.get(1), ThreadMembersChanged.class);
        assertThat(joined.addedUserIds()).containsExactly(bob.userId());
        assertThat(joined.memberCount()).isEqualTo(2);
        ThreadUpdated archived = EventCodec.payload(events.get(2), ThreadUpdated.class);
        assertThat(archived.archived()).isTrue();
        assertThat(archived.actorId()).isEqualTo(alice.userId());
        assertThat(EventCodec.payload(events.get(3), ThreadDeleted.class).actorId()).isEqualTo(owner.userId());
    }

    /** The events about one thread on guildhall.guilds, in partition order. */
    private static List<EventEnvelope> consume(String threadId, int count, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Engines.kafka().bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "threads-it-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<EventEnvelope> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(Topics.GUILDS));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && out.size() < count) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (new String(r.value(), StandardCharsets.UTF_8).contains("\"thread_id\":\"" + threadId + "\"")) {
                        out.add(EventCodec.decode(r.value()));
                    }
                }
            }
        }
        return out;
    }
}
