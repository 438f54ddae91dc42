package dev.guildhall.core.channels;

import dev.guildhall.core.http.Router;
import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.ApiClient.Response;
import dev.guildhall.core.support.TestServer;
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
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authorization matrix of the channel routes: every route of {@link ChannelRoutes} × (no token, non-member, member
 * without the permission, member with it through a role, owner) → the expected status and Discord code. Fails when
 * a route of ChannelRoutes has no row.
 */
class ChannelAuthorizationIT {
    private static TestServer server;
    private static ApiClient api;
    private static Account owner;
    private static Account plain;
    private static Account manager;
    private static Account outsider;
    private static String guildId;
    private static String generalId;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("core_channel_authz");
        api = server.client();
        owner = api.register("chauthzowner");
        plain = api.register("chauthzplain");
        manager = api.register("chauthzmgr");
        outsider = api.register("chauthzout");
        guildId = api.createGuild(owner, "Channel Authz").get("id").asText();
        generalId = api.textChannel(owner, guildId);
        api.invite(owner, generalId, plain.auth());
        api.invite(owner, generalId, manager.auth());
        long roleId = Long.parseLong(guildId) + 1;
        sql("INSERT INTO roles (id, guild_id, name, permissions, position) VALUES (?, ?, 'Managers', ?, 1)",
                roleId, Long.parseLong(guildId),
                Permissions.DEFAULT_EVERYONE | Permissions.MANAGE_CHANNELS | Permissions.MANAGE_ROLES);
        sql("INSERT INTO member_roles (guild_id, user_id, role_id) VALUES (?, ?, ?)", Long.parseLong(guildId),
                Long.parseLong(manager.userId()), roleId);
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

    /** A fresh text channel created by the owner. */
    private static String channel() {
        Response r = api.post("/api/v10/guilds/" + guildId + "/channels", owner.auth(), Map.of("name", "authz"));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.str("id");
    }

    /** A fresh channel with an @everyone overwrite (for deleting it). */
    private static String channelWithOverwrite() {
        String id = channel();
        Response r = api.call("PUT", "/api/v10/channels/" + id + "/permissions/" + guildId, owner.auth(),
                "{\"type\":0,\"deny\":\"" + Permissions.SEND_MESSAGES + "\"}");
        assertThat(r.status()).as(r.raw()).isEqualTo(204);
        return id;
    }

    /**
     * A route: a fresh request (path, body) per call, the permission a member needs, the success status, and the
     * error of a member without it (50001 when the permission is VIEW_CHANNEL itself).
     */
    record Row(String method, String template, long permission, int ok, int deniedStatus, int deniedCode,
               Supplier<String[]> request) {
    }

    private static String[] req(String path, String body) {
        return new String[]{path, body};
    }

