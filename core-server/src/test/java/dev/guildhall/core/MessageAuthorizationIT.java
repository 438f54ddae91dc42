package dev.guildhall.core;

import dev.guildhall.core.http.Router;
import dev.guildhall.core.messages.MessageRoutes;
import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.ApiClient.Response;
import dev.guildhall.core.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authorization matrix of the message routes: every route × (no token, non-member, member without the permission,
 * member with it, owner) → the expected status and Discord code. The test fails when a message route has no row.
 */
class MessageAuthorizationIT {
    private static final long MANAGE_MESSAGES = 1L << 13;
    private static final String THUMBS = URLEncoder.encode("👍", StandardCharsets.UTF_8);

    private static TestServer server;
    private static ApiClient api;
    private static Account owner;
    private static Account plain;
    private static Account moderator;
    private static Account outsider;
    private static String guildId;
    private static String channelId;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("core_msg_authz");
        api = server.client();
        owner = api.register("authzowner");
        plain = api.register("authzplain");
        moderator = api.register("authzmod");
        outsider = api.register("authzout");
        guildId = api.createGuild(owner, "Authz Guild").get("id").asText();
        channelId = api.textChannel(owner, guildId);
        api.invite(owner, channelId, plain.auth());
        api.invite(owner, channelId, moderator.auth());
        long roleId = Long.parseLong(guildId) + 1;
        sql("INSERT INTO roles (id, guild_id, name, permissions, position) VALUES (?, ?, 'Moderators', ?, 1)",
                roleId, Long.parseLong(guildId), Permissions.DEFAULT_EVERYONE | MANAGE_MESSAGES);
        sql("INSERT INTO member_roles (guild_id, user_id, role_id) VALUES (?, ?, ?)", Long.parseLong(guildId),
                Long.parseLong(moderator.userId()), roleId);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static void sql(String statement, long... args) throws SQLException {
        server.sql(statement, args);
    }

    private static void everyone(long permissions) throws SQLException {
        sql("UPDATE roles SET permissions = ? WHERE id = ?", permissions, Long.parseLong(guildId));
    }

    private static String message(Account author) {
        Response r = api.sendMessage(author.auth(), channelId, "authz");
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.str("id");
    }

    private static String reacted(Account by) {
        String id = message(owner);
        Response r = api.call("PUT", base() + "/messages/" + id + "/reactions/" + THUMBS + "/@me", by.auth(), null);
        assertThat(r.status()).as(r.raw()).isEqualTo(204);
        return id;
    }

    private static String pinned() {
        String id = message(owner);
        assertThat(api.call("PUT", base() + "/pins/" + id, owner.auth(), null).status()).isEqualTo(204);
        return id;
    }

    private static String base() {
        return "/api/v10/channels/" + channelId;
    }

    /**
     * A route: how to build a fresh request for a caller, the permission a member needs (0 = author-only rule),
     * the success status, and the error of a member without it.
     */
    record Row(String method, String template, long permission, int ok, int deniedCode,
               Function<Account, String[]> request) {
    }

    private static String[] req(String path, String body) {
        return new String[]{path, body};
    }

