package dev.guildhall.core.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.ApiClient.Response;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

/**
 * A guild with an owner on a test server, plus the moves the guild-administration tests repeat: roles with given
 * permissions (over REST), granting them, members joining, gateway sessions past GUILD_CREATE, and direct SQL.
 */
public final class GuildFixture {
    public static final Duration WAIT = Duration.ofSeconds(20);

    public final TestServer server;
    public final ApiClient api;
    public final Account owner;
    public final String guildId;
    public final String channelId;

    public GuildFixture(TestServer server, String ownerPrefix, String guildName) {
        this.server = server;
        this.api = server.client();
        this.owner = api.register(ownerPrefix);
        this.guildId = api.createGuild(owner, guildName).get("id").asText();
        this.channelId = api.textChannel(owner, guildId);
    }

    public String guildPath() {
        return "/api/v10/guilds/" + guildId;
    }

    /** A new user who joined the guild by invite. */
    public Account member(String prefix) {
        Account a = api.register(prefix);
        api.invite(owner, channelId, a.auth());
        return a;
    }

    /** The owner creates a role with these permissions; returns its id (it lands at position 1). */
    public String role(String name, long permissions) {
        Response r = api.post(guildPath() + "/roles", owner.auth(),
                Map.of("name", name, "permissions", Long.toString(permissions)));
        if (r.status() != 200) {
            throw new AssertionError("create role failed: " + r.raw());
        }
        return r.str("id");
    }

    /** The owner gives the member the role. */
    public void grant(Account member, String roleId) {
        Response r = api.call("PUT", guildPath() + "/members/" + member.userId() + "/roles/" + roleId,
                owner.auth(), null);
        if (r.status() != 204) {
            throw new AssertionError("grant role failed: " + r.raw());
        }
    }

    /** A new invite to the guild's text channel, made by the owner; returns its code. */
    public String invite() {
        Response r = api.post("/api/v10/channels/" + channelId + "/invites", owner.auth(), Map.of("max_age", 0));
        if (r.status() != 200) {
            throw new AssertionError("invite failed: " + r.raw());
        }
        return r.str("code");
    }

    /** The owner bans the user. */
    public void ban(String userId) {
        Response r = api.call("PUT", guildPath() + "/bans/" + userId, owner.auth(), null);
        if (r.status() != 204) {
            throw new AssertionError("ban failed: " + r.raw());
        }
    }

    /** A gateway session of the account, identified with the intents, after its GUILD_CREATEs. */
    public GatewayClient gateway(Account account, int intents) throws InterruptedException {
        GatewayClient gw = GatewayClient.connect("ws://127.0.0.1:" + server.port() + "/gateway/?v=10&encoding=json");
        gw.identify(account.token(), intents);
        if (gw.nextDispatch("READY", WAIT) == null) {
            gw.close();
            throw new AssertionError("no READY");
        }
        JsonNode create = gw.nextDispatch("GUILD_CREATE", WAIT);
        if (create == null) {
            gw.close();
            throw new AssertionError("no GUILD_CREATE");
        }
        return gw;
    }

    /** Runs one SQL statement against the server's database. */
    public void sql(String statement, Object... args) {
        try (Connection c = DriverManager.getConnection(server.config().pgUrl(), server.config().pgUser(),
                server.config().pgPassword());
             PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(statement, e);
        }
    }

    /** A call with an {@code X-Audit-Log-Reason} header (already URL-encoded, as clients send it). */
    public Response withReason(String method, String path, String auth, String body, String encodedReason) {
        return api.call(method, path, auth, body, Map.of("X-Audit-Log-Reason", encodedReason));
    }
}
