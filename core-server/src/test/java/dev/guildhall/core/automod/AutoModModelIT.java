package dev.guildhall.core.automod;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.automod.ml.MessageClassifier;
import dev.guildhall.automod.ml.MessageClassifiers;
import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.ApiClient.Response;
import dev.guildhall.core.support.GuildFixture;
import dev.guildhall.core.support.KafkaEvents;
import dev.guildhall.core.support.TestServer;
import dev.guildhall.events.EventCodec;
import dev.guildhall.events.EventEnvelope;
import dev.guildhall.events.Snowflakes;
import dev.guildhall.events.Topics;
import dev.guildhall.events.payload.AutoModVerdict;
import dev.guildhall.events.payload.MessageCreated;
import dev.guildhall.events.payload.MessageUpdated;
import dev.guildhall.testkit.Engines;
import io.micrometer.core.instrument.Counter;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * AutoMod's classifier (the real bundled model) in core-server, through the real REST API, PostgreSQL and Kafka.
 * Server "inline" waits generously for the model (this test checks what the answer does, not how fast it comes on
 * a shared CI machine; the 2 ms default is measured by the benchmark); server "late" has a budget of 0 ms, so no
 * message (nor edit) is scored inline: it is stored automod_pending and the stream verdict on its content version,
 * read from Kafka, applies the guild's model rules afterwards, once per version. (A tiny non-zero budget is not
 * deterministic: on a loaded machine the sending thread can be descheduled while the model answers, and an answer
 * already there is used; the timeout itself is covered by InlineModelTest.)
 */
class AutoModModelIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static TestServer inline;
    private static TestServer late;
    private static KafkaProducer<String, byte[]> producer;
    private static MessageClassifier classifier;

    @BeforeAll
    static void start() throws Exception {
        KafkaEvents.createTopics(Topics.GUILDS, Topics.MODERATION, Topics.MESSAGES, Topics.MEMBERS,
                Topics.AUTOMOD_VERDICTS);
        inline = TestServer.start("core_automod_model", Map.of("automod.model.enabled", "true",
                "automod.model.budget.ms", "5000"));
        late = TestServer.start("core_automod_late", Map.of("automod.model.enabled", "true",
                "automod.model.budget.ms", "0", "automod.verdicts.enabled", "true",
                "automod.verdicts.group", "automod-model-it-" + UUID.randomUUID()));
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Engines.kafka().bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producer = new KafkaProducer<>(p);
        classifier = MessageClassifiers.bundled();
        for (TestServer s : List.of(inline, late)) {
            await().atMost(WAIT).until(() -> s.server().registry().find("guildhall.automod.model.loaded").gauge()
                    .value() == 1.0);
        }
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {inline, late, producer, classifier}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    private static String modelRule(GuildFixture g, int triggerType, String actions) {
        Response r = g.api.call("POST", g.guildPath() + "/auto-moderation/rules", g.owner.auth(),
                "{\"name\":\"model " + triggerType + "\",\"event_type\":1,\"trigger_type\":" + triggerType
                        + ",\"enabled\":true,\"trigger_metadata\":{\"score_threshold\":0.01},\"actions\":" + actions
                        + "}");
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.str("id");
    }

    @Test
    void aModelRuleFlagsAndBlocksInlineWithTheModelsScores() throws Exception {
        GuildFixture g = new GuildFixture(inline, "mlowner", "ML Inline Guild");
        ApiClient api = g.api;
        String toxicity = modelRule(g, 100, "[{\"type\":100}]");
        Account sender = g.member("mlsender");

        Response flagged = api.sendMessage(sender.auth(), g.channelId, "you are all useless idiots");
        assertThat(flagged.status()).as(flagged.raw()).isEqualTo(200);
        String flaggedId = flagged.str("id");
        List<Map<String, Object>> items = rows(inline, "SELECT rule_id, blocked, model_pending, scores::text AS scores"
                + " FROM automod_review_queue WHERE message_id = " + flaggedId);
        assertThat(items).hasSize(1);
        assertThat(items.get(0)).containsEntry("rule_id", Long.parseLong(toxicity)).containsEntry("blocked", false)
                .containsEntry("model_pending", false);
        JsonNode scores = ApiClient.JSON.readTree((String) items.get(0).get("scores"));
        assertThat(scores.fieldNames()).toIterable().containsExactlyInAnyOrder("safe", "spam", "toxic", "harassment");
        double sum = 0;
        for (JsonNode s : scores) {
            sum += s.asDouble();
        }
        assertThat(sum).isBetween(0.99, 1.01);

        String spam = modelRule(g, 101, "[{\"type\":1,\"metadata\":{\"custom_message\":\"No ads\"}}]");
        Response blocked = api.sendMessage(sender.auth(), g.channelId, "WIN FREE MONEY NOW click http://x.example");
        assertThat(blocked.status()).as(blocked.raw()).isEqualTo(400);
        assertThat(blocked.body().get("code").asInt()).isEqualTo(200000);
        List<Map<String, Object>> blockedItems = rows(inline, "SELECT blocked, blocked_content, scores IS NOT NULL AS"
                + " scored FROM automod_review_queue WHERE rule_id = " + spam);
        assertThat(blockedItems).singleElement().satisfies(row -> assertThat(row).containsEntry("blocked", true)
                .containsEntry("blocked_content", "WIN FREE MONEY NOW click http://x.example")
                .containsEntry("scored", true));

        List<AutoModVerdict> verdicts = KafkaEvents.read(Topics.AUTOMOD_VERDICTS, g.guildId, es -> es.size() >= 2, WAIT)
                .stream().map(e -> EventCodec.payload(e, AutoModVerdict.class)).toList();
        assertThat(verdicts).hasSize(2).allSatisfy(v -> {
            assertThat(v.source()).isEqualTo(AutoModVerdict.INLINE);
            assertThat(v.modelVersion()).isEqualTo(classifier.version());
            assertThat(v.automodPending()).isFalse();
        });
        assertThat(verdicts.get(0).messageId()).isEqualTo(flaggedId);
        assertThat(verdicts.get(0).decision()).isEqualTo(AutoModVerdict.FLAG);
        assertThat(verdicts.get(0).ruleIds()).containsExactly(toxicity);
        assertThat(verdicts.get(1).decision()).isEqualTo(AutoModVerdict.BLOCK);
        assertThat(verdicts.get(1).ruleIds()).contains(spam);
        assertThat(EventCodec.encodeToString(KafkaEvents.read(Topics.AUTOMOD_VERDICTS, g.guildId,
                es -> es.size() >= 2, WAIT).get(1))).doesNotContain("FREE MONEY");
        assertThat(created(g, flaggedId).automodPending()).isFalse();
        assertThat(inline.server().registry().get("guildhall.automod.model.inline").timer().count())
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void withoutAModelRuleTheModelIsNotWaitedForAndTheDecisionIsTimed() {
        GuildFixture g = new GuildFixture(inline, "mlnoneowner", "ML None Guild");
        Response rule = g.api.call("POST", g.guildPath() + "/auto-moderation/rules", g.owner.auth(),
                "{\"name\":\"words\",\"event_type\":1,\"trigger_type\":1,\"enabled\":true,"
                        + "\"trigger_metadata\":{\"keyword_filter\":[\"nomodelword\"]},\"actions\":[{\"type\":100}]}");
        assertThat(rule.status()).as(rule.raw()).isEqualTo(200);
        Account sender = g.member("mlnonesender");
        double asked = modelAsked();
        long decisions = inline.server().registry().get("guildhall.automod.decision").timer().count();
        for (String content : List.of("you are all useless idiots", "gg well played", "a nomodelword here")) {
            Response sent = g.api.sendMessage(sender.auth(), g.channelId, content);
            assertThat(sent.status()).as(sent.raw()).isEqualTo(200);
            assertThat(created(g, sent.str("id")).automodPending()).isFalse();
        }
        assertThat(modelAsked()).as("no model rule in the guild: the model is neither asked nor waited for")
                .isEqualTo(asked);
        assertThat(inline.server().registry().get("guildhall.automod.decision").timer().count())
                .isEqualTo(decisions + 3);
    }

    /** Messages submitted to the inline model: answered, timed out, overloaded, failed or without a model. */
    private static double modelAsked() {
        var registry = inline.server().registry();
        return registry.get("guildhall.automod.model.inline").timer().count()
                + registry.find("guildhall.automod.model.unanswered").counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    @Test
    void overBudgetMessagesArePendingAndTheStreamVerdictFlagsThemOnce() throws Exception {
        GuildFixture g = new GuildFixture(late, "mllateowner", "ML Late Guild");
        String toxicity = modelRule(g, 100, "[{\"type\":100}]");
        Account sender = g.member("mllatesender");
        String content = "nobody wants you here, loser";
        Response sent = g.api.sendMessage(sender.auth(), g.channelId, content);
        assertThat(sent.status()).as(sent.raw()).isEqualTo(200);
        String messageId = sent.str("id");
        MessageCreated created = created(g, messageId);
        assertThat(created.automodPending()).isTrue();
        assertThat(rows(late, "SELECT id FROM automod_review_queue WHERE message_id = " + messageId)).isEmpty();
        assertThat(counter("guildhall.automod.model.unanswered", "reason", "timeout")).isGreaterThanOrEqualTo(1);

        // not pending (e.g. another node decided inline): ignored; then the pending verdict, twice (a replay)
        publish(g.guildId, streamVerdict(created, false));
        publish(g.guildId, streamVerdict(created, true));
        await().atMost(WAIT).until(() -> !rows(late, "SELECT id FROM automod_review_queue WHERE message_id = "
                + messageId).isEmpty());
        publish(g.guildId, streamVerdict(created, true));
        await().atMost(WAIT).until(() -> counter("guildhall.automod.verdicts.consumed", "outcome", "already_applied")
                >= 1);
        List<Map<String, Object>> items = rows(late, "SELECT rule_id, blocked, model_pending, scores IS NOT NULL AS"
                + " scored FROM automod_review_queue WHERE message_id = " + messageId);
        assertThat(items).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("rule_id", Long.parseLong(toxicity)).containsEntry("blocked", false)
                .containsEntry("model_pending", false).containsEntry("scored", true));
        assertThat(counter("guildhall.automod.verdicts.consumed", "outcome", "ignored")).isGreaterThanOrEqualTo(1);
        assertThat(g.api.get("/api/v10/channels/" + g.channelId + "/messages/" + messageId, g.owner.auth()).status())
                .isEqualTo(200);
    }

    @Test
    void aLateBlockDeletesTheStoredMessageAndKeepsItsContentInTheQueue() throws Exception {
        GuildFixture g = new GuildFixture(late, "mlblockowner", "ML Late Block Guild");
        String spam = modelRule(g, 101, "[{\"type\":1}]");
        Account sender = g.member("mlblocksender");
        Response sent = g.api.sendMessage(sender.auth(), g.channelId, "cheap pills, buy now");
        assertThat(sent.status()).as("stored: the model did not answer in time").isEqualTo(200);
        String messageId = sent.str("id");
        publish(g.guildId, streamVerdict(created(g, messageId), true));
        await().atMost(WAIT).until(() -> g.api.get("/api/v10/channels/" + g.channelId + "/messages/" + messageId,
                g.owner.auth()).status() == 404);
        assertThat(rows(late, "SELECT rule_id, blocked, blocked_content FROM automod_review_queue WHERE message_id = "
                + messageId)).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("rule_id", Long.parseLong(spam)).containsEntry("blocked", true)
                .containsEntry("blocked_content", "cheap pills, buy now"));
        List<EventEnvelope> deleted = KafkaEvents.read(Topics.MESSAGES, g.guildId,
                es -> es.stream().anyMatch(e -> e.type().equals("message.deleted")), WAIT);
        assertThat(deleted).anyMatch(e -> e.type().equals("message.deleted"));
    }

    @Test
    void anEditOverBudgetIsPendingAndTheStreamVerdictOnItsContentDecides() throws Exception {
        String clean = "gg everyone, see you at the raid tonight";
        String toxic = "you are a worthless idiot and everyone here hates you";
        String alsoToxic = "shut up, nobody asked you, go away loser";
        double cleanScore = toxicity(clean);
        double threshold = (cleanScore + Math.min(toxicity(toxic), toxicity(alsoToxic))) / 2;
        assertThat(threshold).as("the model tells the texts apart").isGreaterThan(cleanScore);
        GuildFixture g = new GuildFixture(late, "mleditowner", "ML Edit Guild");
        Response rule = g.api.call("POST", g.guildPath() + "/auto-moderation/rules", g.owner.auth(),
                "{\"name\":\"toxic edits\",\"event_type\":1,\"trigger_type\":100,\"enabled\":true,"
                        + "\"trigger_metadata\":{\"score_threshold\":" + threshold + "},\"actions\":[{\"type\":100}]}");
        assertThat(rule.status()).as(rule.raw()).isEqualTo(200);
        Account sender = g.member("mleditsender");
        String path = "/api/v10/channels/" + g.channelId + "/messages/";
        double timeouts = counter("guildhall.automod.model.unanswered", "reason", "timeout");

        Response sent = g.api.sendMessage(sender.auth(), g.channelId, clean);
        assertThat(sent.status()).as(sent.raw()).isEqualTo(200);
        String id = sent.str("id");
        MessageCreated created = created(g, id);
        Response edit = g.api.call("PATCH", path + id, sender.auth(), "{\"content\":\"" + toxic + "\"}");
        assertThat(edit.status()).as(edit.raw()).isEqualTo(200);
        MessageUpdated firstEdit = updated(g, id, toxic);
        assertThat(firstEdit.automodPending()).as("no model answer within the budget").isTrue();
        assertThat(firstEdit.createdAt()).isEqualTo(created.createdAt());
        assertThat(counter("guildhall.automod.model.unanswered", "reason", "timeout")).isGreaterThanOrEqualTo(
                timeouts + 2);
        assertThat(rows(late, "SELECT id FROM automod_review_queue WHERE message_id = " + id)).isEmpty();
        assertThat(late.server().registry().get("guildhall.automod.verdicts.waiting").gauge().value())
                .as("the edit waits for its verdict, visibly").isGreaterThanOrEqualTo(1);
        assertThat(late.server().registry().get("guildhall.automod.verdicts.oldest.waiting.seconds").gauge()
                .value()).isGreaterThanOrEqualTo(0);

        // the verdict on the content as posted arrives late: that content is gone, nothing happens
        double stale = counter("guildhall.automod.verdicts.consumed", "outcome", "stale");
        publish(g.guildId, streamVerdict(created, true));
        await().atMost(WAIT).until(() -> counter("guildhall.automod.verdicts.consumed", "outcome", "stale")
                > stale);
        // the verdict on the edit's content flags it, once
        publish(g.guildId, streamVerdict(firstEdit));
        await().atMost(WAIT).until(() -> rows(late, "SELECT id FROM automod_review_queue WHERE message_id = " + id)
                .size() == 1);
        double again = counter("guildhall.automod.verdicts.consumed", "outcome", "already_applied");
        publish(g.guildId, streamVerdict(firstEdit));
        await().atMost(WAIT).until(() -> counter("guildhall.automod.verdicts.consumed", "outcome",
                "already_applied") > again);

        // edited again: the message already has a model item, the new content is still decided by its own verdict
        Response second = g.api.call("PATCH", path + id, sender.auth(), "{\"content\":\"" + alsoToxic + "\"}");
        assertThat(second.status()).as(second.raw()).isEqualTo(200);
        MessageUpdated secondEdit = updated(g, id, alsoToxic);
        assertThat(secondEdit.automodPending()).isTrue();
        publish(g.guildId, streamVerdict(secondEdit));
        await().atMost(WAIT).until(() -> rows(late, "SELECT id FROM automod_review_queue WHERE message_id = " + id)
                .size() == 2);
        assertThat(rows(late, "SELECT rule_id, model_pending, scores IS NOT NULL AS scored FROM automod_review_queue"
                + " WHERE message_id = " + id)).allSatisfy(row -> assertThat(row)
                .containsEntry("rule_id", Long.parseLong(rule.str("id"))).containsEntry("model_pending", false)
                .containsEntry("scored", true));
        assertThat(rows(late, "SELECT message_id FROM automod_pending_verdicts WHERE message_id = " + id)).isEmpty();

        // an edit that leaves the content alone (embeds only) keeps the posted content waiting for its verdict
        Response other = g.api.sendMessage(sender.auth(), g.channelId, toxic);
        String otherId = other.str("id");
        Response embeds = g.api.call("PATCH", path + otherId, sender.auth(), "{\"embeds\":[{\"title\":\"gg\"}]}");
        assertThat(embeds.status()).as(embeds.raw()).isEqualTo(200);
        assertThat(updated(g, otherId, toxic).automodPending()).isFalse();
        publish(g.guildId, streamVerdict(created(g, otherId), true));
        await().atMost(WAIT).until(() -> rows(late, "SELECT id FROM automod_review_queue WHERE message_id = "
                + otherId).size() == 1);
    }

    /** The score ML_TOXICITY compares with its threshold: the larger of toxic and harassment. */
    private static double toxicity(String text) {
        float[] s = classifier.score(text);
        List<String> labels = classifier.labels();
        return Math.max(s[labels.indexOf("toxic")], s[labels.indexOf("harassment")]);
    }

    /** The stream job's verdict on a message: the real model's scores, source "stream". */
    private static AutoModVerdict streamVerdict(MessageCreated m, boolean pending) {
        return verdict(m.messageId(), m.channelId(), m.authorId(), m.content(), m.createdAt(), pending, 0);
    }

    /** The stream job's verdict on an edit's content, as pending as the edit was. */
    private static AutoModVerdict streamVerdict(MessageUpdated m) {
        return verdict(m.messageId(), m.channelId(), m.authorId(), m.content(), m.createdAt(), m.automodPending(),
                m.editedAt());
    }

    private static AutoModVerdict verdict(String messageId, String channelId, String authorId, String content,
                                          long createdAt, boolean pending, long editedAt) {
        float[] s = classifier.score(content);
        List<String> labels = classifier.labels();
        return new AutoModVerdict(messageId, channelId, authorId, classifier.version(),
                (double) s[labels.indexOf("safe")], (double) s[labels.indexOf("spam")],
                (double) s[labels.indexOf("toxic")], (double) s[labels.indexOf("harassment")],
                AutoModVerdict.ALLOW, List.of(), AutoModVerdict.STREAM, 100, createdAt, System.currentTimeMillis(),
                pending, editedAt);
    }

    /** The message.updated of the message that carries {@code content}. */
    private static MessageUpdated updated(GuildFixture g, String messageId, String content) {
        return KafkaEvents.read(Topics.MESSAGES, g.guildId, es -> es.stream().anyMatch(e -> isUpdate(e, messageId,
                content)), WAIT).stream().filter(e -> isUpdate(e, messageId, content))
                .map(e -> EventCodec.payload(e, MessageUpdated.class)).reduce((a, b) -> b).orElseThrow();
    }

    private static boolean isUpdate(EventEnvelope e, String messageId, String content) {
        if (!e.type().equals("message.updated")) {
            return false;
        }
        MessageUpdated u = EventCodec.payload(e, MessageUpdated.class);
        return u.messageId().equals(messageId) && u.content().equals(content);
    }

    private static void publish(String guildId, AutoModVerdict verdict) throws Exception {
        EventEnvelope e = EventCodec.wrap(new Snowflakes(9, 9), "stream-analytics/it", guildId,
                verdict.messageCreatedAt(), verdict);
        producer.send(new ProducerRecord<>(Topics.AUTOMOD_VERDICTS, guildId, EventCodec.encode(e))).get();
    }

    private static MessageCreated created(GuildFixture g, String messageId) {
        return KafkaEvents.read(Topics.MESSAGES, g.guildId, es -> es.stream().anyMatch(e -> isCreated(e, messageId)),
                WAIT).stream().filter(e -> isCreated(e, messageId))
                .map(e -> EventCodec.payload(e, MessageCreated.class)).findFirst().orElseThrow();
    }

    private static boolean isCreated(EventEnvelope e, String messageId) {
        return e.type().equals("message.created")
                && EventCodec.payload(e, MessageCreated.class).messageId().equals(messageId);
    }

    private static double counter(String name, String tag, String value) {
        Counter c = late.server().registry().find(name).tag(tag, value).counter();
        return c == null ? 0 : c.count();
    }

    private static List<Map<String, Object>> rows(TestServer server, String query) throws Exception {
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