    private static List<Row> rows() {
        long history = Permissions.READ_MESSAGE_HISTORY;
        long send = Permissions.SEND_MESSAGES;
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("GET", "/channels/{channel_id}/messages", history, 200, 50013,
                a -> req(base() + "/messages?limit=5", null)));
        rows.add(new Row("POST", "/channels/{channel_id}/messages", send, 200, 50013,
                a -> req(base() + "/messages", "{\"content\":\"hi\"}")));
        rows.add(new Row("GET", "/channels/{channel_id}/messages/{message_id}", history, 200, 50013,
                a -> req(base() + "/messages/" + message(owner), null)));
        // author-only: the member "without" edits someone else's message
        rows.add(new Row("PATCH", "/channels/{channel_id}/messages/{message_id}", 0, 200, 50005,
                a -> req(base() + "/messages/" + message(a == plainWithout ? owner : a), "{\"content\":\"e\"}")));
        // the author, or MANAGE_MESSAGES: the member "without" deletes the owner's message
        rows.add(new Row("DELETE", "/channels/{channel_id}/messages/{message_id}", MANAGE_MESSAGES, 204, 50013,
                a -> req(base() + "/messages/" + message(owner), null)));
        rows.add(new Row("POST", "/channels/{channel_id}/messages/bulk-delete", MANAGE_MESSAGES, 204, 50013,
                a -> req(base() + "/messages/bulk-delete",
                        "{\"messages\":[\"" + message(owner) + "\",\"" + message(owner) + "\"]}")));
        rows.add(new Row("PUT", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me",
                Permissions.ADD_REACTIONS, 204, 50013,
                a -> req(base() + "/messages/" + message(owner) + "/reactions/" + THUMBS + "/@me", null)));
        rows.add(new Row("DELETE", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me", history,
                204, 50013, a -> req(base() + "/messages/" + reacted(a == null ? owner : a) + "/reactions/"
                + THUMBS + "/@me", null)));
        rows.add(new Row("GET", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}", history, 200, 50013,
                a -> req(base() + "/messages/" + reacted(owner) + "/reactions/" + THUMBS, null)));
        rows.add(new Row("DELETE", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/{user_id}",
                MANAGE_MESSAGES, 204, 50013, a -> req(base() + "/messages/" + reacted(owner) + "/reactions/"
                + THUMBS + "/" + owner.userId(), null)));
        rows.add(new Row("DELETE", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}", MANAGE_MESSAGES,
                204, 50013, a -> req(base() + "/messages/" + reacted(owner) + "/reactions/" + THUMBS, null)));
        rows.add(new Row("DELETE", "/channels/{channel_id}/messages/{message_id}/reactions", MANAGE_MESSAGES, 204,
                50013, a -> req(base() + "/messages/" + reacted(owner) + "/reactions", null)));
        rows.add(new Row("GET", "/channels/{channel_id}/pins", history, 200, 50013, a -> req(base() + "/pins", null)));
        rows.add(new Row("PUT", "/channels/{channel_id}/pins/{message_id}", MANAGE_MESSAGES, 204, 50013,
                a -> req(base() + "/pins/" + message(owner), null)));
        rows.add(new Row("DELETE", "/channels/{channel_id}/pins/{message_id}", MANAGE_MESSAGES, 204, 50013,
                a -> req(base() + "/pins/" + pinned(), null)));
        rows.add(new Row("GET", "/channels/{channel_id}/messages/pins", history, 200, 50013,
                a -> req(base() + "/messages/pins", null)));
        rows.add(new Row("PUT", "/channels/{channel_id}/messages/pins/{message_id}", MANAGE_MESSAGES, 204, 50013,
                a -> req(base() + "/messages/pins/" + message(owner), null)));
        rows.add(new Row("DELETE", "/channels/{channel_id}/messages/pins/{message_id}", MANAGE_MESSAGES, 204, 50013,
                a -> req(base() + "/messages/pins/" + pinned(), null)));
        rows.add(new Row("POST", "/channels/{channel_id}/typing", send, 204, 50013,
                a -> req(base() + "/typing", "")));
        return rows;
    }

    /** Marks the "member without the permission" caller for author-dependent rows. */
    private static Account plainWithout;

    private static Response call(Row row, Account caller, Account as) {
        String[] r = row.request().apply(as);
        return api.call(row.method(), r[0], caller == null ? null : caller.auth(), r[1]);
    }

    private static void expect(Row row, String who, Response r, int status, Integer code) {
        String what = row.method() + " " + row.template() + " as " + who + ": " + r.raw();
        assertThat(r.status()).as(what).isEqualTo(status);
        if (code != null) {
            assertThat(r.body().get("code").asInt()).as(what).isEqualTo(code);
        }
    }

    @Test
    void everyMessageRouteHasARowAndEachCallerGetsTheDocumentedAnswer() throws Exception {
        List<Row> rows = rows();
        Set<String> covered = new TreeSet<>();
        rows.forEach(r -> covered.add(r.method() + " " + r.template()));
        assertThat(covered).as("rows").containsExactlyInAnyOrderElementsOf(registeredMessageRoutes());

        for (Row row : rows) {
            // no token
            expect(row, "nobody", call(row, null, owner), 401, null);
            // not a member of the guild
            expect(row, "non-member", call(row, outsider, owner), 403, 50001);
            // a member without the permission
            plainWithout = plain;
            String[] prepared = row.request().apply(plain);
            if (row.permission() != 0 && row.permission() != MANAGE_MESSAGES) {
                everyone(Permissions.DEFAULT_EVERYONE & ~row.permission());
            }
            try {
                expect(row, "member without", api.call(row.method(), prepared[0], plain.auth(), prepared[1]), 403,
                        row.deniedCode());
            } finally {
                everyone(Permissions.DEFAULT_EVERYONE);
                plainWithout = null;
            }
            // a member with it (MANAGE_MESSAGES through the Moderators role)
            Account with = row.permission() == MANAGE_MESSAGES ? moderator : plain;
            expect(row, "member with", call(row, with, with), row.ok(), null);
            // the owner
            expect(row, "owner", call(row, owner, owner), row.ok(), null);
        }
    }

    /** The message routes the server registers (MessageRoutes on a scratch router). */
    @SuppressWarnings("unchecked")
    private static Set<String> registeredMessageRoutes() throws ReflectiveOperationException {
        Router router = new Router();
        MessageRoutes.register(router, null);
        Field f = Router.class.getDeclaredField("routes");
        f.setAccessible(true);
        Set<String> out = new TreeSet<>();
        for (Router.Route r : (List<Router.Route>) f.get(router)) {
            out.add(r.method().name() + " " + r.template());
        }
        return out;
    }
}
