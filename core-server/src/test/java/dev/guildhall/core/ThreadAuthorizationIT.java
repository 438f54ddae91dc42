package dev.guildhall.core;

import dev.guildhall.core.http.Router;
import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.ApiClient.Response;
import dev.guildhall.core.support.TestServer;
import dev.guildhall.core.threads.ThreadRoutes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authorization matrix of the thread routes (ThreadRoutes, plus PATCH/DELETE /channels/{id} on a thread): every
 * route × (no token, non-member, member without the permission, member with it, owner) → the expected status and
 * Discord code. The test fails when a thread route has no row.
 */
class ThreadAuthorizationIT {
    private static TestServer server;
    private static ApiClient api;
    private static Account owner;
    private static Account plain;
    private static Account moderator;
    private static Account target;
    private static Account outsider;
    private static String guildId;
    private static String channelId;
    private static String shared;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("core_thread_authz");
        api = server.client();
        owner = api.register("thauthzowner");
        plain = api.register("thauthzplain");
        moderator = api.register("thauthzmod");
        target = api.register("thauthztarget");
        outsider = api.register("thauthzout");
        guildId = api.createGuild(owner, "Thread Authz Guild").get("id").asText();
        channelId = api.textChannel(owner, guildId);
        api.invite(owner, channelId, plain.auth());
        api.invite(owner, channelId, moderator.auth());
        api.invite(owner, channelId, target.auth());
        long roleId = Long.parseLong(guildId) + 1;
        sql("INSERT INTO roles (id, guild_id, name, permissions, position) VALUES (?, ?, 'Moderators', ?, 1)",
                roleId, Long.parseLong(guildId), Permissions.DEFAULT_EVERYONE | Permissions.MANAGE_THREADS);
        sql("INSERT INTO member_roles (guild_id, user_id, role_id) VALUES (?, ?, ?)", Long.parseLong(guildId),
                Long.parseLong(moderator.userId()), roleId);
        shared = thread(owner);
        String archived = thread(owner);
        assertThat(api.call("PATCH", "/api/v10/channels/" + archived, owner.auth(), "{\"archived\":true}").status())
                .isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
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

    private static void everyone(long permissions) throws SQLException {
        sql("UPDATE roles SET permissions = ? WHERE id = ?", permissions, Long.parseLong(guildId));
    }

    private static String message() {
        Response r = api.sendMessage(owner.auth(), channelId, "authz");
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.str("id");
    }

    /** A fresh public thread started by {@code by}. */
    private static String thread(Account by) {
        Response r = api.post("/api/v10/channels/" + channelId + "/threads", by.auth(),
                Map.of("name", "t-" + UUID.randomUUID().toString().substring(0, 6), "type", 11));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.str("id");
    }

    /** A fresh public thread (started by the owner) that {@code member} has joined. */
    private static String joined(Account member) {
        String id = thread(owner);
        Response r = api.call("PUT", "/api/v10/channels/" + id + "/thread-members/" + member.userId(), owner.auth(),
                null);
        assertThat(r.status()).as(r.raw()).isEqualTo(204);
        return id;
    }

    private static String ch() {
        return "/api/v10/channels/" + channelId;
    }

    /**
     * A route: the permission a plain member lacks in the "without" case (MANAGE_THREADS: plain members never have
     * it, the moderator does; anything else is taken away from @everyone), the success status, the status and code
     * of the member without it, and how to build a fresh request for a caller.
     */
    record Row(String method, String template, long permission, int ok, int deniedStatus, int deniedCode,
               Function<Account, String[]> request) {
    }

    private static String[] req(String path, String body) {
        return new String[]{path, body};
    }

