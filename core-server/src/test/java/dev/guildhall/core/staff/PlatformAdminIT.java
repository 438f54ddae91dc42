package dev.guildhall.core.staff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.ApiClient.Response;
import dev.guildhall.core.support.GuildFixture;
import dev.guildhall.core.support.KafkaEvents;
import dev.guildhall.core.support.TestServer;
import dev.guildhall.events.EventCodec;
import dev.guildhall.events.EventEnvelope;
import dev.guildhall.events.Topics;
import dev.guildhall.events.payload.StaffRoleChanged;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform-admin API against a real server, PostgreSQL and Kafka: bootstrap from configuration, user and guild
 * lookup, staff-role grants and revocations (reason required, configured roles and the last admin protected), their
 * audit entries and {@code staff.role_changed} events, the caller's own roles, and the console audit handler (console
 * requests recorded with actor, route, guild, target, status and reason; a forged console header refused).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformAdminIT {
    private static final String ROOT = "root-admin";
    private static final String CONFIG_SRE = "Config-Sre";
    private static final String CONSOLE_TOKEN = "console-service-token-for-tests";
    private static TestServer server;
    private static ApiClient api;
    private static Account root;

    @BeforeAll
    static void start() throws Exception {
        KafkaEvents.createTopics(Topics.MODERATION);
        server = TestServer.start("core_platform_admin", Map.of(
                "platform.admin.users", ROOT + ", someone-not-registered",
                "console.sre.users", "config-sre",
                "console.token.sha256", HexFormat.of().formatHex(StaffConfig.sha256(CONSOLE_TOKEN))));
        api = server.client();
        root = registerNamed(ROOT);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Account registerNamed(String name) {
        Response r = api.post("/api/v10/auth/register", null, Map.of("username", name, "password", "correct horse"));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return new Account(r.str("user_id"), r.str("token"), name);
    }

    private static Response call(String method, String path, Account as, String reason) {
        return api.call(method, "/api/v10" + path, as.auth(), null,
                reason == null ? Map.of() : Map.of("X-Audit-Log-Reason", reason));
    }

    private static Response console(String method, String path, Account as, String body, String reason) {
        Map<String, String> headers = new java.util.HashMap<>(Map.of(ConsoleAuditHandler.HEADER, CONSOLE_TOKEN));
        if (reason != null) {
            headers.put("X-Audit-Log-Reason", reason);
        }
        return api.call(method, "/api/v10" + path, as.auth(), body, headers);
    }

    private static List<JsonNode> audit(String query) {
        Response r = call("GET", "/admin/audit-log" + query, root, null);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.body().get("entries").forEach(out::add);
        return out;
    }

    private static List<String> roles(Account who) {
        Response r = call("GET", "/users/@me/staff-roles", who, null);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return StreamSupport.stream(r.body().get("roles").spliterator(), false).map(JsonNode::asText).toList();
    }

    @Test
    @Order(1)
    void configuredUsersHoldTheirRolesFromTheirFirstSignInAsGrantsByConfiguration() {
        assertThat(roles(root)).containsExactly("PLATFORM_ADMIN");
        Account sre = registerNamed(CONFIG_SRE);
        assertThat(roles(sre)).containsExactly("SRE");
        assertThat(roles(api.register("plain"))).isEmpty();

        JsonNode grant = audit("?action=staff_role.grant&actor=").stream()
                .filter(e -> e.path("target_id").asText().equals(sre.userId())).findFirst().orElseThrow();
        assertThat(grant.get("actor").isNull()).isTrue();
        assertThat(grant.get("detail").asText()).isEqualTo("SRE");
        assertThat(grant.get("reason").asText()).contains("GUILDHALL_CONSOLE_SRE_USERS");

        Response revoke = call("DELETE", "/admin/staff/" + sre.userId() + "/roles/SRE", root, "no%20longer");
        assertThat(revoke.status()).as(revoke.raw()).isEqualTo(400);
        assertThat(revoke.body().at("/errors/role/_errors/0/code").asText()).isEqualTo("STAFF_ROLE_CONFIGURED");
        assertThat(roles(sre)).containsExactly("SRE");
    }

    @Test
    @Order(2)
    void lookupFindsUsersAndGuildsByNameOrIdWithTheirCounts() {
        GuildFixture g = new GuildFixture(server, "lookup-owner", "Lookup Guild Zeta");
        Account member = g.member("lookup-member");
        api.createGuild(g.owner, "Second Guild Of Owner");

        Response byName = call("GET", "/admin/users?query=LOOKUP-OWNER", root, null);
        assertThat(byName.status()).as(byName.raw()).isEqualTo(200);
        assertThat(byName.body()).hasSize(1);
        JsonNode owner = byName.body().get(0);
        assertThat(owner.get("id").asText()).isEqualTo(g.owner.userId());
        assertThat(owner.get("guilds_owned").asLong()).isEqualTo(2);
        assertThat(owner.get("guilds_joined").asLong()).isEqualTo(2);
        assertThat(owner.get("active_tokens").asLong()).isEqualTo(1);
        assertThat(owner.get("staff_roles")).isEmpty();
        assertThat(owner.get("created_at").asText()).isNotBlank();

        JsonNode byId = call("GET", "/admin/users?query=" + member.userId(), root, null).body().get(0);
        assertThat(byId.get("username").asText()).isEqualTo(member.username());
        assertThat(byId.get("guilds_owned").asLong()).isZero();
        assertThat(byId.get("guilds_joined").asLong()).isEqualTo(1);
        assertThat(call("GET", "/admin/users?query=" + ROOT, root, null).body().get(0).get("staff_roles").get(0)
                .asText()).isEqualTo("PLATFORM_ADMIN");
        assertThat(call("GET", "/admin/users?query=nobody-has-this-name", root, null).body()).isEmpty();
        assertThat(call("GET", "/admin/users?query=%25", root, null).body()).as("% is no wildcard").isEmpty();

        JsonNode guild = call("GET", "/admin/guilds?query=guild%20zeta", root, null).body().get(0);
        assertThat(guild.get("id").asText()).isEqualTo(g.guildId);
        assertThat(guild.at("/owner/id").asText()).isEqualTo(g.owner.userId());
        assertThat(guild.at("/owner/username").asText()).isEqualTo(g.owner.username());
        assertThat(guild.get("member_count").asLong()).isEqualTo(2);
        assertThat(guild.get("channel_count").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(call("GET", "/admin/guilds?query=" + g.guildId, root, null).body().get(0).get("name").asText())
                .isEqualTo("Lookup Guild Zeta");
        Response badLimit = call("GET", "/admin/guilds?limit=0", root, null);
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.body().get("code").asInt()).isEqualTo(50035);
    }

    @Test
    @Order(3)
    void grantsAndRevocationsNeedAReasonAndAreAuditedAndEmittedInTheirTransaction() {
        Account user = api.register("promoted");
        String path = "/admin/staff/" + user.userId() + "/roles/";
        Response noReason = call("PUT", path + "SRE", root, null);
        assertThat(noReason.status()).as(noReason.raw()).isEqualTo(400);
        assertThat(noReason.body().at("/errors/reason/_errors/0/code").asText()).isEqualTo("BASE_TYPE_REQUIRED");
        Response badRole = call("PUT", path + "GOD", root, "why");
        assertThat(badRole.body().at("/errors/role/_errors/0/code").asText()).isEqualTo("STAFF_ROLE_INVALID");
        assertThat(call("PUT", "/admin/staff/1234/roles/SRE", root, "why").body().get("code").asInt())
                .isEqualTo(10013);
        assertThat(roles(user)).isEmpty();

        assertThat(call("PUT", path + "SRE", root, "on%20call%20from%20Monday").status()).isEqualTo(204);
        assertThat(call("PUT", path + "SRE", root, "again").status()).as("no change, no entry").isEqualTo(204);
        assertThat(roles(user)).containsExactly("SRE");
        JsonNode staff = StreamSupport.stream(call("GET", "/admin/staff", root, null).body().spliterator(), false)
                .filter(s -> s.at("/user/id").asText().equals(user.userId())).findFirst().orElseThrow();
        assertThat(staff.get("role").asText()).isEqualTo("SRE");
        assertThat(staff.at("/granted_by/username").asText()).isEqualTo(ROOT);
        assertThat(staff.get("reason").asText()).isEqualTo("on call from Monday");

        assertThat(call("DELETE", path + "SRE", root, "rotation%20ended").status()).isEqualTo(204);
        assertThat(roles(user)).isEmpty();

        List<JsonNode> entries = audit("?actor=" + ROOT.toUpperCase());
        List<JsonNode> mine = entries.stream().filter(e -> e.path("target_id").asText().equals(user.userId()))
                .toList();
        assertThat(mine).extracting(e -> e.get("action").asText())
                .containsExactly("staff_role.revoke", "staff_role.grant");
        assertThat(mine.get(0).get("reason").asText()).isEqualTo("rotation ended");
        assertThat(mine.get(0).at("/actor/username").asText()).isEqualTo(ROOT);
        assertThat(mine.get(0).get("via_console").asBoolean()).isFalse();

        List<EventEnvelope> events = KafkaEvents.read(Topics.MODERATION, "0",
                seen -> seen.stream().filter(e -> forUser(e, user)).count() == 2, Duration.ofSeconds(30));
        List<StaffRoleChanged> changes = events.stream().filter(e -> forUser(e, user))
                .map(e -> EventCodec.payload(e, StaffRoleChanged.class)).toList();
        assertThat(changes).extracting(StaffRoleChanged::action)
                .containsExactly(StaffRoleChanged.GRANTED, StaffRoleChanged.REVOKED);
        assertThat(changes.get(0).actorId()).isEqualTo(root.userId());
        assertThat(changes.get(0).reason()).isEqualTo("on call from Monday");
    }

    private static boolean forUser(EventEnvelope e, Account user) {
        return e.type().equals("staff.role_changed")
                && EventCodec.payload(e, StaffRoleChanged.class).userId().equals(user.userId());
    }

    @Test
    @Order(4)
    void consoleRequestsAreRecordedWithTheirOutcomeAndAForgedConsoleHeaderIsRefused() throws Exception {
        GuildFixture g = new GuildFixture(server, "console-owner", "Console Guild");
        Account member = g.member("console-member");
        Account outsider = api.register("console-outsider");

        Response forged = api.call("POST", "/api/v10/guilds", g.owner.auth(), "{\"name\":\"Forged\"}",
                Map.of(ConsoleAuditHandler.HEADER, "guessed"));
        assertThat(forged.status()).as(forged.raw()).isEqualTo(401);
        assertThat(forged.body().get("code").asInt()).isZero();
        HttpResponse<String> forgedRead = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.baseUrl() + "/api/v10/users/@me"))
                .header("Authorization", g.owner.auth()).header(ConsoleAuditHandler.HEADER, "guessed").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forgedRead.statusCode()).as("reads too").isEqualTo(401);
        assertThat(forgedRead.headers().firstValue(ConsoleAuditHandler.REFUSED_HEADER)).contains("true");

        Response ban = console("PUT", g.guildPath().substring("/api/v10".length()) + "/bans/" + member.userId(),
                g.owner, "{}", "spam%20links");
        assertThat(ban.status()).as(ban.raw()).isEqualTo(204);
        Response refused = console("DELETE", "/channels/" + g.channelId, outsider, null, "tidy");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(console("GET", "/guilds/" + g.guildId, g.owner, null, null).status()).as("reads not audited")
                .isEqualTo(200);
        Response grant = console("PUT", "/admin/staff/" + member.userId() + "/roles/TRUST_SAFETY", root, null,
                "weekend%20cover");
        assertThat(grant.status()).isEqualTo(204);

        JsonNode banEntry = audit("?actor=" + g.owner.userId()).get(0);
        assertThat(banEntry.get("action").asText()).isEqualTo("PUT /guilds/{guild_id}/bans/{user_id}");
        assertThat(banEntry.get("path").asText()).isEqualTo(g.guildPath() + "/bans/" + member.userId());
        assertThat(banEntry.get("guild_id").asText()).isEqualTo(g.guildId);
        assertThat(banEntry.get("target_type").asText()).isEqualTo("user");
        assertThat(banEntry.get("target_id").asText()).isEqualTo(member.userId());
        assertThat(banEntry.get("status").asInt()).isEqualTo(204);
        assertThat(banEntry.get("reason").asText()).isEqualTo("spam links");
        assertThat(banEntry.get("via_console").asBoolean()).isTrue();
        assertThat(audit("?actor=" + g.owner.username())).as("forged and read requests leave no entry").hasSize(1);

        JsonNode refusedEntry = audit("?actor=" + outsider.userId()).get(0);
        assertThat(refusedEntry.get("action").asText()).isEqualTo("DELETE /channels/{channel_id}");
        assertThat(refusedEntry.get("status").asInt()).isEqualTo(403);
        assertThat(refusedEntry.get("target_type").asText()).isEqualTo("channel");

        List<JsonNode> grants = audit("?action=staff_role.grant").stream()
                .filter(e -> e.path("target_id").asText().equals(member.userId())).toList();
        assertThat(grants).as("one entry per staff change, written in its transaction").hasSize(1);
        assertThat(grants.get(0).get("via_console").asBoolean()).isTrue();
        assertThat(audit("?action=PUT%20/admin/staff/%7Buser_id%7D/roles/%7Brole%7D")).isEmpty();
    }

    @Test
    @Order(5)
    void theAuditLogPagesNewestFirst() {
        List<JsonNode> all = audit("?limit=100");
        assertThat(all.size()).isGreaterThanOrEqualTo(4);
        Response first = call("GET", "/admin/audit-log?limit=2", root, null);
        String next = first.body().get("next_before").asText();
        assertThat(first.body().get("entries")).hasSize(2);
        List<JsonNode> second = audit("?limit=2&before=" + next);
        assertThat(second.get(0).get("id").asText()).isEqualTo(all.get(2).get("id").asText());
        assertThat(Long.parseLong(all.get(0).get("id").asText()))
                .isGreaterThan(Long.parseLong(all.get(1).get("id").asText()));
        assertThat(call("GET", "/admin/audit-log?limit=500", root, null).status()).isEqualTo(400);
    }

    @Test
    @Order(6)
    void theLastPlatformAdminCannotBeRevoked() {
        Account second = api.register("second-admin");
        assertThat(call("PUT", "/admin/staff/" + second.userId() + "/roles/PLATFORM_ADMIN", root, "backup").status())
                .isEqualTo(204);
        // root leaves the configuration's list (renamed) and loses its row: second is the only admin left
        sql("UPDATE users SET username = 'root-renamed', username_key = 'root-renamed' WHERE id = ?", root.userId());
        sql("DELETE FROM staff_roles WHERE user_id = ?", root.userId());
        assertThat(call("GET", "/admin/staff", root, null).status()).isEqualTo(403);
        Response last = call("DELETE", "/admin/staff/" + second.userId() + "/roles/PLATFORM_ADMIN", second,
                "stepping%20down");
        assertThat(last.status()).as(last.raw()).isEqualTo(400);
        assertThat(last.body().at("/errors/role/_errors/0/code").asText()).isEqualTo("STAFF_ROLE_LAST_ADMIN");
        assertThat(roles(second)).containsExactly("PLATFORM_ADMIN");
    }

    private static void sql(String statement, String id) {
        try (var c = java.sql.DriverManager.getConnection(server.config().pgUrl(), server.config().pgUser(),
                server.config().pgPassword()); var ps = c.prepareStatement(statement)) {
            ps.setLong(1, Long.parseLong(id));
            ps.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
