package dev.guildhall.core.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.ApiClient.Response;
import dev.guildhall.core.support.RouteMatrix;
import dev.guildhall.core.support.RouteMatrix.Caller;
import dev.guildhall.core.support.RouteMatrix.Expect;
import dev.guildhall.core.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authorization matrix of the webhook routes. Managed routes: nobody 401, a non-member 50001, a member without
 * MANAGE_WEBHOOKS 50013, a member with it (through a role) and the owner succeed. Token routes: the token is the
 * credential, so every caller with it succeeds and a wrong token is 401 50027. Fails when a route of WebhookRoutes
 * has no row.
 */
class WebhookAuthorizationIT {
    private static TestServer server;
    private static ApiClient api;
    private static Account owner;
    private static Account plain;
    private static Account manager;
    private static Account outsider;
    private static String guildId;
    private static String channelId;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("core_webhooks_authz");
        api = server.client();
        owner = api.register("waowner");
        plain = api.register("waplain");
        manager = api.register("wamanager");
        outsider = api.register("waout");
        guildId = api.createGuild(owner, "Webhook Authz").get("id").asText();
        channelId = api.textChannel(owner, guildId);
        api.invite(owner, channelId, plain.auth());
        api.invite(owner, channelId, manager.auth());
        long roleId = Long.parseLong(guildId) + 1;
        try (Connection c = DriverManager.getConnection(server.config().pgUrl(), server.config().pgUser(),
                server.config().pgPassword())) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO roles (id, guild_id, name, permissions, position) VALUES (?, ?, 'Hooks', ?, 1)")) {
                ps.setLong(1, roleId);
                ps.setLong(2, Long.parseLong(guildId));
                ps.setLong(3, Permissions.DEFAULT_EVERYONE | WebhookService.MANAGE_WEBHOOKS);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO member_roles (guild_id, user_id, role_id) VALUES (?, ?, ?)")) {
                ps.setLong(1, Long.parseLong(guildId));
                ps.setLong(2, Long.parseLong(manager.userId()));
                ps.setLong(3, roleId);
                ps.executeUpdate();
            }
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /**
     * A row: the request for a caller given the webhook token to use (token routes; a wrong one for the extra
     * check), and whether the token, not the caller, is the credential.
     */
    record Row(String method, String template, int ok, boolean tokenRoute,
               BiFunction<Caller, String, String[]> request) {
    }

    private static String auth(Caller c) {
        return switch (c) {
            case NOBODY -> null;
            case NON_MEMBER -> outsider.auth();
            case WITHOUT_PERMISSION -> plain.auth();
            case WITH_PERMISSION -> manager.auth();
            case OWNER -> owner.auth();
        };
    }

    private static Expect managed(Caller c, int ok) {
        return switch (c) {
            case NOBODY -> Expect.status(401);
            case NON_MEMBER -> Expect.error(403, 50001);
            case WITHOUT_PERMISSION -> Expect.error(403, 50013);
            default -> Expect.status(ok);
        };
    }

    /** A fresh webhook: {id, token}. The channel's earlier ones are dropped first (at most 15 per channel). */
    private static String[] webhook() {
        try (Connection c = DriverManager.getConnection(server.config().pgUrl(), server.config().pgUser(),
                server.config().pgPassword()); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM webhooks WHERE channel_id = ?")) {
            ps.setLong(1, Long.parseLong(channelId));
            ps.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        Response r = api.post("/api/v10/channels/" + channelId + "/webhooks", owner.auth(), Map.of("name", "Hook"));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return new String[]{r.str("id"), r.str("token")};
    }

    /** The path of a fresh webhook with the given token ({@code null}: its own). */
    private static String tokenPath(String token) {
        String[] w = webhook();
        return "/api/v10/webhooks/" + w[0] + "/" + (token == null ? w[1] : token);
    }

    /** A fresh webhook message's path with the given token ({@code null}: the webhook's own). */
    private static String messagePath(String token) {
        String[] w = webhook();
        Response m = api.post("/api/v10/webhooks/" + w[0] + "/" + w[1] + "?wait=true", null, Map.of("content", "m"));
        assertThat(m.status()).as(m.raw()).isEqualTo(200);
        return "/api/v10/webhooks/" + w[0] + "/" + (token == null ? w[1] : token) + "/messages/" + m.str("id");
    }

    private static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        String channel = "/api/v10/channels/" + channelId + "/webhooks";
        rows.add(new Row("POST", "/channels/{channel_id}/webhooks", 200, false,
                (c, t) -> new String[]{channel, "{\"name\":\"New\"}"}));
        rows.add(new Row("GET", "/channels/{channel_id}/webhooks", 200, false, (c, t) -> new String[]{channel, null}));
        rows.add(new Row("GET", "/guilds/{guild_id}/webhooks", 200, false,
                (c, t) -> new String[]{"/api/v10/guilds/" + guildId + "/webhooks", null}));
        rows.add(new Row("GET", "/webhooks/{webhook_id}", 200, false,
                (c, t) -> new String[]{"/api/v10/webhooks/" + webhook()[0], null}));
        rows.add(new Row("PATCH", "/webhooks/{webhook_id}", 200, false,
                (c, t) -> new String[]{"/api/v10/webhooks/" + webhook()[0], "{\"name\":\"Renamed\"}"}));
        rows.add(new Row("DELETE", "/webhooks/{webhook_id}", 204, false,
                (c, t) -> new String[]{"/api/v10/webhooks/" + webhook()[0], null}));
        rows.add(new Row("GET", "/webhooks/{webhook_id}/{webhook_token}", 200, true,
                (c, t) -> new String[]{tokenPath(t), null}));
        rows.add(new Row("PATCH", "/webhooks/{webhook_id}/{webhook_token}", 200, true,
                (c, t) -> new String[]{tokenPath(t), "{\"name\":\"Renamed\"}"}));
        rows.add(new Row("DELETE", "/webhooks/{webhook_id}/{webhook_token}", 204, true,
                (c, t) -> new String[]{tokenPath(t), null}));
        rows.add(new Row("POST", "/webhooks/{webhook_id}/{webhook_token}", 204, true,
                (c, t) -> new String[]{tokenPath(t), "{\"content\":\"hi\"}"}));
        String message = "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}";
        rows.add(new Row("GET", message, 200, true, (c, t) -> new String[]{messagePath(t), null}));
        rows.add(new Row("PATCH", message, 200, true, (c, t) -> new String[]{messagePath(t), "{\"content\":\"e\"}"}));
        rows.add(new Row("DELETE", message, 204, true, (c, t) -> new String[]{messagePath(t), null}));
        return rows;
    }

    @Test
    void everyWebhookRouteHasARowAndEachCallerGetsTheDocumentedAnswer() throws Exception {
        List<Row> rows = rows();
        Set<String> covered = new TreeSet<>();
        rows.forEach(r -> covered.add(r.method() + " " + r.template()));
        assertThat(covered).as("rows")
                .containsExactlyInAnyOrderElementsOf(RouteMatrix.registered(r -> WebhookRoutes.register(r, null, null)));

        for (Row row : rows) {
            for (Caller caller : Caller.values()) {
                String[] req = row.request().apply(caller, null);
                RouteMatrix.expect(row.method() + " " + row.template() + " as " + caller,
                        api.call(row.method(), req[0], auth(caller), req[1]),
                        row.tokenRoute() ? Expect.status(row.ok()) : managed(caller, row.ok()));
            }
            if (row.tokenRoute()) {
                String[] req = row.request().apply(Caller.OWNER, "wrong-token");
                RouteMatrix.expect(row.method() + " " + row.template() + " with a wrong token",
                        api.call(row.method(), req[0], owner.auth(), req[1]), Expect.error(401, 50027));
            }
        }
    }

    @Test
    void aWebhookCannotBeMovedToAChannelTheCallerCannotManage() {
        String[] w = webhook();
        Response r = api.call("PATCH", "/api/v10/webhooks/" + w[0], manager.auth(), "{\"channel_id\":\"1\"}");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body().path("code").asInt()).isEqualTo(10003);
        JsonNode unchanged = api.get("/api/v10/webhooks/" + w[0], owner.auth()).body();
        assertThat(unchanged.path("channel_id").asText()).isEqualTo(channelId);
    }
}
