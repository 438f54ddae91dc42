package dev.guildhall.core.auditlog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.core.gateway.Intents;
import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.ApiClient.Response;
import dev.guildhall.core.support.GatewayClient;
import dev.guildhall.core.support.GuildFixture;
import dev.guildhall.core.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GUILD_AUDIT_LOG_ENTRY_CREATE reaches sessions with the GUILD_MODERATION intent whose user has VIEW_AUDIT_LOG
 * (the owner, a role holder), carries the entry as GET /audit-logs lists it plus guild_id, and reaches nobody else
 * (a member without the permission, a session without the intent). A refused change writes and sends nothing.
 */
class AuditLogDispatchIT {
    private static final int WATCH = Intents.GUILDS | Intents.GUILD_MODERATION | Intents.GUILD_MESSAGES;

    private static TestServer server;
    private static GuildFixture g;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("core_audit_dispatch");
        g = new GuildFixture(server, "auditdisowner", "Audit Dispatch");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** The dispatch types a session receives up to (and including) the next MESSAGE_CREATE. */
    private static List<String> typesUntilMessage(GatewayClient gw) throws InterruptedException {
        List<String> types = new ArrayList<>();
        while (true) {
            JsonNode p = gw.nextNonAck(GuildFixture.WAIT);
            assertThat(p).as("a MESSAGE_CREATE after " + types).isNotNull();
            if (p.path("op").asInt() == 0) {
                types.add(p.path("t").asText());
                if (p.path("t").asText().equals("MESSAGE_CREATE")) {
                    return types;
                }
            }
        }
    }

    @Test
    void entriesAreSentToModerationSessionsOfAuditLogReadersOnly() throws Exception {
        Account auditor = g.member("auditdisreader");
        g.grant(auditor, g.role("Auditors", Permissions.VIEW_AUDIT_LOG));
        Account plain = g.member("auditdisplain");
        try (GatewayClient owner = g.gateway(g.owner, WATCH);
             GatewayClient reader = g.gateway(auditor, WATCH);
             GatewayClient other = g.gateway(plain, WATCH);
             GatewayClient noIntent = g.gateway(g.owner, Intents.GUILDS | Intents.GUILD_MESSAGES)) {
            Response role = g.withReason("POST", g.guildPath() + "/roles", g.owner.auth(),
                    "{\"name\":\"Raiders\"}", "weekly%20raid");
            assertThat(role.status()).as(role.raw()).isEqualTo(200);

            JsonNode entry = owner.nextDispatch("GUILD_AUDIT_LOG_ENTRY_CREATE", GuildFixture.WAIT);
            assertThat(entry).isNotNull();
            JsonNode d = entry.get("d");
            assertThat(d.get("guild_id").asText()).isEqualTo(g.guildId);
            assertThat(d.get("action_type").asInt()).isEqualTo(AuditLogEvent.ROLE_CREATE);
            assertThat(d.get("target_id").asText()).isEqualTo(role.str("id"));
            assertThat(d.get("user_id").asText()).isEqualTo(g.owner.userId());
            assertThat(d.get("reason").asText()).isEqualTo("weekly raid");
            JsonNode listed = g.api.get(g.guildPath() + "/audit-logs?limit=1", g.owner.auth()).body()
                    .get("audit_log_entries").get(0);
            assertThat(listed.get("id")).isEqualTo(d.get("id"));
            assertThat(listed.get("changes")).isEqualTo(d.get("changes"));

            assertThat(reader.nextDispatch("GUILD_AUDIT_LOG_ENTRY_CREATE", GuildFixture.WAIT).get("d").get("id"))
                    .isEqualTo(d.get("id"));

            // a refused change (a member without MANAGE_ROLES) writes no entry and sends nothing
            assertThat(g.api.post(g.guildPath() + "/roles", plain.auth(), Map.of("name", "x")).status())
                    .isEqualTo(403);
            assertThat(g.api.sendMessage(g.owner.auth(), g.channelId, "marker").status()).isEqualTo(200);
            assertThat(typesUntilMessage(other)).doesNotContain("GUILD_AUDIT_LOG_ENTRY_CREATE");
            assertThat(typesUntilMessage(noIntent)).doesNotContain("GUILD_AUDIT_LOG_ENTRY_CREATE");
            assertThat(typesUntilMessage(owner)).doesNotContain("GUILD_AUDIT_LOG_ENTRY_CREATE");
            assertThat(typesUntilMessage(reader)).doesNotContain("GUILD_AUDIT_LOG_ENTRY_CREATE");
        }
    }
}