    private static List<Row> rows() {
        long manage = Permissions.MANAGE_THREADS;
        long view = Permissions.VIEW_CHANNEL;
        long history = Permissions.READ_MESSAGE_HISTORY;
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("POST", "/channels/{channel_id}/messages/{message_id}/threads",
                Permissions.CREATE_PUBLIC_THREADS, 201, 403, 50013,
                a -> req(ch() + "/messages/" + message() + "/threads", "{\"name\":\"from message\"}")));
        rows.add(new Row("POST", "/channels/{channel_id}/threads", Permissions.CREATE_PRIVATE_THREADS, 201, 403,
                50013, a -> req(ch() + "/threads", "{\"name\":\"private\",\"type\":12}")));
        rows.add(new Row("PUT", "/channels/{channel_id}/thread-members/@me", view, 204, 403, 50001,
                a -> req("/api/v10/channels/" + thread(owner) + "/thread-members/@me", null)));
        rows.add(new Row("DELETE", "/channels/{channel_id}/thread-members/@me", view, 204, 403, 50001,
                a -> req("/api/v10/channels/" + joined(a) + "/thread-members/@me", null)));
        rows.add(new Row("PUT", "/channels/{channel_id}/thread-members/{user_id}",
                Permissions.SEND_MESSAGES_IN_THREADS, 204, 403, 50013,
                a -> req("/api/v10/channels/" + thread(owner) + "/thread-members/" + target.userId(), null)));
        rows.add(new Row("DELETE", "/channels/{channel_id}/thread-members/{user_id}", manage, 204, 403, 50013,
                a -> req("/api/v10/channels/" + joined(target) + "/thread-members/" + target.userId(), null)));
        rows.add(new Row("GET", "/channels/{channel_id}/thread-members/{user_id}", view, 200, 403, 50001,
                a -> req("/api/v10/channels/" + shared + "/thread-members/" + owner.userId(), null)));
        rows.add(new Row("GET", "/channels/{channel_id}/thread-members", view, 200, 403, 50001,
                a -> req("/api/v10/channels/" + shared + "/thread-members?with_member=true", null)));
        // any member may list; without VIEW_CHANNEL the list is simply empty
        rows.add(new Row("GET", "/guilds/{guild_id}/threads/active", view, 200, 200, 0,
                a -> req("/api/v10/guilds/" + guildId + "/threads/active", null)));
        rows.add(new Row("GET", "/channels/{channel_id}/threads/archived/public", history, 200, 403, 50013,
                a -> req(ch() + "/threads/archived/public", null)));
        rows.add(new Row("GET", "/channels/{channel_id}/threads/archived/private", manage, 200, 403, 50013,
                a -> req(ch() + "/threads/archived/private?limit=10", null)));
        rows.add(new Row("GET", "/channels/{channel_id}/users/@me/threads/archived/private", history, 200, 403,
                50013, a -> req(ch() + "/users/@me/threads/archived/private", null)));
        // a thread started by the owner: renaming it needs MANAGE_THREADS (or being its creator)
        rows.add(new Row("PATCH", "/channels/{channel_id}", manage, 200, 403, 50013,
                a -> req("/api/v10/channels/" + thread(owner), "{\"name\":\"renamed\"}")));
        rows.add(new Row("DELETE", "/channels/{channel_id}", manage, 200, 403, 50013,
                a -> req("/api/v10/channels/" + thread(owner), null)));
        return rows;
    }

    private static Response call(Row row, Account caller, Account as) {
        String[] r = row.request().apply(as);
        return api.call(row.method(), r[0], caller == null ? null : caller.auth(), r[1]);
    }

    private static void expect(Row row, String who, Response r, int status, int code) {
        String what = row.method() + " " + row.template() + " as " + who + ": " + r.raw();
        assertThat(r.status()).as(what).isEqualTo(status);
        if (code != 0) {
            assertThat(r.body().get("code").asInt()).as(what).isEqualTo(code);
        }
    }

    @Test
    void everyThreadRouteHasARowAndEachCallerGetsTheDocumentedAnswer() throws Exception {
        List<Row> rows = rows();
        Set<String> covered = new TreeSet<>();
        rows.forEach(r -> covered.add(r.method() + " " + r.template()));
        Set<String> expected = registeredThreadRoutes();
        expected.add("PATCH /channels/{channel_id}");
        expected.add("DELETE /channels/{channel_id}");
        assertThat(covered).as("rows").containsExactlyInAnyOrderElementsOf(expected);

        for (Row row : rows) {
            expect(row, "nobody", call(row, null, owner), 401, 0);
            expect(row, "non-member", call(row, outsider, owner), 403, 50001);
            String[] prepared = row.request().apply(plain);
            if (row.permission() != Permissions.MANAGE_THREADS) {
                everyone(Permissions.DEFAULT_EVERYONE & ~row.permission());
            }
            try {
                expect(row, "member without", api.call(row.method(), prepared[0], plain.auth(), prepared[1]),
                        row.deniedStatus(), row.deniedCode());
            } finally {
                everyone(Permissions.DEFAULT_EVERYONE);
            }
            Account with = row.permission() == Permissions.MANAGE_THREADS ? moderator : plain;
            expect(row, "member with", call(row, with, with), row.ok(), 0);
            expect(row, "owner", call(row, owner, owner), row.ok(), 0);
        }
    }

    /** The routes ThreadRoutes registers (on a scratch router). */
    @SuppressWarnings("unchecked")
    private static Set<String> registeredThreadRoutes() throws ReflectiveOperationException {
        Router router = new Router();
        ThreadRoutes.register(router, null, null, null);
        Field f = Router.class.getDeclaredField("routes");
        f.setAccessible(true);
        Set<String> out = new TreeSet<>();
        for (Router.Route r : (List<Router.Route>) f.get(router)) {
            out.add(r.method().name() + " " + r.template());
        }
        return out;
    }
}
