package dev.guildhall.core.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.GatewayClient;
import dev.guildhall.core.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * VIEW_CHANNEL gating of channel dispatches over real sessions: a member whose @everyone loses VIEW_CHANNEL stops
 * receiving the channel's MESSAGE_CREATE, a member with a role that grants it keeps receiving, and the answer
 * follows further changes (cache invalidated, never stale). Permission-changing routes run as permission changes:
 * while one is in flight, deliveries are checked against the database, not a cached answer.
 */
class GatewayVisibilityIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofMillis(1200);
    private static final int INTENTS = Intents.GUILDS | Intents.GUILD_MESSAGES | Intents.GUILD_MESSAGE_TYPING;

    private static TestServer server;
    private static ApiClient api;
    private static Account owner;
    private static Account plain;
    private static Account viewer;
    private static long guildId;
    private static String channelId;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("core_gateway_visibility", Map.of("gateway.heartbeat.interval.ms", "30000"));
        api = server.client();
        owner = api.register("visowner");
        plain = api.register("visplain");
        viewer = api.register("visviewer");
        guildId = Long.parseLong(api.createGuild(owner, "Visibility").get("id").asText());
        channelId = api.textChannel(owner, String.valueOf(guildId));
        api.invite(owner, channelId, plain.auth());
        api.invite(owner, channelId, viewer.auth());
        long roleId = guildId + 1;
        server.sql("INSERT INTO roles (id, guild_id, name, permissions, position) VALUES (?, ?, 'viewer', ?, 1)",
                roleId, guildId, Permissions.VIEW_CHANNEL | Permissions.SEND_MESSAGES);
        server.sql("INSERT INTO member_roles (guild_id, user_id, role_id) VALUES (?, ?, ?)", guildId,
                Long.parseLong(viewer.userId()), roleId);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static GatewayClient identified(Account a) throws InterruptedException {
        GatewayClient gw = GatewayClient.connect("ws://127.0.0.1:" + server.port() + "/gateway/?v=10&encoding=json");
        assertThat(gw.next(WAIT).get("op").asInt()).isEqualTo(10);
        gw.identify(a.token(), INTENTS);
        assertThat(gw.nextDispatch("GUILD_CREATE", WAIT)).isNotNull();
        return gw;
    }

    private static String post(String content) {
        ApiClient.Response r = api.sendMessage(owner.auth(), channelId, content);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.str("id");
    }

    private static void everyone(long permissions) throws Exception {
        server.sql("UPDATE roles SET permissions = ? WHERE id = ?", permissions, guildId);
    }

    private static void assertReceives(GatewayClient gw, String messageId) throws InterruptedException {
        JsonNode m = gw.nextDispatch("MESSAGE_CREATE", WAIT);
        assertThat(m).as("MESSAGE_CREATE " + messageId).isNotNull();
        assertThat(m.at("/d/id").asText()).isEqualTo(messageId);
    }

    @Test
    void memberWhoLosesViewChannelStopsReceivingTheChannelWhileOthersStillDo() throws Exception {
        ChannelVisibility visibility = server.server().channelVisibility();
        try (GatewayClient plainGw = identified(plain); GatewayClient viewerGw = identified(viewer);
             GatewayClient ownerGw = identified(owner)) {
            String first = post("everyone sees this");
            assertReceives(plainGw, first);
            assertReceives(viewerGw, first);
            assertReceives(ownerGw, first);

            // the deny, made the strict way: a permission change open around the transaction
            try (ChannelVisibility.PermissionChange change = visibility.permissionChange(guildId)) {
                everyone(Permissions.DEFAULT_EVERYONE & ~Permissions.VIEW_CHANNEL);
            }
            String hidden = post("only viewers see this");
            assertReceives(viewerGw, hidden);
            assertReceives(ownerGw, hidden);
            assertThat(plainGw.nextDispatch("MESSAGE_CREATE", QUIET)).as("no MESSAGE_CREATE without VIEW_CHANNEL")
                    .isNull();

            // allowed again (SQL, then the invalidation hook): the cached "false" does not outlive it
            everyone(Permissions.DEFAULT_EVERYONE);
            visibility.invalidate(guildId);
            String visible = post("visible again");
            assertReceives(plainGw, visible);
            assertReceives(viewerGw, visible);

            // denied again through a permission-affecting dispatch passing the bus (as GUILD_ROLE_UPDATE does)
            everyone(Permissions.DEFAULT_EVERYONE & ~Permissions.VIEW_CHANNEL);
            visibility.observe(guildId, Dispatch.guildWide("GUILD_ROLE_UPDATE", ApiClient.JSON.createObjectNode(),
                    Intents.GUILDS));
            String again = post("hidden again");
            assertReceives(viewerGw, again);
            assertThat(plainGw.nextDispatch("MESSAGE_CREATE", QUIET)).isNull();

            // typing in the channel is gated the same way; the plain member's session is still healthy
            assertThat(api.post("/api/v10/channels/" + channelId + "/typing", owner.auth(), "").status())
                    .isEqualTo(204);
            assertThat(viewerGw.nextDispatch("TYPING_START", WAIT)).isNotNull();
            assertThat(plainGw.nextDispatch("TYPING_START", QUIET)).isNull();
            plainGw.heartbeat(null);
            assertThat(plainGw.nextNonAck(Duration.ofMillis(300))).isNull();
        } finally {
            everyone(Permissions.DEFAULT_EVERYONE);
            visibility.invalidate(guildId);
        }
    }

    /**
     * The window between a deny's commit and its dispatch, made wide: the test holds a row lock the permission change
     * needs, so its request stays in its transaction; meanwhile the database already says the member may not view
     * the channel (as it will once the deny commits) and a message is posted. With the change open around the
     * transaction, that message is checked against the database and does not reach the member; a cached "may view"
     * from before would deliver it.
     */
    @Test
    void whileAPermissionChangeIsInFlightDeliveriesAreCheckedAgainstTheDatabase() throws Exception {
        Account racer = api.register("visracer");
        api.invite(owner, channelId, racer.auth());
        long racerId = Long.parseLong(racer.userId());
        String overwrite = "/api/v10/channels/" + channelId + "/permissions/" + racer.userId();
        assertThat(api.call("PUT", overwrite, owner.auth(), "{\"type\":1,\"allow\":\"0\",\"deny\":\"0\"}")
                .status()).isEqualTo(204);
        String roleId = api.post("/api/v10/guilds/" + guildId + "/roles", owner.auth(),
                Map.of("name", "racers", "permissions", "0"))
                .str("id");
        String memberRole = "/api/v10/guilds/" + guildId + "/members/" + racer.userId() + "/roles/" + roleId;
        assertThat(api.call("PUT", memberRole, owner.auth(), null).status()).isEqualTo(204);
        try (GatewayClient racerGw = identified(racer)) {
            inFlight(racerGw, "channel overwrite PUT",
                    "SELECT 1 FROM permission_overwrites WHERE channel_id = ? AND target_id = ? FOR UPDATE",
                    new long[]{Long.parseLong(channelId), racerId}, "PUT", overwrite,
                    "{\"type\":1,\"allow\":\"0\",\"deny\":\"" + Permissions.VIEW_CHANNEL + "\"}", 204);
            api.call("DELETE", overwrite, owner.auth(), null);
            inFlight(racerGw, "role PATCH", "SELECT 1 FROM roles WHERE id = ? FOR UPDATE",
                    new long[]{Long.parseLong(roleId)}, "PATCH", "/api/v10/guilds/" + guildId + "/roles/" + roleId,
                    "{\"name\":\"renamed racers\"}", 200);
            inFlight(racerGw, "member role DELETE",
                    "SELECT 1 FROM members WHERE guild_id = ? AND user_id = ? FOR UPDATE",
                    new long[]{guildId, racerId}, "DELETE", memberRole, null, 204);
        }
    }

    /**
     * Warms the member's cached answer, blocks the request in its transaction behind the test's row lock, denies
     * VIEW_CHANNEL in the database directly, posts, and expects no MESSAGE_CREATE for the member.
     */
    private static void inFlight(GatewayClient member, String what, String lockSql, long[] lockArgs, String method,
                                 String path, String body, int ok) throws Exception {
        assertReceives(member, post("warms the cached answer before " + what));
        try (Connection lock = DriverManager.getConnection(server.config().pgUrl(), server.config().pgUser(),
                server.config().pgPassword())) {
            lock.setAutoCommit(false);
            try (PreparedStatement ps = lock.prepareStatement(lockSql)) {
                for (int i = 0; i < lockArgs.length; i++) {
                    ps.setLong(i + 1, lockArgs[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).as(what + ": row to lock").isTrue();
                }
            }
            CompletableFuture<ApiClient.Response> change = CompletableFuture.supplyAsync(
                    () -> api.call(method, path, owner.auth(), body));
            try {
                awaitBlocked(lock, what);
                everyone(Permissions.DEFAULT_EVERYONE & ~Permissions.VIEW_CHANNEL);
                post("posted while " + what + " is in flight");
                assertThat(member.nextDispatch("MESSAGE_CREATE", QUIET))
                        .as(what + ": no MESSAGE_CREATE judged by a cached answer").isNull();
            } finally {
                lock.rollback();
                everyone(Permissions.DEFAULT_EVERYONE);
            }
            ApiClient.Response r = change.get(20, TimeUnit.SECONDS);
            assertThat(r.status()).as(what + ": " + r.raw()).isEqualTo(ok);
        }
        server.server().channelVisibility().invalidate(guildId);
        member.drain();
    }

    /** Waits until another backend waits for a lock held by this connection's backend. */
    private static void awaitBlocked(Connection lock, String what) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try (PreparedStatement ps = lock.prepareStatement(
                    "SELECT count(*) FROM pg_stat_activity WHERE pg_backend_pid() = ANY(pg_blocking_pids(pid))");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError(what + " never waited for the test's lock");
    }
}
