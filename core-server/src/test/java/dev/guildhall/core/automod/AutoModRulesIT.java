package dev.guildhall.core.automod;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.core.gateway.Intents;
import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.ApiClient.Response;
import dev.guildhall.core.support.GatewayClient;
import dev.guildhall.core.support.GuildFixture;
import dev.guildhall.core.support.KafkaEvents;
import dev.guildhall.core.support.TestServer;
import dev.guildhall.events.EventCodec;
import dev.guildhall.events.EventEnvelope;
import dev.guildhall.events.Topics;
import dev.guildhall.events.payload.AutoModRuleChanged;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.guildhall.core.support.GuildFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/** Discord's auto moderation rule resource: objects, limits (50035), audit log, gateway events and Kafka events. */
class AutoModRulesIT {
    private static final int CONFIG = Intents.GUILDS | Intents.AUTO_MODERATION_CONFIGURATION;

    private static TestServer server;
    private static ApiClient api;
    private static GuildFixture g;

    @BeforeAll
    static void start() throws Exception {
        KafkaEvents.createTopics(Topics.GUILDS);
        server = TestServer.start("core_automod_rules");
        api = server.client();
        g = new GuildFixture(server, "amrowner", "AutoMod Rules Guild");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String rules() {
        return g.guildPath() + "/auto-moderation/rules";
    }

    private static String keywordRule(String name, String keywords) {
        return "{\"name\":\"" + name + "\",\"event_type\":1,\"trigger_type\":1,"
                + "\"trigger_metadata\":{\"keyword_filter\":[" + keywords + "]},"
                + "\"actions\":[{\"type\":1,\"metadata\":{\"custom_message\":\"Not here\"}}],\"enabled\":true}";
    }

    @Test
    void managersCreateModifyAndDeleteRulesWithDispatchesAuditEntriesAndEvents() throws Exception {
        Account manager = g.member("amrmanager");
        g.grant(manager, g.role("amr-managers", Permissions.MANAGE_GUILD));
        Account plain = g.member("amrplain");
        try (GatewayClient managerGw = g.gateway(manager, CONFIG); GatewayClient plainGw = g.gateway(plain, CONFIG)) {
            Response created = g.withReason("POST", rules(), manager.auth(),
                    "{\"name\":\"Finance\",\"event_type\":1,\"trigger_type\":1,"
                            + "\"trigger_metadata\":{\"keyword_filter\":[\"cat*\",\"*dog\"],\"regex_patterns\":[\"(b|c)at\"],"
                            + "\"presets\":[1]},\"actions\":[{\"type\":1,\"metadata\":{\"custom_message\":\"No\"}},"
                            + "{\"type\":2,\"metadata\":{\"channel_id\":\"" + g.channelId + "\"}}],"
                            + "\"exempt_roles\":[],\"exempt_channels\":[\"" + g.channelId + "\"],\"unknown\":1}",
                    "new%20rule");
            assertThat(created.status()).as(created.raw()).isEqualTo(200);
            JsonNode rule = created.body();
            String ruleId = rule.get("id").asText();
            assertThat(rule.get("guild_id").asText()).isEqualTo(g.guildId);
            assertThat(rule.get("creator_id").asText()).isEqualTo(manager.userId());
            assertThat(rule.get("name").asText()).isEqualTo("Finance");
            assertThat(rule.get("event_type").asInt()).isEqualTo(1);
            assertThat(rule.get("trigger_type").asInt()).isEqualTo(1);
            assertThat(rule.get("enabled").asBoolean()).as("enabled defaults to false").isFalse();
            assertThat(rule.get("trigger_metadata").toString()).isEqualTo(
                    "{\"keyword_filter\":[\"cat*\",\"*dog\"],\"regex_patterns\":[\"(b|c)at\"],\"allow_list\":[]}");
            assertThat(rule.get("actions").get(1).get("metadata").get("channel_id").asText()).isEqualTo(g.channelId);
            assertThat(rule.get("exempt_channels").get(0).asText()).isEqualTo(g.channelId);
            assertThat(rule.has("unknown")).isFalse();

            JsonNode create = managerGw.nextDispatch("AUTO_MODERATION_RULE_CREATE", WAIT);
            assertThat(create).isNotNull();
            assertThat(create.get("d")).isEqualTo(rule);

            Response modified = api.call("PATCH", rules() + "/" + ruleId, manager.auth(),
                    "{\"name\":\"Finance 2\",\"enabled\":true,\"trigger_type\":5}");
            assertThat(modified.status()).as(modified.raw()).isEqualTo(200);
            assertThat(modified.str("name")).isEqualTo("Finance 2");
            assertThat(modified.body().get("enabled").asBoolean()).isTrue();
            assertThat(modified.body().get("trigger_type").asInt()).as("trigger_type is fixed").isEqualTo(1);
            assertThat(modified.body().get("trigger_metadata")).isEqualTo(rule.get("trigger_metadata"));
            assertThat(managerGw.nextDispatch("AUTO_MODERATION_RULE_UPDATE", WAIT).at("/d/name").asText())
                    .isEqualTo("Finance 2");

            assertThat(api.get(rules() + "/" + ruleId, manager.auth()).body()).isEqualTo(modified.body());
            Response list = api.get(rules(), manager.auth());
            assertThat(list.status()).isEqualTo(200);
            assertThat(list.body()).hasSize(1);
            assertThat(list.body().get(0)).isEqualTo(modified.body());

            Response deleted = g.withReason("DELETE", rules() + "/" + ruleId, manager.auth(), null, "cleanup");
            assertThat(deleted.status()).as(deleted.raw()).isEqualTo(204);
            JsonNode delete = managerGw.nextDispatch("AUTO_MODERATION_RULE_DELETE", WAIT);
            assertThat(delete.at("/d/id").asText()).isEqualTo(ruleId);
            Response gone = api.get(rules() + "/" + ruleId, manager.auth());
            assertThat(gone.status()).isEqualTo(404);
            assertThat(api.get(rules(), manager.auth()).body()).isEmpty();

            // only members with MANAGE_GUILD receive rule events
            Thread.sleep(300);
            assertThat(plainGw.drain()).noneMatch(p -> p.path("t").asText().startsWith("AUTO_MODERATION"));

            JsonNode createEntry = api.get(g.guildPath() + "/audit-logs?action_type=140", g.owner.auth()).body()
                    .get("audit_log_entries").get(0);
            assertThat(createEntry.get("target_id").asText()).isEqualTo(ruleId);
            assertThat(createEntry.get("user_id").asText()).isEqualTo(manager.userId());
            assertThat(createEntry.get("reason").asText()).isEqualTo("new rule");
            assertThat(createEntry.get("changes").toString()).contains("\"key\":\"name\"", "\"new_value\":\"Finance\"");
            JsonNode updateEntry = api.get(g.guildPath() + "/audit-logs?action_type=141", g.owner.auth()).body()
                    .get("audit_log_entries").get(0);
            assertThat(updateEntry.get("changes").toString()).contains("\"old_value\":\"Finance\"",
                    "\"new_value\":\"Finance 2\"", "\"key\":\"enabled\"");
            JsonNode deleteEntry = api.get(g.guildPath() + "/audit-logs?action_type=142", g.owner.auth()).body()
                    .get("audit_log_entries").get(0);
            assertThat(deleteEntry.get("reason").asText()).isEqualTo("cleanup");

            List<EventEnvelope> events = KafkaEvents.awaitTypes(Topics.GUILDS, g.guildId, "automod.rule_changed",
                    "automod.rule_changed", "automod.rule_changed");
            List<AutoModRuleChanged> changes = events.stream().filter(e -> e.type().equals("automod.rule_changed"))
                    .map(e -> EventCodec.payload(e, AutoModRuleChanged.class))
                    .filter(p -> p.ruleId().equals(ruleId)).toList();
            assertThat(changes).extracting(AutoModRuleChanged::action).containsExactly("created", "updated", "deleted");
            assertThat(changes.get(0).triggerType()).isEqualTo(1);
            assertThat(changes.get(0).actionTypes()).containsExactly(1, 2);
            assertThat(changes.get(1).enabled()).isTrue();
            assertThat(changes.get(0).actorId()).isEqualTo(manager.userId());
        }
    }

    @Test
    void discordsLimitsAnswerInvalidFormBody() {
        Response longKeyword = api.call("POST", rules(), g.owner.auth(), keywordRule("long", "\"" + "k".repeat(61) + "\""));
        expectFormError(longKeyword, "/errors/trigger_metadata/keyword_filter/0/_errors/0/code", "BASE_TYPE_BAD_LENGTH");

        Response badRegex = api.call("POST", rules(), g.owner.auth(), "{\"name\":\"re\",\"event_type\":1,"
                + "\"trigger_type\":1,\"trigger_metadata\":{\"regex_patterns\":[\"(unclosed\"]},\"actions\":[{\"type\":1}]}");
        assertThat(badRegex.status()).as(badRegex.raw()).isEqualTo(400);
        assertThat(badRegex.body().at("/errors/trigger_metadata/regex_patterns/0").isMissingNode())
                .as(badRegex.raw()).isFalse();

        Response badType = api.call("POST", rules(), g.owner.auth(),
                "{\"name\":\"t\",\"event_type\":1,\"trigger_type\":99,\"actions\":[{\"type\":1}]}");
        expectFormError(badType, "/errors/trigger_type/_errors/0/code", "BASE_TYPE_CHOICES");

        Response longMessage = api.call("POST", rules(), g.owner.auth(), "{\"name\":\"m\",\"event_type\":1,"
                + "\"trigger_type\":1,\"trigger_metadata\":{\"keyword_filter\":[\"x\"]},"
                + "\"actions\":[{\"type\":1,\"metadata\":{\"custom_message\":\"" + "m".repeat(151) + "\"}}]}");
        assertThat(longMessage.status()).as(longMessage.raw()).isEqualTo(400);
        assertThat(longMessage.body().at("/errors/actions/0/metadata/custom_message").isMissingNode())
                .as(longMessage.raw()).isFalse();

        String otherGuild = api.createGuild(g.owner, "Other").get("id").asText();
        String foreignChannel = api.textChannel(g.owner, otherGuild);
        Response foreignAlert = api.call("POST", rules(), g.owner.auth(), "{\"name\":\"a\",\"event_type\":1,"
                + "\"trigger_type\":1,\"trigger_metadata\":{\"keyword_filter\":[\"x\"]},"
                + "\"actions\":[{\"type\":2,\"metadata\":{\"channel_id\":\"" + foreignChannel + "\"}}]}");
        expectFormError(foreignAlert, "/errors/actions/0/metadata/channel_id/_errors/0/code", "CHANNEL_NOT_FOUND");

        // six KEYWORD rules per guild, the seventh is refused
        List<String> created = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Response ok = api.call("POST", rules(), g.owner.auth(), keywordRule("kw" + i, "\"w" + i + "\""));
            assertThat(ok.status()).as(ok.raw()).isEqualTo(200);
            created.add(ok.str("id"));
        }
        Response seventh = api.call("POST", rules(), g.owner.auth(), keywordRule("kw7", "\"w7\""));
        expectFormError(seventh, "/errors/trigger_type/_errors/0/code", "AUTO_MODERATION_MAX_RULES_OF_TYPE_EXCEEDED");
        Response edit = api.call("PATCH", rules() + "/" + created.get(0), g.owner.auth(), "{\"name\":\"\"}");
        expectFormError(edit, "/errors/name/_errors/0/code", "BASE_TYPE_BAD_LENGTH");
        created.forEach(id -> assertThat(api.call("DELETE", rules() + "/" + id, g.owner.auth(), null).status())
                .isEqualTo(204));

        Response unknown = api.call("PATCH", rules() + "/1234", g.owner.auth(), "{}");
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void aTimeoutActionAlsoNeedsModerateMembers() {
        Account manager = g.member("amrtimeout");
        g.grant(manager, g.role("amr-only-manage", Permissions.MANAGE_GUILD));
        String body = "{\"name\":\"to\",\"event_type\":1,\"trigger_type\":1,\"trigger_metadata\":{\"keyword_filter\":"
                + "[\"zz\"]},\"actions\":[{\"type\":3,\"metadata\":{\"duration_seconds\":60}}]}";
        Response refused = api.call("POST", rules(), manager.auth(), body);
        assertThat(refused.status()).as(refused.raw()).isEqualTo(403);
        assertThat(refused.body().get("code").asInt()).isEqualTo(50013);
        g.grant(manager, g.role("amr-moderate", Permissions.MODERATE_MEMBERS));
        Response ok = api.call("POST", rules(), manager.auth(), body);
        assertThat(ok.status()).as(ok.raw()).isEqualTo(200);
        assertThat(ok.body().at("/actions/0/metadata/duration_seconds").asInt()).isEqualTo(60);
        assertThat(api.call("DELETE", rules() + "/" + ok.str("id"), manager.auth(), null).status()).isEqualTo(204);
    }

    private static void expectFormError(Response r, String pointer, String code) {
        assertThat(r.status()).as(r.raw()).isEqualTo(400);
        assertThat(r.body().get("code").asInt()).isEqualTo(50035);
        assertThat(r.body().at(pointer).asText()).as(r.raw()).isEqualTo(code);
    }
}
