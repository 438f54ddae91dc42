package dev.guildhall.core.guilds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.core.auditlog.AuditLogEvent;
import dev.guildhall.core.gateway.Intents;
import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.ApiClient.Response;
import dev.guildhall.core.support.GatewayClient;
import dev.guildhall.core.support.GuildFixture;
import dev.guildhall.core.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PATCH /guilds/{id} beyond name and system channel, as Discord's Modify Guild documents it: the settings are
 * validated, stored, returned, read back, sent as GUILD_UPDATE and audited (with GUILD_AUDIT_LOG_ENTRY_CREATE);
 * switching COMMUNITY needs ADMINISTRATOR and rules + public updates channels.
 */
class GuildSettingsIT {
    private static TestServer server;
    private static GuildFixture g;
    private static String voiceChannelId;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("core_guild_settings");
        g = new GuildFixture(server, "settingsowner", "Settings Guild");
        for (JsonNode ch : g.api.get(g.guildPath() + "/channels", g.owner.auth()).body()) {
            if (ch.get("type").asInt() == 2) {
                voiceChannelId = ch.get("id").asText();
            }
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Response patch(Account who, Map<String, Object> body) {
        return g.api.call("PATCH", g.guildPath(), who.auth(), ApiClient.json(body));
    }

    /** The {@code d} of the next dispatch of each type (in whatever order they come). */
    private static Map<String, JsonNode> dispatches(GatewayClient gw, String... types) throws InterruptedException {
        Map<String, JsonNode> out = new HashMap<>();
        while (out.size() < types.length) {
            JsonNode p = gw.nextNonAck(GuildFixture.WAIT);
            assertThat(p).as("dispatches " + List.of(types) + ", got " + out.keySet()).isNotNull();
            if (List.of(types).contains(p.path("t").asText())) {
                out.putIfAbsent(p.path("t").asText(), p.get("d"));
            }
        }
        return out;
    }

    @Test
    void settingsAreStoredSentAndAudited() throws Exception {
        try (GatewayClient gw = g.gateway(g.owner, Intents.GUILDS | Intents.GUILD_MODERATION)) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("description", "Raids every Friday");
            body.put("verification_level", 2);
            body.put("default_message_notifications", 1);
            body.put("explicit_content_filter", 2);
            body.put("afk_channel_id", voiceChannelId);
            body.put("afk_timeout", 900);
            body.put("system_channel_flags", 5);
            body.put("preferred_locale", "de");
            body.put("icon", null);
            Response r = patch(g.owner, body);
            assertThat(r.status()).as(r.raw()).isEqualTo(200);
            Map<String, JsonNode> sent = dispatches(gw, "GUILD_UPDATE", "GUILD_AUDIT_LOG_ENTRY_CREATE");
            for (JsonNode view : List.of(r.body(), g.api.get(g.guildPath(), g.owner.auth()).body(),
                    sent.get("GUILD_UPDATE"))) {
                assertThat(view.get("description").asText()).isEqualTo("Raids every Friday");
                assertThat(view.get("verification_level").asInt()).isEqualTo(2);
                assertThat(view.get("default_message_notifications").asInt()).isEqualTo(1);
                assertThat(view.get("explicit_content_filter").asInt()).isEqualTo(2);
                assertThat(view.get("afk_channel_id").asText()).isEqualTo(voiceChannelId);
                assertThat(view.get("afk_timeout").asInt()).isEqualTo(900);
                assertThat(view.get("system_channel_flags").asInt()).isEqualTo(5);
                assertThat(view.get("preferred_locale").asText()).isEqualTo("de");
                assertThat(view.get("icon").isNull()).isTrue();
            }
            JsonNode entry = sent.get("GUILD_AUDIT_LOG_ENTRY_CREATE");
            assertThat(entry.get("action_type").asInt()).isEqualTo(AuditLogEvent.GUILD_UPDATE);
            Map<String, JsonNode> changes = new HashMap<>();
            entry.get("changes").forEach(ch -> changes.put(ch.get("key").asText(), ch));
            assertThat(changes).containsOnlyKeys("description", "verification_level", "default_message_notifications",
                    "explicit_content_filter", "afk_channel_id", "afk_timeout", "system_channel_flags",
                    "preferred_locale");
            assertThat(changes.get("afk_timeout").get("old_value").asInt()).isEqualTo(300);
            assertThat(changes.get("afk_timeout").get("new_value").asInt()).isEqualTo(900);
            assertThat(changes.get("afk_channel_id").has("old_value")).isFalse(); // null before

            // the same body again changes nothing: no entry, no event; clearing the AFK channel is a change
            assertThat(patch(g.owner, body).status()).isEqualTo(200);
            Map<String, Object> clear = new HashMap<>();
            clear.put("afk_channel_id", null);
            assertThat(patch(g.owner, clear).body().get("afk_channel_id").isNull()).isTrue();
            JsonNode next = gw.nextDispatch("GUILD_AUDIT_LOG_ENTRY_CREATE", GuildFixture.WAIT).get("d");
            assertThat(next.get("changes")).hasSize(1);
            assertThat(next.at("/changes/0/key").asText()).isEqualTo("afk_channel_id");
        }
    }