    private static List<Row> rows() {
        long manageChannels = Permissions.MANAGE_CHANNELS;
        long manageRoles = Permissions.MANAGE_ROLES;
        String guildChannels = "/api/v10/guilds/" + guildId + "/channels";
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("GET", "/channels/{channel_id}", Permissions.VIEW_CHANNEL, 200, 403, 50001,
                () -> req("/api/v10/channels/" + generalId, null)));
        rows.add(new Row("PATCH", "/channels/{channel_id}", manageChannels, 200, 403, 50013,
                () -> req("/api/v10/channels/" + channel(), "{\"topic\":\"changed\"}")));
        rows.add(new Row("DELETE", "/channels/{channel_id}", manageChannels, 200, 403, 50013,
                () -> req("/api/v10/channels/" + channel(), null)));
        rows.add(new Row("PUT", "/channels/{channel_id}/permissions/{overwrite_id}", manageRoles, 204, 403, 50013,
                () -> req("/api/v10/channels/" + channel() + "/permissions/" + guildId,
                        "{\"type\":0,\"deny\":\"" + Permissions.SEND_MESSAGES + "\"}")));
        rows.add(new Row("DELETE", "/channels/{channel_id}/permissions/{overwrite_id}", manageRoles, 204, 403, 50013,
                () -> req("/api/v10/channels/" + channelWithOverwrite() + "/permissions/" + guildId, null)));
        rows.add(new Row("POST", "/guilds/{guild_id}/channels", manageChannels, 201, 403, 50013,
                () -> req(guildChannels, "{\"name\":\"new-one\"}")));
        rows.add(new Row("PATCH", "/guilds/{guild_id}/channels", manageChannels, 204, 403, 50013,
                () -> req(guildChannels, "[{\"id\":\"" + channel() + "\",\"position\":3}]")));
        return rows;
    }

    private static void expect(Row row, String who, Response r, int status, Integer code) {
        String what = row.method() + " " + row.template() + " as " + who + ": " + r.raw();
        assertThat(r.status()).as(what).isEqualTo(status);
        if (code != null) {
            assertThat(r.body().get("code").asInt()).as(what).isEqualTo(code);
        }
    }

    private static Response call(Row row, Account caller) {
        String[] r = row.request().get();
        return api.call(row.method(), r[0], caller == null ? null : caller.auth(), r[1]);
    }

    @Test
    void everyChannelRouteHasARowAndEachCallerGetsTheDocumentedAnswer() throws Exception {
        List<Row> rows = rows();
        Set<String> covered = new TreeSet<>();
        rows.forEach(r -> covered.add(r.method() + " " + r.template()));
        assertThat(covered).as("rows").containsExactlyInAnyOrderElementsOf(registeredChannelRoutes());

        for (Row row : rows) {
            expect(row, "nobody", call(row, null), 401, null);
            expect(row, "non-member", call(row, outsider), 403, 50001);
            boolean viewRow = row.permission() == Permissions.VIEW_CHANNEL;
            if (viewRow) {
                everyone(Permissions.DEFAULT_EVERYONE & ~Permissions.VIEW_CHANNEL);
            }
            try {
                expect(row, "member without", call(row, plain), row.deniedStatus(), row.deniedCode());
            } finally {
                everyone(Permissions.DEFAULT_EVERYONE);
            }
            expect(row, "member with", call(row, viewRow ? plain : manager), row.ok(), null);
            expect(row, "owner", call(row, owner), row.ok(), null);
        }
    }

    @Test
    void aChannelOverwriteCanGrantOrTakeTheRoutePermission() {
        // MANAGE_CHANNELS granted to the plain member in one channel only
        String id = channel();
        Response grant = api.call("PUT", "/api/v10/channels/" + id + "/permissions/" + plain.userId(), owner.auth(),
                "{\"type\":1,\"allow\":\"" + Permissions.MANAGE_CHANNELS + "\"}");
        assertThat(grant.status()).isEqualTo(204);
        assertThat(api.call("PATCH", "/api/v10/channels/" + id, plain.auth(), "{\"topic\":\"mine\"}").status())
                .isEqualTo(200);
        assertThat(api.call("PATCH", "/api/v10/channels/" + generalId, plain.auth(), "{\"topic\":\"no\"}").status())
                .isEqualTo(403);
        // and taken from the manager in another
        String other = channel();
        Response take = api.call("PUT", "/api/v10/channels/" + other + "/permissions/" + manager.userId(),
                owner.auth(), "{\"type\":1,\"deny\":\"" + Permissions.MANAGE_CHANNELS + "\"}");
        assertThat(take.status()).isEqualTo(204);
        Response denied = api.call("DELETE", "/api/v10/channels/" + other, manager.auth(), null);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.body().path("code").asInt()).isEqualTo(50013);
    }

    /** The routes ChannelRoutes registers (on a scratch router). */
    @SuppressWarnings("unchecked")
    private static Set<String> registeredChannelRoutes() throws ReflectiveOperationException {
        Router router = new Router();
        ChannelRoutes.register(router, null);
        Field f = Router.class.getDeclaredField("routes");
        f.setAccessible(true);
        Set<String> out = new TreeSet<>();
        for (Router.Route r : (List<Router.Route>) f.get(router)) {
            out.add(r.method().name() + " " + r.template());
        }
        return out;
    }
}
