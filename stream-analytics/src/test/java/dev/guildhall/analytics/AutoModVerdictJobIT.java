package dev.guildhall.analytics;

import dev.guildhall.analytics.automod.AutoModVerdictJob;
import dev.guildhall.analytics.automod.VerdictJobSettings;
import dev.guildhall.analytics.config.AnalyticsConfig;
import dev.guildhall.analytics.metrics.AnalyticsMetrics;
import dev.guildhall.analytics.runtime.LocalAnalyticsRuntime;
import dev.guildhall.events.EventCodec;
import dev.guildhall.events.EventEnvelope;
import dev.guildhall.events.Snowflakes;
import dev.guildhall.events.Topics;
import dev.guildhall.events.payload.AutoModVerdict;
import dev.guildhall.events.payload.MessageCreated;
import dev.guildhall.events.payload.MessageUpdated;
import dev.guildhall.testkit.ClickHouseEngine;
import dev.guildhall.testkit.Engines;
import dev.guildhall.testkit.KafkaEngine;
import dev.guildhall.warehouse.ClickHouseConnections;
import dev.guildhall.warehouse.Migrator;
import dev.guildhall.warehouse.queries.AutoModQueries;
import dev.guildhall.warehouse.queries.VerdictCount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The automod-verdicts job in the local MiniCluster with the real bundled model, Kafka and ClickHouse: every
 * message.created becomes one verdict row (scores, no content) and one automod.verdict event, an edit's content
 * gets its own verdict event and replaces its message's row; a contract violation
 * goes to the dead letters; a full replay from the earliest offsets (new checkpoints) leaves every count unchanged.
 */
class AutoModVerdictJobIT {
    private static final long GUILD = 7301;
    private static final long OTHER_GUILD = 7302;
    private static final int MESSAGES = 12;
    private static final Duration BOUND = Duration.ofSeconds(120);
    private static final Snowflakes IDS = new Snowflakes(11, 1);

    @TempDir
    Path checkpoints;

