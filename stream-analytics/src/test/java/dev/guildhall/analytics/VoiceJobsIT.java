package dev.guildhall.analytics;

import dev.guildhall.analytics.config.AnalyticsConfig;
import dev.guildhall.analytics.metrics.AnalyticsMetrics;
import dev.guildhall.analytics.runtime.LocalAnalyticsRuntime;
import dev.guildhall.analytics.voice.VoiceQualityJob;
import dev.guildhall.analytics.voiceminutes.VoiceMinutesJob;
import dev.guildhall.events.Topics;
import dev.guildhall.testkit.ClickHouseEngine;
import dev.guildhall.testkit.Engines;
import dev.guildhall.testkit.KafkaEngine;
import dev.guildhall.warehouse.ClickHouseConnections;
import dev.guildhall.warehouse.Migrator;
import dev.guildhall.warehouse.queries.GuildVoiceQuality;
import dev.guildhall.warehouse.queries.LateEventCount;
import dev.guildhall.warehouse.queries.LateEventQueries;
import dev.guildhall.warehouse.queries.VoiceDay;
import dev.guildhall.warehouse.queries.VoiceMetric;
import dev.guildhall.warehouse.queries.VoiceMinutesQueries;
import dev.guildhall.warehouse.queries.VoiceQualityPoint;
import dev.guildhall.warehouse.queries.VoiceQualityStats;
import dev.guildhall.warehouse.queries.VoiceQueries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The voice-quality and voice-minutes jobs in the local MiniCluster on the testkit's real Kafka and ClickHouse:
 * version-1 and version-2 samples and voice sessions (one across midnight, one without its leave) in → the raw
 * samples, the per-channel and per-server digests, voice minutes and the late sample are in ClickHouse and the
 * warehouse's named queries answer exactly. Then a replay: the jobs start again without checkpoints from the earliest offsets, every
 * row is written a second time, and every answer stays the same (no double counting).
 */
class VoiceJobsIT {
    private static final long DAY = 86_400_000;
    private static final long MIN = 60_000;
    private static final long G1 = 7001;
    private static final long G2 = 7002;
    private static final Duration BOUND = Duration.ofSeconds(90);

    @TempDir
    Path checkpoints;

    private record Answers(List<VoiceQualityPoint> servers, List<GuildVoiceQuality> guilds, List<VoiceDay> days,
                           String raw) {
    }

