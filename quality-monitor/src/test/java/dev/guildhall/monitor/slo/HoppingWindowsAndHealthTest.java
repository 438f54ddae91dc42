package dev.guildhall.monitor.slo;

import dev.guildhall.events.EventCodec;
import dev.guildhall.events.EventEnvelope;
import dev.guildhall.events.Snowflakes;
import dev.guildhall.events.Topics;
import dev.guildhall.events.payload.VoiceAlert;
import dev.guildhall.events.payload.VoiceQualitySample;
import dev.guildhall.events.payload.VoiceServerHealth;
import dev.guildhall.events.payload.VoiceServerHeartbeat;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Hopping windows per region and per voice server, p95 RTT, the alert lifecycle's hysteresis (open after two
 * breached windows, resolve after two clear ones, no flapping, update on a marked change) and voice server health
 * verdicts with heartbeat liveness, through the real topology (TopologyTestDriver).
 */
class HoppingWindowsAndHealthTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final SloThresholds SLO = new SloThresholds(30, 0.05, 300);

    @TempDir
    Path stateDir;

    private final Snowflakes ids = new Snowflakes(1, 1);
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> input;
    private TestInputTopic<String, byte[]> heartbeats;
    private TestOutputTopic<String, byte[]> alerts;
    private TestOutputTopic<String, byte[]> health;

    /** Hopping 30 s windows every 10 s (the production default) or tumbling 10 s windows; default hysteresis. */
    private void start(Duration window, Duration advance) {
        VoiceSloTopology.Settings settings = new VoiceSloTopology.Settings(SLO, window, advance, Duration.ofSeconds(5),
                AlertPolicy.DEFAULT, Duration.ofSeconds(5), false);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "quality-monitor-hopping-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(VoiceSloTopology.build(settings, ids, "quality-monitor@test",
                MonitorListener.NONE), props, T0);
        input = driver.createInputTopic(Topics.VOICE_QUALITY, new StringSerializer(), new ByteArraySerializer());
        heartbeats = driver.createInputTopic(Topics.VOICE_SERVERS, new StringSerializer(), new ByteArraySerializer());
        alerts = driver.createOutputTopic(Topics.ALERTS, new StringDeserializer(), new ByteArrayDeserializer());
        health = driver.createOutputTopic(Topics.VOICE_HEALTH, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    private void sample(String region, String server, long atMs, double jitter, Double rtt) {
        VoiceQualitySample s = new VoiceQualitySample(region, server, "7", "8", 99, atMs, 5000, 250, 250, 0, 0,
                jitter, rtt);
        input.pipeInput("42", EventCodec.encode(EventCodec.wrap(ids, "test", "42", atMs, s)), T0.plusMillis(atMs));
    }

    /** One sample every 2 s of [fromS, toS) for the server. */
    private void seconds(String region, String server, int fromS, int toS, double jitter, Double rtt) {
        for (int t = fromS; t < toS; t += 2) {
            sample(region, server, t * 1000L, jitter, rtt);
        }
    }

    /** Healthy samples of an unrelated region up to {@code toS}, 10 s apart: closes windows in order. */
    private void tickTo(int fromS, int toS) {
        for (int t = fromS; t <= toS; t += 10) {
            sample("tick", null, t * 1000L, 1, null);
        }
    }

    private void beat(String server, String region, long sentAtMs, String state) {
        long at = T0.toEpochMilli() + sentAtMs;
        VoiceServerHeartbeat b = new VoiceServerHeartbeat(server, region, "localhost:1", 10, 0, null, 0, at, 1000,
                state);
        heartbeats.pipeInput(server, EventCodec.encode(EventCodec.wrap(ids, "node", "0", at, b)), T0.plusMillis(sentAtMs));
    }

    private List<VoiceAlert> alerts() {
        List<VoiceAlert> out = new ArrayList<>();
        for (TestRecord<String, byte[]> r : alerts.readRecordsToList()) {
            VoiceAlert a = EventCodec.payload(EventCodec.decode(r.value()), VoiceAlert.class);
            if (!a.region().equals("tick")) {
                out.add(a);
            }
        }
        return out;
    }

    private List<VoiceServerHealth> verdicts() {
        List<VoiceServerHealth> out = new ArrayList<>();
        for (TestRecord<String, byte[]> r : health.readRecordsToList()) {
            EventEnvelope env = EventCodec.decode(r.value());
            assertThat(env.type()).isEqualTo("voice.server.health");
            VoiceServerHealth h = EventCodec.payload(env, VoiceServerHealth.class);
            assertThat(r.key()).isEqualTo(h.voiceServer());
            out.add(h);
        }
        return out;
    }

    @Test
    void hoppingWindowsPerServerOpenAfterTwoBreachedWindows() {
        start(Duration.ofSeconds(30), Duration.ofSeconds(10));
        for (int t = 0; t < 30; t += 5) {
            sample("eu", "eu-1", t * 1000L, 60, 400.0);          // one bad stream, RTT beyond 300 ms too
            for (int k = 0; k < 20; k++) {
                sample("eu", "eu-2", t * 1000L + k, 2, null);    // twenty good streams on another, RTT unknown
            }
        }
        tickTo(30, 90);
        List<VoiceAlert> out = alerts();
        assertThat(out).extracting(VoiceAlert::state).containsOnly(VoiceAlert.OPEN);
        assertThat(out).filteredOn(a -> a.metric().equals("jitter_p95_ms")).as("the region's p95 jitter is good:"
                + " 1 bad sample in 21").extracting(VoiceAlert::voiceServer).containsExactly("eu-1");
        assertThat(out).filteredOn(a -> a.metric().equals("rtt_p95_ms")).as("only eu-1's samples carry an RTT")
                .extracting(VoiceAlert::voiceServer).containsExactlyInAnyOrder("eu-1", null);
        VoiceAlert jitter = out.stream().filter(a -> a.metric().equals("jitter_p95_ms")).findFirst().orElseThrow();
        // windows end every 10 s; [-20 s, 10 s) is the first breached, [-10 s, 20 s) the second: open there
        assertThat(jitter.windowEnd()).isEqualTo(T0.toEpochMilli() + 20_000);
        assertThat(jitter.windowEnd() - jitter.windowStart()).isEqualTo(30_000);
        assertThat(jitter.value()).isCloseTo(60, within(0.5));
        VoiceAlert rtt = out.stream().filter(a -> a.metric().equals("rtt_p95_ms") && a.voiceServer() != null)
                .findFirst().orElseThrow();
        assertThat(rtt.value()).isCloseTo(400, within(10.0));
        assertThat(rtt.threshold()).isEqualTo(300);
        assertThat(rtt.region()).isEqualTo("eu");
    }

    @Test
    void aFlappingMetricNeitherOpensOnSingleSpikesNorResolvesInsideTheClearBand() {
        start(Duration.ofSeconds(10), Duration.ofSeconds(10));
        // single breached windows never open; once open, 26 ms (above 0.8 × 30 ms) never resolves
        double[] windows = {40, 2, 40, 2, 40, 40, 26, 40, 26, 40, 26, 2};
        for (int w = 0; w < windows.length; w++) {
            seconds("fl", null, w * 10, w * 10 + 10, windows[w], null);
        }
        tickTo(windows.length * 10, windows.length * 10 + 30);
        List<VoiceAlert> out = alerts();
        assertThat(out).extracting(VoiceAlert::state).containsExactly(VoiceAlert.OPEN, VoiceAlert.RESOLVED);
        assertThat(out.get(0).windowEnd()).as("the second breached window in a row")
                .isEqualTo(T0.toEpochMilli() + 60_000);
        assertThat(out.get(1).alertId()).isEqualTo(out.get(0).alertId());
        assertThat(out.get(1).windowEnd()).as("the first window at or below 24 ms")
                .isEqualTo(T0.toEpochMilli() + 120_000);
    }

    @Test
    void anOpenAlertIsUpdatedWhenItsValueMovesByAQuarter() {
        start(Duration.ofSeconds(10), Duration.ofSeconds(10));
        double[] windows = {40, 40, 45, 60, 60, 26, 2};
        for (int w = 0; w < windows.length; w++) {
            seconds("up", null, w * 10, w * 10 + 10, windows[w], null);
        }
        tickTo(windows.length * 10, windows.length * 10 + 30);
        List<VoiceAlert> out = alerts();
        assertThat(out).extracting(VoiceAlert::state)
                .containsExactly(VoiceAlert.OPEN, VoiceAlert.UPDATE, VoiceAlert.RESOLVED);
        assertThat(out.get(0).value()).isCloseTo(40, within(0.5));
        assertThat(out.get(1).value()).isCloseTo(60, within(0.5));
        assertThat(out).extracting(VoiceAlert::alertId).containsOnly(out.get(0).alertId());
    }

    @Test
    void healthScoresFollowWindowsWithHysteresisAndHeartbeatLiveness() {
        start(Duration.ofSeconds(30), Duration.ofSeconds(10));
        beat("h-1", "hr", 1_000, VoiceServerHeartbeat.RUNNING);
        VoiceServerHealth first = verdicts().get(0);
        assertThat(first.status()).isEqualTo(VoiceServerHealth.HEALTHY);
        assertThat(first.score()).isEqualTo(100);
        assertThat(first.lastHeartbeatAt()).isEqualTo(T0.toEpochMilli() + 1_000L);

        seconds("hr", "h-1", 0, 40, 2, 20.0);      // fine
        seconds("hr", "h-1", 40, 90, 100, 20.0);   // jitter 100 ms: > 2 × SLO, score 0
        tickTo(90, 140);
        List<VoiceServerHealth> v = verdicts();
        assertThat(v).extracting(VoiceServerHealth::voiceServer).containsOnly("h-1");
        List<String> statuses = v.stream().map(VoiceServerHealth::status).toList();
        int firstBad = statuses.indexOf(VoiceServerHealth.DEGRADED);
        assertThat(statuses.subList(0, firstBad)).containsOnly(VoiceServerHealth.HEALTHY);
        assertThat(statuses.get(firstBad + 1)).as("unhealthy after two unhealthy windows")
                .isEqualTo(VoiceServerHealth.UNHEALTHY);
        VoiceServerHealth bad = v.get(firstBad + 1);
        assertThat(bad.score()).isEqualTo(0);
        assertThat(bad.reasons()).containsExactly("jitter_p95_ms");
        assertThat(bad.rttP95Ms()).isCloseTo(20, within(0.5));
        assertThat(bad.lossRatio()).isEqualTo(0.0);
        assertThat(v.get(0).score()).isEqualTo(100);
        assertThat(v.get(0).samples()).isPositive();

        // liveness on the wall clock: the heartbeat of 1 s is 2 s old at 3 s, 6 s old (> 5 s) at 7 s
        driver.advanceWallClockTime(Duration.ofSeconds(3));
        assertThat(verdicts()).isEmpty();
        driver.advanceWallClockTime(Duration.ofSeconds(4));
        List<VoiceServerHealth> down = verdicts();
        assertThat(down).hasSize(1);
        assertThat(down.get(0).status()).isEqualTo(VoiceServerHealth.DOWN);
        assertThat(down.get(0).score()).isEqualTo(0);
        assertThat(down.get(0).usable()).isFalse();
        assertThat(down.get(0).reasons()).contains("heartbeat_missing");
        driver.advanceWallClockTime(Duration.ofSeconds(5));
        assertThat(verdicts()).as("down is sent once").isEmpty();

        beat("h-1", "hr", 12_000, VoiceServerHeartbeat.RUNNING);
        assertThat(verdicts()).extracting(VoiceServerHealth::status).containsExactly(VoiceServerHealth.UNHEALTHY);
        beat("h-1", "hr", 13_000, VoiceServerHeartbeat.STOPPING);
        List<VoiceServerHealth> stopped = verdicts();
        assertThat(stopped).extracting(VoiceServerHealth::status).containsExactly(VoiceServerHealth.DOWN);
        assertThat(stopped.get(0).reasons()).containsExactly("stopping");
    }

    @Test
    void scoreFollowsTheWorstMetric() {
        assertThat(dev.guildhall.monitor.health.HealthScore.of(null, 10.0, 0.0, SLO).score()).isEqualTo(100);
        assertThat(dev.guildhall.monitor.health.HealthScore.of(300.0, 10.0, 0.0, SLO).score()).isEqualTo(60);
        assertThat(dev.guildhall.monitor.health.HealthScore.of(null, 45.0, 0.0, SLO).score()).isEqualTo(30);
        assertThat(dev.guildhall.monitor.health.HealthScore.of(null, 45.0, 0.0, SLO).status())
                .isEqualTo(VoiceServerHealth.DEGRADED);
        assertThat(dev.guildhall.monitor.health.HealthScore.of(null, 46.0, 0.0, SLO).status())
                .isEqualTo(VoiceServerHealth.UNHEALTHY);
        assertThat(dev.guildhall.monitor.health.HealthScore.of(310.0, 31.0, 0.0, SLO).status())
                .as("two SLOs breached").isEqualTo(VoiceServerHealth.UNHEALTHY);
        assertThat(dev.guildhall.monitor.health.HealthScore.of(null, null, null, SLO).status())
                .isEqualTo(VoiceServerHealth.HEALTHY);
    }
}