    @Test
    void invalidSettingsAre50035WithEachField() {
        Map<String, Object> body = new HashMap<>();
        body.put("verification_level", 5);
        body.put("default_message_notifications", 2);
        body.put("explicit_content_filter", -1);
        body.put("afk_timeout", 61);
        body.put("system_channel_flags", 64);
        body.put("preferred_locale", "xx-XX");
        body.put("description", "d".repeat(121));
        body.put("icon", "data:image/png;base64,iVBORw0KGgo=");
        body.put("rules_channel_id", "not-a-snowflake");
        Response r = patch(g.owner, body);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().get("code").asInt()).isEqualTo(50035);
        assertThat(r.body().get("errors").fieldNames()).toIterable().containsExactlyInAnyOrder("verification_level",
                "default_message_notifications", "explicit_content_filter", "afk_timeout", "system_channel_flags",
                "preferred_locale", "description", "icon", "rules_channel_id");

        Response textAsAfk = patch(g.owner, Map.of("afk_channel_id", g.channelId));
        assertThat(textAsAfk.status()).isEqualTo(400);
        assertThat(textAsAfk.body().at("/errors/afk_channel_id/_errors/0/code").asText()).isEqualTo("CHANNEL_INVALID");
        Response voiceAsRules = patch(g.owner, Map.of("rules_channel_id", voiceChannelId));
        assertThat(voiceAsRules.body().at("/errors/rules_channel_id/_errors/0/code").asText())
                .isEqualTo("CHANNEL_INVALID");
    }

    @Test
    void communityNeedsAdministratorAndItsChannels() {
        Account manager = g.member("settingsmanager");
        g.grant(manager, g.role("Managers", Permissions.MANAGE_GUILD));
        Map<String, Object> community = Map.of("features", List.of("COMMUNITY", "DISCOVERABLE"),
                "rules_channel_id", g.channelId, "public_updates_channel_id", g.channelId);
        Response denied = patch(manager, community);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.body().get("code").asInt()).isEqualTo(50013);
        // a manager may still change other settings
        assertThat(patch(manager, Map.of("description", "by a manager")).status()).isEqualTo(200);

        Response noChannels = patch(g.owner, Map.of("features", List.of("COMMUNITY")));
        assertThat(noChannels.status()).isEqualTo(400);
        assertThat(noChannels.body().get("errors").has("rules_channel_id")).isTrue();

        Response on = patch(g.owner, community);
        assertThat(on.status()).as(on.raw()).isEqualTo(200);
        assertThat(on.body().get("features")).extracting(JsonNode::asText).containsExactly("COMMUNITY");
        assertThat(on.body().get("rules_channel_id").asText()).isEqualTo(g.channelId);
        assertThat(on.body().get("public_updates_channel_id").asText()).isEqualTo(g.channelId);
        Response off = patch(g.owner, Map.of("features", List.of()));
        assertThat(off.body().get("features")).isEmpty();
    }
}