    @Test
    void voiceSamplesAndSessionsBecomeExactQueryAnswersAndAReplayChangesNothing() throws Exception {
        KafkaEngine kafka = Engines.kafka();
        ClickHouseEngine clickhouse = Engines.clickhouse();
        String database = clickhouse.createDatabase("voicejobs");
        String url = clickhouse.jdbcUrl(database);
        new Migrator(url).migrate();
        VoiceQueries voice = new VoiceQueries(ClickHouseConnections.dataSource(url));
        VoiceMinutesQueries minutes = new VoiceMinutesQueries(ClickHouseConnections.dataSource(url));
        LateEventQueries late = new LateEventQueries(ClickHouseConnections.dataSource(url));

        LocalDate d = LocalDate.now(ZoneOffset.UTC).minusDays(3);
        long day = d.toEpochDay() * DAY;
        long m = day + 10 * 60 * MIN;                      // 10:00 of day d
        Instant minute = Instant.ofEpochMilli(m);

        try (KafkaFeed feed = new KafkaFeed(kafka)) {
            for (String topic : List.of(Topics.VOICE_QUALITY, Topics.VOICE_SESSIONS, Topics.DEAD_LETTER)) {
                kafka.createTopic(feed.prefix + topic, 1);
            }
            // guild 1 on eu: three version-2 samples and a version-1 sample; guild 2 on us: two samples
            feed.send(Topics.VOICE_QUALITY, G1, TestEvents.voiceQualityV2("eu", "vs-eu-1", G1, 71, 1, m + 5_000, 2.0,
                    20.0, 1L, 32.0, 4.0, 1, 250));
            byte[] resent = TestEvents.voiceQualityV2("eu", "vs-eu-1", G1, 71, 2, m + 10_000, 4.0, 40.0, 0L, 32.0,
                    4.2, 0, 250);
            feed.send(Topics.VOICE_QUALITY, G1, resent);
            feed.send(Topics.VOICE_QUALITY, G1, resent);   // delivered twice: counted once
            feed.send(Topics.VOICE_QUALITY, G1, TestEvents.voiceQualityV2("eu", "vs-eu-1", G1, 71, 3, m + 15_000, 6.0,
                    60.0, 2L, 32.0, 3.8, 4, 250));
            feed.send(Topics.VOICE_QUALITY, G1, TestEvents.voiceQuality("eu", "vs-eu-1", m + 20_000, 8.0, 5, 250)
            );                                             // version 1: guild 900, channel 1001, no rtt / mos
            feed.send(Topics.VOICE_QUALITY, G2, TestEvents.voiceQualityV2("us", "vs-us-1", G2, 72, 4, m + 25_000, 10.0,
                    150.0, 0L, 24.0, 2.5, 10, 250));
            feed.send(Topics.VOICE_QUALITY, G2, TestEvents.voiceQualityV2("us", "vs-us-1", G2, 72, 5, m + 30_000, 12.0,
                    250.0, 0L, 24.0, 3.0, 20, 250));
            // moves the watermark 10 minutes on: minute m is final
            feed.send(Topics.VOICE_QUALITY, 9999, TestEvents.voiceQualityV2("xx", "vs-xx", 9999, 1, 1, m + 10 * MIN,
                    1.0, 1.0, 0L, 1.0, 4.4, 0, 1));

            // sessions: 10:00-10:30; 23:30-00:20 across midnight; 20:00 without a leave (capped at 2 h)
            feed.send(Topics.VOICE_SESSIONS, G1, TestEvents.voiceSessionJoined(G1, 71, 500, "gw-a", m));
            feed.send(Topics.VOICE_SESSIONS, G1, TestEvents.voiceSessionLeft(G1, 71, 500, "gw-a", m, m + 30 * MIN));
            feed.send(Topics.VOICE_SESSIONS, G1, TestEvents.voiceSessionJoined(G1, 71, 501, "gw-b",
                    day + 23 * 60 * MIN + 30 * MIN));
            feed.send(Topics.VOICE_SESSIONS, G1, TestEvents.voiceSessionJoined(G1, 73, 502, "gw-c", day + 20 * 60 * MIN));
            feed.send(Topics.VOICE_SESSIONS, G1, TestEvents.voiceSessionLeft(G1, 71, 501, "gw-b",
                    day + 23 * 60 * MIN + 30 * MIN, day + DAY + 20 * MIN));
            feed.send(Topics.VOICE_SESSIONS, 9999, TestEvents.voiceSessionJoined(9999, 1, 1, "gw-x", day + DAY + 6 * 60 * MIN));
            feed.flush();

            Map<String, String> env = env(kafka, url, feed.prefix, checkpoints.resolve("live"));
            Answers live;
            try (LocalAnalyticsRuntime runtime = new LocalAnalyticsRuntime(AnalyticsConfig.from(new Properties(), env),
                    AnalyticsJobs.select(VoiceQualityJob.NAME + "," + VoiceMinutesJob.NAME),
                    AnalyticsMetrics.registry())) {
                runtime.start();
                await().atMost(BOUND).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                        assertThat(voice.qualityByServer(null, minute, minute.plusSeconds(60), Duration.ofMinutes(1)))
                                .extracting(p -> p.region() + "/" + p.voiceServer())
                                .containsExactly("eu/vs-eu-1", "us/vs-us-1"));
                // the watermark is past m + 2 min now: a sample for minute m is too late for both windows
                feed.send(Topics.VOICE_QUALITY, 7003, TestEvents.voiceQualityV2("ap", "vs-ap-1", 7003, 74, 6,
                        m + 35_000, 3.0, 30.0, 0L, 30.0, 4.0, 0, 250));
                feed.flush();

                List<VoiceQualityPoint> servers = voice.qualityByServer(null, minute, minute.plusSeconds(60),
                        Duration.ofMinutes(1));
                VoiceQualityStats eu = servers.get(0).stats();
                assertThat(eu.samples()).isEqualTo(4);
                assertThat(eu.rttSamples()).isEqualTo(3);
                assertThat(eu.rttP50Ms()).isEqualTo(40.0);
                assertThat(eu.rttP99Ms()).isCloseTo(60.0, within(1e-3));
                assertThat(eu.jitterP50Ms()).isCloseTo(5.0, within(1e-3));
                assertThat(eu.lossRatio()).isCloseTo(10.0 / 1000, within(1e-12));
                assertThat(eu.latePacketRatio()).isCloseTo(3.0 / 1000, within(1e-12));
                assertThat(eu.mos()).isCloseTo(4.0, within(1e-9));
                assertThat(eu.bitrateKbps()).isCloseTo(32.0, within(1e-9));
                VoiceQualityStats us = servers.get(1).stats();
                assertThat(us.samples()).isEqualTo(2);
                assertThat(us.lossRatio()).isCloseTo(30.0 / 500, within(1e-12));
                assertThat(us.mos()).isCloseTo(2.75, within(1e-9));
                assertThat(voice.worstGuilds(VoiceMetric.MOS, minute.plusSeconds(60), 1, 1, 10))
                        .extracting(GuildVoiceQuality::guildId).containsExactly(G2, G1, 900L);
                // the per-server table the console reads today is still written
                assertThat(clickhouse.query(database, "SELECT samples FROM voice_quality_1m FINAL WHERE region = 'eu'"))
                        .isEqualTo("4\n");

                await().atMost(BOUND).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                        assertThat(minutes.voiceMinutesPerDay(G1, d, d.plusDays(2))).containsExactly(
                                new VoiceDay(d, 180.0, 3, 3), new VoiceDay(d.plusDays(1), 20.0, 1, 1)));
                assertThat(clickhouse.query(database, "SELECT channel_id, user_id, voice_ms, capped FROM"
                        + " voice_session_days FINAL WHERE guild_id = " + G1 + " ORDER BY day, user_id"))
                        .isEqualTo("71\t500\t1800000\t0\n71\t501\t1800000\t0\n73\t502\t7200000\t1\n"
                                + "71\t501\t1200000\t0\n");

                await().atMost(BOUND).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                        assertThat(late.lateEventsPerJob(minute, minute.plusSeconds(60))).containsExactlyInAnyOrder(
                                new LateEventCount("voice-quality", "voice.quality", 1, minute.plusSeconds(35),
                                        minute.plusSeconds(35)),
                                new LateEventCount("voice-quality-channel", "voice.quality", 1,
                                        minute.plusSeconds(35), minute.plusSeconds(35)),
                                new LateEventCount("voice-quality-server", "voice.quality", 1,
                                        minute.plusSeconds(35), minute.plusSeconds(35))));
                await().atMost(BOUND).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                        assertThat(clickhouse.query(database, "SELECT count(), countIf(mos IS NULL),"
                                + " countIf(region = 'ap') FROM voice_quality_samples FINAL"))
                                .as("every sample raw, the late one too").isEqualTo("8\t1\t1\n"));
                live = answers(voice, minutes, clickhouse, database, minute, d);
            }

            // replay: no checkpoint, a new consumer group, from the earliest offsets: every row is written again
            long rawRowsBefore = Long.parseLong(clickhouse.query(database,
                    "SELECT count() FROM voice_quality_samples").trim());
            Map<String, String> replayEnv = env(kafka, url, feed.prefix, checkpoints.resolve("replay"));
            replayEnv.put("GUILDHALL_KAFKA_STARTING_OFFSETS", "earliest");
            try (LocalAnalyticsRuntime runtime = new LocalAnalyticsRuntime(
                    AnalyticsConfig.from(new Properties(), replayEnv),
                    AnalyticsJobs.select(VoiceQualityJob.NAME + "," + VoiceMinutesJob.NAME),
                    AnalyticsMetrics.registry())) {
                runtime.start();
                String sessionRows = clickhouse.query(database, "SELECT count() FROM voice_session_days");
                await().atMost(BOUND).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    assertThat(Long.parseLong(clickhouse.query(database,
                            "SELECT count() FROM voice_quality_samples").trim())).isEqualTo(2 * rawRowsBefore);
                    assertThat(Long.parseLong(clickhouse.query(database,
                            "SELECT count() FROM voice_session_days").trim()))
                            .isEqualTo(2 * Long.parseLong(sessionRows.trim()));
                    assertThat(answers(voice, minutes, clickhouse, database, minute, d)).isEqualTo(live);
                });
            }
        }
    }

    private static Answers answers(VoiceQueries voice, VoiceMinutesQueries minutes, ClickHouseEngine clickhouse,
                                   String database, Instant minute, LocalDate d) {
        List<VoiceQualityPoint> servers = voice.qualityByServer("eu", minute, minute.plusSeconds(60),
                Duration.ofMinutes(1));
        servers = new java.util.ArrayList<>(servers);
        servers.addAll(voice.qualityByServer("us", minute, minute.plusSeconds(60), Duration.ofMinutes(1)));
        List<GuildVoiceQuality> guilds = voice.worstGuilds(VoiceMetric.RTT_P95, minute.plusSeconds(60), 1, 1, 10)
                .stream().filter(g -> g.guildId() == G1 || g.guildId() == G2).toList();
        return new Answers(servers, guilds, minutes.voiceMinutesPerDay(G1, d, d.plusDays(2)),
                clickhouse.query(database, "SELECT event_id, mos FROM voice_quality_samples FINAL ORDER BY event_id"));
    }

    private static Map<String, String> env(KafkaEngine kafka, String url, String prefix, Path checkpointDir) {
        Map<String, String> env = new HashMap<>();
        env.put("GUILDHALL_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
        env.put("GUILDHALL_CLICKHOUSE_URL", url);
        env.put("GUILDHALL_CHECKPOINT_DIR", checkpointDir.toString());
        env.put("GUILDHALL_METRICS_PORT", "0");
        env.put("GUILDHALL_ANALYTICS_GROUP_ID", "it-" + UUID.randomUUID());
        env.put("GUILDHALL_KAFKA_TOPIC_PREFIX", prefix);
        env.put("GUILDHALL_CHECKPOINT_INTERVAL", "2s");
        env.put("GUILDHALL_SINK_FLUSH_INTERVAL", "500ms");
        env.put("GUILDHALL_WINDOW_EARLY_FIRE_INTERVAL", "0");   // a row appears only when its minute is final
        env.put("GUILDHALL_VOICE_MAX_SESSION", "PT2H");
        return env;
    }
}
