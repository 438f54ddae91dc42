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
import dev.guildhall.events.payload.AutoModActionExecuted;
import dev.guildhall.events.payload.MessageCreated;
import dev.guildhall.events.payload.ModerationAction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.guildhall.core.support.GuildFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * AutoMod before a message is stored, through the real REST API, gateway, PostgreSQL and Kafka: a blocked message
 * (Discord's 200000, nothing stored, an alert in the alert channel, a review-queue record), a flagged message with
 * a timeout, exemptions, edits, and model rules marking messages for the stream verdict.
 */
class AutoModInlineIT {
    private static final int EXECUTION = Intents.GUILDS | Intents.AUTO_MODERATION_EXECUTION | Intents.GUILD_MESSAGES;

    private static TestServer server;
    private static ApiClient api;
    private static GuildFixture g;
    private static String alertChannel;
    private static Account manager;

    @BeforeAll
    static void start() throws Exception {
        KafkaEvents.createTopics(Topics.GUILDS, Topics.MODERATION, Topics.MESSAGES, Topics.MEMBERS);
        server = TestServer.start("core_automod_inline");
        api = server.client();
        g = new GuildFixture(server, "aminowner", "AutoMod Inline Guild");
        alertChannel = newChannel("mod-alerts");
        manager = g.member("aminmanager");
        g.grant(manager, g.role("amin-managers", Permissions.MANAGE_GUILD));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String rule(String body) {
        Response r = api.call("POST", g.guildPath() + "/auto-moderation/rules", g.owner.auth(), body);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.str("id");
    }

    private static String keywordRule(String name, String keyword, String actions, String extra) {
        return "{\"name\":\"" + name + "\",\"event_type\":1,\"trigger_type\":1,\"enabled\":true,"
                + "\"trigger_metadata\":{\"keyword_filter\":[\"" + keyword + "\"]},\"actions\":" + actions + extra + "}";
    }

    @Test
    void aBlockedMessageIsRefusedWithDiscordsErrorNeverStoredAndRecordedForModerators() throws Exception {
        String ruleId = rule(keywordRule("No slurs", "badword*", "[{\"type\":1,\"metadata\":{\"custom_message\":"
                + "\"Be nice\"}},{\"type\":2,\"metadata\":{\"channel_id\":\"" + alertChannel + "\"}}]", ""));
        Account sender = g.member("aminblocked");
        try (GatewayClient managerGw = g.gateway(manager, EXECUTION);
             GatewayClient senderGw = g.gateway(sender, EXECUTION)) {
            Response blocked = api.sendMessage(sender.auth(), g.channelId, "well BADWORDS here");
            assertThat(blocked.status()).as(blocked.raw()).isEqualTo(400);
            assertThat(blocked.body().get("code").asInt()).isEqualTo(200000);
            assertThat(blocked.body().get("message").asText()).isEqualTo("Message was blocked by automatic moderation");

            Response history = api.get("/api/v10/channels/" + g.channelId + "/messages", g.owner.auth());
            assertThat(history.body().toString()).doesNotContain("BADWORDS");

            List<JsonNode> seen = dispatches(managerGw, "AUTO_MODERATION_ACTION_EXECUTION", 2, "MESSAGE_CREATE", 1);
            List<JsonNode> executions = seen.stream()
                    .filter(p -> p.get("t").asText().equals("AUTO_MODERATION_ACTION_EXECUTION")).toList();
            JsonNode blockExec = executions.get(0);
            JsonNode alertExec = executions.get(1);
            JsonNode d = blockExec.get("d");
            assertThat(d.get("guild_id").asText()).isEqualTo(g.guildId);
            assertThat(d.get("rule_id").asText()).isEqualTo(ruleId);
            assertThat(d.get("rule_trigger_type").asInt()).isEqualTo(1);
            assertThat(d.get("user_id").asText()).isEqualTo(sender.userId());
            assertThat(d.get("channel_id").asText()).isEqualTo(g.channelId);
            assertThat(d.has("message_id")).as("a blocked message has no id").isFalse();
            assertThat(d.at("/action/type").asInt()).isEqualTo(1);
            assertThat(d.at("/action/metadata/custom_message").asText()).isEqualTo("Be nice");
            assertThat(d.get("content").asText()).isEqualTo("well BADWORDS here");
            assertThat(d.get("matched_keyword").asText()).isEqualTo("badword*");
            assertThat(d.get("matched_content").asText()).as("the keyword's part of the word").isEqualTo("BADWORD");
            String alertId = alertExec.at("/d/alert_system_message_id").asText();
            assertThat(alertExec.at("/d/action/type").asInt()).isEqualTo(2);
            assertThat(alertId).isNotEmpty();

            JsonNode alertCreate = seen.stream().filter(p -> p.get("t").asText().equals("MESSAGE_CREATE"))
                    .findFirst().orElseThrow();
            assertThat(alertCreate.at("/d/id").asText()).isEqualTo(alertId);
            assertThat(seen.indexOf(alertCreate)).as("the alert exists before its execution event")
                    .isLessThan(seen.indexOf(alertExec));
            Response alerts = api.get("/api/v10/channels/" + alertChannel + "/messages", g.owner.auth());
            JsonNode alert = alerts.body().get(0);
            assertThat(alert.get("id").asText()).isEqualTo(alertId);
            assertThat(alert.get("type").asInt()).isEqualTo(24);
            assertThat(alert.at("/author/id").asText()).isEqualTo(sender.userId());
            assertThat(alert.has("webhook_id")).isFalse();
            JsonNode embed = alert.at("/embeds/0");
            assertThat(embed.get("type").asText()).isEqualTo("auto_moderation_message");
            assertThat(embed.get("description").asText()).isEqualTo("well BADWORDS here");
            Map<String, String> fields = new LinkedHashMap<>();
            embed.get("fields").forEach(f -> fields.put(f.get("name").asText(), f.get("value").asText()));
            assertThat(fields).containsEntry("rule_name", "No slurs").containsEntry("channel_id", g.channelId)
                    .containsEntry("keyword", "badword*").containsEntry("keyword_matched_content", "BADWORD")
                    .containsKey("decision_id").doesNotContainKey("flagged_message_id");

            List<Map<String, Object>> queue = queue("SELECT * FROM automod_review_queue WHERE rule_id = " + ruleId);
            assertThat(queue).hasSize(1);
            assertThat(queue.get(0)).containsEntry("blocked", true).containsEntry("status", "pending")
                    .containsEntry("blocked_content", "well BADWORDS here").containsEntry("matched_content", "BADWORD")
                    .containsEntry("matched_keyword", "badword*").containsEntry("author_id",
                            Long.parseLong(sender.userId()));

            JsonNode audit = api.get(g.guildPath() + "/audit-logs?action_type=143", g.owner.auth()).body();
            JsonNode entry = audit.get("audit_log_entries").get(0);
            assertThat(entry.get("user_id").asText()).isEqualTo(sender.userId());
            assertThat(entry.at("/options/auto_moderation_rule_name").asText()).isEqualTo("No slurs");
            assertThat(entry.at("/options/channel_id").asText()).isEqualTo(g.channelId);
            assertThat(api.get(g.guildPath() + "/audit-logs?action_type=144", g.owner.auth()).body()
                    .get("audit_log_entries")).isNotEmpty();

            List<EventEnvelope> events = KafkaEvents.awaitTypes(Topics.MODERATION, g.guildId, "automod.action",
                    "automod.action");
            AutoModActionExecuted block = events.stream().filter(e -> e.type().equals("automod.action"))
                    .map(e -> EventCodec.payload(e, AutoModActionExecuted.class))
                    .filter(p -> p.ruleId().equals(ruleId) && p.actionType() == 1).findFirst().orElseThrow();
            assertThat(block.messageId()).isNull();
            assertThat(block.queueItemId()).isEqualTo(queue.get(0).get("id").toString());
            assertThat(EventCodec.encodeToString(events.get(0))).doesNotContain("BADWORDS");

            Thread.sleep(300);
            assertThat(senderGw.drain()).as("only MANAGE_GUILD members see executions")
                    .noneMatch(p -> p.path("t").asText().equals("AUTO_MODERATION_ACTION_EXECUTION"));
        } finally {
            deleteRule(ruleId);
        }
    }

    @Test
    void aFlaggedMessageIsStoredQueuedAndItsAuthorTimedOut() throws Exception {
        String ruleId = rule(keywordRule("Flag and cool down", "flagme",
                "[{\"type\":100},{\"type\":3,\"metadata\":{\"duration_seconds\":120}}]", ""));
        Account sender = g.member("aminflagged");
        try (GatewayClient managerGw = g.gateway(manager, EXECUTION | Intents.GUILD_MEMBERS)) {
            Instant before = Instant.now();
            Response sent = api.sendMessage(sender.auth(), g.channelId, "please flagme now");
            assertThat(sent.status()).as(sent.raw()).isEqualTo(200);
            String messageId = sent.str("id");

            List<Map<String, Object>> queue = queue("SELECT * FROM automod_review_queue WHERE rule_id = " + ruleId);
            assertThat(queue).hasSize(1);
            assertThat(queue.get(0)).containsEntry("blocked", false).containsEntry("status", "pending")
                    .containsEntry("message_id", Long.parseLong(messageId))
                    .containsEntry("channel_id", Long.parseLong(g.channelId))
                    .containsEntry("matched_keyword", "flagme").containsEntry("matched_content", "flagme");
            assertThat(queue.get(0).get("blocked_content")).isNull();

            JsonNode member = api.get(g.guildPath() + "/members/" + sender.userId(), g.owner.auth()).body();
            Instant until = OffsetDateTime.parse(member.get("communication_disabled_until").asText()).toInstant();
            assertThat(until).isAfter(before.plusSeconds(110)).isBefore(Instant.now().plusSeconds(121));
            JsonNode update = managerGw.nextDispatch("GUILD_MEMBER_UPDATE", WAIT);
            assertThat(update.at("/d/user/id").asText()).isEqualTo(sender.userId());
            assertThat(update.at("/d/communication_disabled_until").isNull()).isFalse();
            List<JsonNode> executions = new ArrayList<>();
            executions.add(managerGw.nextDispatch("AUTO_MODERATION_ACTION_EXECUTION", WAIT));
            executions.add(managerGw.nextDispatch("AUTO_MODERATION_ACTION_EXECUTION", WAIT));
            assertThat(executions).allMatch(e -> e != null && e.at("/d/message_id").asText().equals(messageId));
            assertThat(executions).extracting(e -> e.at("/d/action/type").asInt()).containsExactly(100, 3);

            Response timedOut = api.sendMessage(sender.auth(), g.channelId, "hello?");
            assertThat(timedOut.status()).as(timedOut.raw()).isEqualTo(403);
            assertThat(api.get(g.guildPath() + "/audit-logs?action_type=145", g.owner.auth()).body()
                    .get("audit_log_entries")).isNotEmpty();

            List<EventEnvelope> events = KafkaEvents.read(Topics.MODERATION, g.guildId, es -> es.stream().anyMatch(
                    e -> e.type().equals("moderation.action")) && es.stream().anyMatch(e -> e.type()
                    .equals("automod.action") && EventCodec.payload(e, AutoModActionExecuted.class).actionType() == 100),
                    java.time.Duration.ofSeconds(60));
            ModerationAction timeout = events.stream().filter(e -> e.type().equals("moderation.action"))
                    .map(e -> EventCodec.payload(e, ModerationAction.class))
                    .filter(a -> a.targetId().equals(sender.userId())).findFirst().orElseThrow();
            assertThat(timeout.action()).isEqualTo(ModerationAction.TIMEOUT);
            assertThat(timeout.until()).isEqualTo(until.toEpochMilli());
            AutoModActionExecuted flagged = events.stream().filter(e -> e.type().equals("automod.action"))
                    .map(e -> EventCodec.payload(e, AutoModActionExecuted.class))
                    .filter(p -> p.actionType() == 100).findFirst().orElseThrow();
            assertThat(flagged.messageId()).isEqualTo(messageId);
            assertThat(flagged.queueItemId()).isEqualTo(queue.get(0).get("id").toString());
            assertThat(flagged.matchedKeyword()).isEqualTo("flagme");
        } finally {
            deleteRule(ruleId);
        }
    }

    @Test
    void exemptRolesChannelsAndManagersPassAndEditsAreScreenedToo() throws Exception {
        String exemptChannel = newChannel("off-topic");
        String exemptRole = g.role("amin-trusted", 0);
        String ruleId = rule(keywordRule("Exemptions", "exemptword", "[{\"type\":1}]",
                ",\"exempt_roles\":[\"" + exemptRole + "\"],\"exempt_channels\":[\"" + exemptChannel + "\"]"));
        try {
            Account plain = g.member("aminplain");
            Account trusted = g.member("amintrusted");
            g.grant(trusted, exemptRole);
            assertThat(api.sendMessage(plain.auth(), g.channelId, "an exemptword").body().get("code").asInt())
                    .isEqualTo(200000);
            assertThat(api.sendMessage(plain.auth(), exemptChannel, "an exemptword").status()).isEqualTo(200);
            assertThat(api.sendMessage(trusted.auth(), g.channelId, "an exemptword").status()).isEqualTo(200);
            assertThat(api.sendMessage(manager.auth(), g.channelId, "an exemptword").status()).isEqualTo(200);
            assertThat(api.sendMessage(g.owner.auth(), g.channelId, "an exemptword").status()).isEqualTo(200);
            assertThat(api.sendMessage(plain.auth(), g.channelId, "Scunthorpe is exemptwordy? no: exempt word").status())
                    .as("whole words only").isEqualTo(200);

            String id = api.sendMessage(plain.auth(), g.channelId, "innocent").str("id");
            Response edit = api.call("PATCH", "/api/v10/channels/" + g.channelId + "/messages/" + id, plain.auth(),
                    "{\"content\":\"now an exemptword\"}");
            assertThat(edit.status()).as(edit.raw()).isEqualTo(400);
            assertThat(edit.body().get("code").asInt()).isEqualTo(200000);
            assertThat(api.get("/api/v10/channels/" + g.channelId + "/messages/" + id, plain.auth()).str("content"))
                    .isEqualTo("innocent");

            // a disabled rule does nothing, and re-enabling it takes effect at once (compiled rules invalidated)
            api.call("PATCH", g.guildPath() + "/auto-moderation/rules/" + ruleId, g.owner.auth(), "{\"enabled\":false}");
            assertThat(api.sendMessage(plain.auth(), g.channelId, "an exemptword").status()).isEqualTo(200);
            api.call("PATCH", g.guildPath() + "/auto-moderation/rules/" + ruleId, g.owner.auth(), "{\"enabled\":true}");
            assertThat(api.sendMessage(plain.auth(), g.channelId, "an exemptword").status()).isEqualTo(400);
        } finally {
            deleteRule(ruleId);
        }
    }

    @Test
    void aModelRuleWithoutAModelMarksMessagesForTheStreamVerdict() {
        String ruleId = rule("{\"name\":\"Toxicity\",\"event_type\":1,\"trigger_type\":100,\"enabled\":true,"
                + "\"trigger_metadata\":{\"score_threshold\":0.9},\"actions\":[{\"type\":100}]}");
        try {
            Account sender = g.member("aminmodel");
            Response sent = api.sendMessage(sender.auth(), g.channelId, "judge me later");
            assertThat(sent.status()).as(sent.raw()).isEqualTo(200);
            String messageId = sent.str("id");
            List<EventEnvelope> events = KafkaEvents.read(Topics.MESSAGES, g.guildId, es -> es.stream().anyMatch(
                    e -> e.type().equals("message.created")
                            && EventCodec.payload(e, MessageCreated.class).messageId().equals(messageId)),
                    java.time.Duration.ofSeconds(60));
            MessageCreated created = events.stream().filter(e -> e.type().equals("message.created"))
                    .map(e -> EventCodec.payload(e, MessageCreated.class))
                    .filter(m -> m.messageId().equals(messageId)).findFirst().orElseThrow();
            assertThat(created.automodPending()).isTrue();
        } finally {
            deleteRule(ruleId);
        }
    }

    @Test
    void messagesUseTheCachedRulesAndEveryRuleChangeThroughTheApiAppliesToTheNextMessage() throws Exception {
        String ruleId = rule(keywordRule("Cached", "cachedword", "[{\"type\":1}]", ""));
        Account sender = g.member("amincache");
        try {
            assertThat(blocked(sender, "a cachedword")).as("created: applies at once").isTrue();
            // changed behind the API's back: messages keep the compiled rules (no PostgreSQL read per message)
            assertThat(server.sql("UPDATE automod_rules SET rule = jsonb_set(rule, '{trigger_metadata,keyword_filter}',"
                    + " '[\"sqlword\"]') WHERE id = ?", Long.parseLong(ruleId))).isEqualTo(1);
            assertThat(blocked(sender, "a cachedword")).as("the cached rules decide").isTrue();
            assertThat(blocked(sender, "a sqlword")).isFalse();

            patchRule(ruleId, "{\"trigger_metadata\":{\"keyword_filter\":[\"patchedword\"]}}");
            assertThat(blocked(sender, "a patchedword")).as("updated: applies at once").isTrue();
            assertThat(blocked(sender, "a cachedword")).isFalse();
            patchRule(ruleId, "{\"enabled\":false}");
            assertThat(blocked(sender, "a patchedword")).as("disabled").isFalse();
            patchRule(ruleId, "{\"enabled\":true}");
            assertThat(blocked(sender, "a patchedword")).as("enabled again").isTrue();

            String before = api.call("GET", "/metrics", null, null).raw();
            assertThat(blocked(sender, "an ordinary message")).isFalse();
            String after = api.call("GET", "/metrics", null, null).raw();
            assertThat(after).containsPattern("guildhall_automod_decision_seconds\\{[^}]*quantile=\"0.99\"")
                    .containsPattern("guildhall_automod_inline_seconds\\{[^}]*quantile=\"0.99\"");
            assertThat(metric(after, "guildhall_automod_decision_seconds_count")
                    - metric(before, "guildhall_automod_decision_seconds_count")).as("one decision per message")
                    .isEqualTo(1.0);
            assertThat(metric(after, "guildhall_automod_decision_seconds_count"))
                    .as("every screened message is timed by both").isEqualTo(
                            metric(after, "guildhall_automod_inline_seconds_count"));
            assertThat(metric(after, "guildhall_automod_decision_seconds_sum"))
                    .as("the decision is part of the whole check")
                    .isLessThanOrEqualTo(metric(after, "guildhall_automod_inline_seconds_sum"));
        } finally {
            deleteRule(ruleId);
        }
        assertThat(blocked(sender, "a patchedword")).as("deleted: applies at once").isFalse();
    }

    private static boolean blocked(Account sender, String content) {
        Response r = api.sendMessage(sender.auth(), g.channelId, content);
        assertThat(r.status()).as(r.raw()).isIn(200, 400);
        if (r.status() == 400) {
            assertThat(r.body().get("code").asInt()).as(r.raw()).isEqualTo(200000);
        }
        return r.status() == 400;
    }

    private static void patchRule(String ruleId, String body) {
        Response r = api.call("PATCH", g.guildPath() + "/auto-moderation/rules/" + ruleId, g.owner.auth(), body);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
    }

    /** The value of the Prometheus sample {@code name} (its only series: the process's common labels). */
    private static double metric(String scrape, String name) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError(name + " not in /metrics");
    }

    /** Dispatches received until there are {@code n1} of {@code t1} and {@code n2} of {@code t2}, in order. */
    private static List<JsonNode> dispatches(GatewayClient gw, String t1, int n1, String t2, int n2)
            throws InterruptedException {
        List<JsonNode> out = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        int c1 = 0;
        int c2 = 0;
        while ((c1 < n1 || c2 < n2) && System.nanoTime() < deadline) {
            JsonNode p = gw.nextNonAck(java.time.Duration.ofMillis(200));
            if (p == null || p.path("op").asInt() != 0) {
                continue;
            }
            String t = p.get("t").asText();
            if (t.equals(t1) || t.equals(t2)) {
                out.add(p);
                c1 += t.equals(t1) ? 1 : 0;
                c2 += t.equals(t2) ? 1 : 0;
            }
        }
        assertThat(c1).as(t1).isEqualTo(n1);
        assertThat(c2).as(t2).isEqualTo(n2);
        return out;
    }

    private static String newChannel(String name) {
        Response r = api.post(g.guildPath() + "/channels", g.owner.auth(), Map.of("name", name, "type", 0));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.str("id");
    }

    private static void deleteRule(String ruleId) {
        api.call("DELETE", g.guildPath() + "/auto-moderation/rules/" + ruleId, g.owner.auth(), null);
    }

    private static List<Map<String, Object>> queue(String query) throws Exception {
        try (Connection c = DriverManager.getConnection(server.config().pgUrl(), server.config().pgUser(),
                server.config().pgPassword());
             PreparedStatement ps = c.prepareStatement(query);
             ResultSet rs = ps.executeQuery()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