    @Test
    void everyMessageGetsOneVerdictInClickHouseAndOnKafkaAndAReplayCountsNothingTwice() throws Exception {
        KafkaEngine kafka = Engines.kafka();
        ClickHouseEngine clickhouse = Engines.clickhouse();
        String database = clickhouse.createDatabase("verdicts");
        new Migrator(clickhouse.jdbcUrl(database)).migrate();
        AutoModQueries queries = new AutoModQueries(ClickHouseConnections.dataSource(clickhouse.jdbcUrl(database)));

        try (KafkaFeed feed = new KafkaFeed(kafka)) {
            kafka.createTopic(feed.prefix + Topics.MESSAGES, 2);
            kafka.createTopic(feed.prefix + Topics.AUTOMOD_VERDICTS, 2);
            kafka.createTopic(feed.prefix + Topics.DEAD_LETTER, 1);
            long t0 = Instant.now().minusSeconds(3600).toEpochMilli();
            Set<String> ids = new HashSet<>();
            String pendingId = null;
            for (int i = 0; i < MESSAGES; i++) {
                long guild = i % 3 == 0 ? OTHER_GUILD : GUILD;
                String content = i % 2 == 0 ? "see you in the next round, good game " + i
                        : "FREE MONEY!!! click http://spam.example/" + i + " now";
                String id = IDS.nextString();
                ids.add(id);
                boolean pending = i == 5;
                pendingId = pending ? id : pendingId;
                MessageCreated m = new MessageCreated(id, "600", "42", false, content, content.length(), t0 + i,
                        pending);
                feed.send(Topics.MESSAGES, guild, EventCodec.encode(EventCodec.wrap(IDS, "test", Long.toString(guild),
                        t0 + i, m)));
            }
            // the pending message is edited (the edit is pending too): its new content is scored like a message
            String edited = "you are a worthless idiot and nobody wants you here";
            EventEnvelope edit = EventCodec.wrap(IDS, "test", Long.toString(GUILD), t0 + 100, new MessageUpdated(
                    pendingId, "600", "42", false, edited, edited.length(), t0 + 100, t0 + 5, true));
            feed.send(Topics.MESSAGES, GUILD, EventCodec.encode(edit));
            feed.send(Topics.MESSAGES, GUILD, "{\"not\":\"an event\"}".getBytes(StandardCharsets.UTF_8));
            feed.flush();
            String pendingIdFinal = pendingId;

            List<String> events;
            VerdictJobSettings settings = new VerdictJobSettings(null, 4, Duration.ofMillis(100), 0.5);
            try (LocalAnalyticsRuntime runtime = new LocalAnalyticsRuntime(config(kafka, clickhouse, database, feed,
                    checkpoints.resolve("first"), "committed"), List.of(new AutoModVerdictJob(settings)),
                    AnalyticsMetrics.registry())) {
                runtime.start();
                await().atMost(BOUND).pollInterval(Duration.ofSeconds(1)).until(() ->
                        count(clickhouse, database) == MESSAGES);
                events = feed.read(Topics.AUTOMOD_VERDICTS, MESSAGES + 1);
            }
            LocalDate day = Instant.ofEpochMilli(t0).atZone(ZoneOffset.UTC).toLocalDate();
            List<VerdictCount> first = queries.verdictsPerDay(GUILD, day, day.plusDays(1));
            assertThat(first.stream().mapToLong(VerdictCount::count).sum()).isEqualTo(8);
            assertThat(clickhouse.query(database, "SELECT count() FROM automod_verdicts WHERE abs(safe + spam + toxic"
                    + " + harassment - 1) > 0.01 OR model_version = '' OR source != 'stream' OR length(rule_ids) > 0"))
                    .isEqualTo("0\n");
            assertThat(clickhouse.query(database, "SELECT count() FROM system.columns WHERE database = '" + database
                    + "' AND table = 'automod_verdicts' AND name LIKE '%content%'")).isEqualTo("0\n");

            Map<String, AutoModVerdict> byMessage = new HashMap<>();
            List<AutoModVerdict> onEdits = new ArrayList<>();
            for (String json : events) {
                assertThat(json).doesNotContain("FREE MONEY").doesNotContain("next round").doesNotContain("idiot");
                EventEnvelope e = EventCodec.decode(json);
                AutoModVerdict v = EventCodec.payload(e, AutoModVerdict.class);
                if (v.editedAt() == 0) {
                    assertThat(e.eventId()).isEqualTo(v.messageId());
                    byMessage.put(v.messageId(), v);
                } else {
                    assertThat(e.eventId()).isEqualTo(edit.eventId());
                    onEdits.add(v);
                }
            }
            assertThat(onEdits).singleElement().satisfies(v -> {
                assertThat(v.messageId()).isEqualTo(pendingIdFinal);
                assertThat(v.editedAt()).isEqualTo(t0 + 100);
                assertThat(v.messageCreatedAt()).isEqualTo(t0 + 5);
                assertThat(v.automodPending()).isTrue();
            });
            String editScoredAt = Long.toString(onEdits.get(0).scoredAt());
            await("the row holds the latest content's verdict").atMost(BOUND).pollInterval(Duration.ofMillis(500))
                    .until(() -> clickhouse.query(database, "SELECT scored_ms FROM automod_verdicts FINAL WHERE"
                            + " message_id = " + pendingIdFinal).trim().equals(editScoredAt));
            assertThat(byMessage.keySet()).isEqualTo(ids);
            assertThat(byMessage.values()).allSatisfy(v -> assertThat(v.source()).isEqualTo(AutoModVerdict.STREAM));
            assertThat(byMessage.get(pendingId).automodPending()).isTrue();
            assertThat(byMessage.values()).filteredOn(AutoModVerdict::automodPending).hasSize(1);
            assertThat(feed.read(Topics.DEAD_LETTER, 1)).anySatisfy(d -> assertThat(d)
                    .contains("\"job\":\"" + AutoModVerdictJob.NAME + "\""));

            long firstScoredAt = Long.parseLong(clickhouse.query(database,
                    "SELECT max(scored_ms) FROM automod_verdicts").trim());
            // replay everything Kafka holds with fresh checkpoints: rows are replaced, never added
            try (LocalAnalyticsRuntime replay = new LocalAnalyticsRuntime(config(kafka, clickhouse, database, feed,
                    checkpoints.resolve("replay"), "earliest"), List.of(new AutoModVerdictJob(settings)),
                    AnalyticsMetrics.registry())) {
                replay.start();
                await().atMost(BOUND).pollInterval(Duration.ofSeconds(1)).until(() ->
                        rescored(clickhouse, database, firstScoredAt) == MESSAGES);
                events = feed.read(Topics.AUTOMOD_VERDICTS, 2 * (MESSAGES + 1));
            }
            assertThat(count(clickhouse, database)).isEqualTo(MESSAGES);
            assertThat(queries.verdictsPerDay(GUILD, day, day.plusDays(1))).isEqualTo(first);
            Set<String> eventIds = new HashSet<>(ids);
            eventIds.add(edit.eventId());
            assertThat(new HashSet<>(events.stream().map(j -> EventCodec.decode(j).eventId()).toList()))
                    .as("a replayed verdict is the same event again").isEqualTo(eventIds);
        }
    }

    private static long count(ClickHouseEngine clickhouse, String database) {
        return Long.parseLong(clickhouse.query(database, "SELECT count() FROM automod_verdicts FINAL").trim());
    }

    /** Messages whose latest row was scored after {@code after} (merges may already have replaced older rows). */
    private static long rescored(ClickHouseEngine clickhouse, String database, long after) {
        return Long.parseLong(clickhouse.query(database, "SELECT count() FROM automod_verdicts FINAL WHERE scored_ms > "
                + after).trim());
    }

    private static AnalyticsConfig config(KafkaEngine kafka, ClickHouseEngine clickhouse, String database,
                                          KafkaFeed feed, Path checkpointDir, String offsets) {
        Map<String, String> env = new HashMap<>();
        env.put("GUILDHALL_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
        env.put("GUILDHALL_CLICKHOUSE_URL", clickhouse.jdbcUrl(database));
        env.put("GUILDHALL_CHECKPOINT_DIR", checkpointDir.toString());
        env.put("GUILDHALL_METRICS_PORT", "0");
        env.put("GUILDHALL_ANALYTICS_GROUP_ID", "it-" + UUID.randomUUID());
        env.put("GUILDHALL_KAFKA_TOPIC_PREFIX", feed.prefix);
        env.put("GUILDHALL_KAFKA_STARTING_OFFSETS", offsets);
        env.put("GUILDHALL_CHECKPOINT_INTERVAL", "2s");
        env.put("GUILDHALL_SINK_FLUSH_INTERVAL", "300ms");
        return AnalyticsConfig.from(new Properties(), env);
    }
}
