package dev.guildhall.monitor.slo;

import dev.guildhall.events.EventCodec;
import dev.guildhall.events.EventEnvelope;
import dev.guildhall.events.Snowflakes;
import dev.guildhall.events.Topics;
import dev.guildhall.events.payload.MessageCreated;
import dev.guildhall.events.payload.VoiceAlert;
import dev.guildhall.events.payload.VoiceQualitySample;
import org.apache.kafka.common.header.Header;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class VoiceSloTopologyTest {
    private static final long MINUTE = 60_000;
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final SloThresholds SLO = new SloThresholds(30, 0.05);

    @TempDir
    Path stateDir;

    private final Snowflakes ids = new Snowflakes(1, 1);
    private final List<String> badRecords = new CopyOnWriteArrayList<>();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> input;
    private TestOutputTopic<String, byte[]> alerts;
    private TestOutputTopic<String, byte[]> deadLetters;

    @BeforeEach
    void createDriver() {
        MonitorListener listener = new MonitorListener() {
            @Override
            public void badRecord(String reason) {
                badRecords.add(reason);
            }
        };
        // tumbling minutes without hysteresis: the base semantics (HoppingWindowsAndHealthTest covers the rest)
        VoiceSloTopology.Settings settings = new VoiceSloTopology.Settings(SLO, Duration.ofMinutes(1),
                Duration.ofMinutes(1), Duration.ofSeconds(10), AlertPolicy.IMMEDIATE, Duration.ofSeconds(5), true);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "quality-monitor-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(VoiceSloTopology.build(settings, ids, "quality-monitor@test", listener), props, T0);
        input = driver.createInputTopic(Topics.VOICE_QUALITY, new StringSerializer(), new ByteArraySerializer());
        alerts = driver.createOutputTopic(Topics.ALERTS, new StringDeserializer(), new ByteArrayDeserializer());
        deadLetters = driver.createOutputTopic(Topics.DEAD_LETTER, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    private byte[] sample(String region, double jitterMs, long lost, long expected) {
        VoiceQualitySample payload = new VoiceQualitySample(region, "voice-1", "77", "88", 1234, 0, 5000, expected,
                expected - lost, lost, expected == 0 ? 0 : (double) lost / expected, jitterMs, null);
        return EventCodec.encode(EventCodec.wrap(ids, "test", "42", 0, payload));
    }

    /** Pipe n samples of one kind, spread over the given minute (seconds 1..50). */
    private void pipe(String region, int minute, int n, double jitterMs, long lost, long expected) {
        for (int i = 0; i < n; i++) {
            long at = minute * MINUTE + 1000 + (49_000L * i) / Math.max(1, n);
            input.pipeInput("42", sample(region, jitterMs, lost, expected), T0.plusMillis(at));
        }
    }

    /** A healthy sample late in the given minute: advances stream time so earlier windows close (size + grace). */
    private void tick(String region, int minute) {
        input.pipeInput("42", sample(region, 1, 0, 250), T0.plusMillis(minute * MINUTE + 30_000));
    }

    /** The region alerts (the samples' voice server has its own, same-valued ones). */
    private List<VoiceAlert> readAlerts() {
        List<VoiceAlert> out = new ArrayList<>();
        for (TestRecord<String, byte[]> record : alerts.readRecordsToList()) {
            EventEnvelope envelope = EventCodec.decode(record.value());
            assertThat(envelope.type()).isEqualTo("alert.voice");
            assertThat(envelope.guildId()).isEqualTo("0");
            VoiceAlert alert = EventCodec.payload(envelope, VoiceAlert.class);
            assertThat(record.key()).isEqualTo(alert.region());
            if (alert.voiceServer() == null) {
                out.add(alert);
            } else {
                assertThat(alert.voiceServer()).isEqualTo("voice-1");
            }
        }
        return out;
    }

    @Test
    void jitterBreachOpensOneAlertWhenTheWindowCloses() {
        pipe("eu-west", 0, 20, 50.0, 0, 250);
        assertThat(alerts.isEmpty()).as("nothing before the window closes").isTrue();
        tick("eu-west", 1); // stream time 90 s > 60 s + 10 s grace
        List<VoiceAlert> out = readAlerts();
        assertThat(out).hasSize(1);
        VoiceAlert alert = out.get(0);
        assertThat(alert.state()).isEqualTo("open");
        assertThat(alert.region()).isEqualTo("eu-west");
        assertThat(alert.metric()).isEqualTo("jitter_p95_ms");
        assertThat(alert.value()).isCloseTo(50.0, within(0.5));
        assertThat(alert.threshold()).isEqualTo(30.0);
        assertThat(alert.windowStart()).isEqualTo(T0.toEpochMilli());
        assertThat(alert.windowEnd()).isEqualTo(T0.toEpochMilli() + MINUTE);
        assertThat(alert.alertId()).isNotBlank();
    }

    @Test
    void sustainedBreachDoesNotReopen() {
        for (int minute = 0; minute < 4; minute++) {
            pipe("us-east", minute, 10, 80.0, 0, 250);
        }
        tick("us-east", 5); // closes minutes 0..3 (and 4, empty, has no window)
        List<VoiceAlert> out = readAlerts();
        assertThat(out).extracting(VoiceAlert::state).containsExactly("open");
        assertThat(out.get(0).windowEnd()).isEqualTo(T0.toEpochMilli() + MINUTE);
    }

    @Test
    void recoveryResolvesTheOpenAlert() {
        pipe("ap-south", 0, 10, 45.0, 0, 250);
        pipe("ap-south", 1, 10, 45.0, 0, 250);
        pipe("ap-south", 2, 10, 5.0, 0, 250);
        pipe("ap-south", 3, 10, 45.0, 0, 250);
        tick("ap-south", 4);
        tick("ap-south", 5); // minute 4's window closes too (healthy)
        List<VoiceAlert> out = readAlerts();
        assertThat(out).extracting(VoiceAlert::state).containsExactly("open", "resolved", "open", "resolved");
        assertThat(out.get(1).alertId()).isEqualTo(out.get(0).alertId());
        assertThat(out.get(1).value()).isCloseTo(5.0, within(0.5));
        assertThat(out.get(1).windowStart()).isEqualTo(T0.toEpochMilli() + 2 * MINUTE);
        assertThat(out.get(2).alertId()).as("a new incident gets a new id").isNotEqualTo(out.get(0).alertId());
        assertThat(out.get(3).alertId()).isEqualTo(out.get(2).alertId());
        assertThat(out).extracting(VoiceAlert::metric).containsOnly("jitter_p95_ms");
    }

    @Test
    void lossRatioIsSumLostOverSumExpected() {
        // 10 samples x 250 expected, 10% lost: 0.1 > 0.05; jitter fine
        pipe("sa-east", 0, 10, 4.0, 25, 250);
        // within SLO: 4 lost of 100 = 0.04
        pipe("sa-east", 1, 4, 4.0, 1, 25);
        tick("sa-east", 2);
        List<VoiceAlert> out = readAlerts();
        assertThat(out).extracting(VoiceAlert::metric).containsExactly("loss_ratio", "loss_ratio");
        assertThat(out).extracting(VoiceAlert::state).containsExactly("open", "resolved");
        assertThat(out.get(0).value()).isEqualTo(0.1);
        assertThat(out.get(0).threshold()).isEqualTo(0.05);
        assertThat(out.get(1).value()).isEqualTo(0.04);
    }

    @Test
    void p95IsTakenOverTheWindowsSamples() {
        // 94 good + 6 bad samples: the 95th value is bad -> breach
        pipe("r1", 0, 94, 10.0, 0, 250);
        pipe("r1", 0, 6, 60.0, 0, 250);
        // 96 good + 4 bad: the 95th value is good -> no breach (the outliers are above p95)
        pipe("r2", 0, 96, 10.0, 0, 250);
        pipe("r2", 0, 4, 60.0, 0, 250);
        tick("r1", 1);
        tick("r2", 1);
        List<VoiceAlert> out = readAlerts();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).region()).isEqualTo("r1");
        assertThat(out.get(0).value()).isCloseTo(60.0, within(0.5));
    }

    @Test
    void regionsAreIndependent() {
        pipe("bad", 0, 5, 99.0, 50, 250);
        pipe("good", 0, 5, 3.0, 0, 250);
        tick("bad", 1);
        tick("good", 1);
        List<VoiceAlert> out = readAlerts();
        assertThat(out).extracting(VoiceAlert::region).containsOnly("bad");
        assertThat(out).extracting(VoiceAlert::metric).containsExactlyInAnyOrder("jitter_p95_ms", "loss_ratio");
        assertThat(out).extracting(VoiceAlert::state).containsOnly("open");
    }

    @Test
    void lateSamplesCountWithinGraceAndAreDroppedAfter() {
        pipe("late", 0, 10, 5.0, 0, 250);
        // stream time 65 s: minute 0 still open (grace 10 s); a late bad sample batch lands in it
        input.pipeInput("42", sample("late", 1, 0, 250), T0.plusMillis(65_000));
        for (int i = 0; i < 10; i++) {
            input.pipeInput("42", sample("late", 70.0, 0, 250), T0.plusMillis(59_000));
        }
        tick("late", 1); // 90 s: minute 0 closes with 20 samples, p95 = 70 -> open
        // too late for minute 0 now: must not change anything
        for (int i = 0; i < 10; i++) {
            input.pipeInput("42", sample("late", 1.0, 0, 250), T0.plusMillis(30_000));
        }
        tick("late", 2);
        tick("late", 3);
        List<VoiceAlert> out = readAlerts();
        assertThat(out).extracting(VoiceAlert::state).containsExactly("open", "resolved");
        assertThat(out.get(0).windowEnd()).isEqualTo(T0.toEpochMilli() + MINUTE);
        assertThat(out.get(1).windowEnd()).isEqualTo(T0.toEpochMilli() + 2 * MINUTE);
    }

    @Test
    void malformedRecordsAreCountedAndDeadLetteredWithoutStoppingTheStream() {
        pipe("mixed", 0, 5, 50.0, 0, 250);
        input.pipeInput("42", "not json at all".getBytes(StandardCharsets.UTF_8), T0.plusMillis(10_000));
        input.pipeInput("42", "{\"event_id\":\"1\"}".getBytes(StandardCharsets.UTF_8), T0.plusMillis(10_000));
        input.pipeInput("42", (byte[]) null, T0.plusMillis(10_000));
        input.pipeInput("42", EventCodec.encode(EventCodec.wrap(ids, "test", "42", 0,
                new MessageCreated("1", "2", "3", false, "hi", 2, 0))), T0.plusMillis(10_000));
        input.pipeInput("42", sample("mixed", -1.0, 0, 250), T0.plusMillis(10_000));
        input.pipeInput("42", sample("mixed", 5.0, 300, 250), T0.plusMillis(10_000));
        input.pipeInput("42", sample("", 5.0, 0, 250), T0.plusMillis(10_000));
        tick("mixed", 1);

        assertThat(badRecords).hasSize(7);
        List<TestRecord<String, byte[]>> dead = deadLetters.readRecordsToList();
        assertThat(dead).hasSize(7);
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("not json at all");
        Header reason = dead.get(0).headers().lastHeader(VoiceSloTopology.ERROR_HEADER);
        assertThat(new String(reason.value(), StandardCharsets.UTF_8)).contains("unparseable");
        assertThat(new String(dead.get(3).headers().lastHeader(VoiceSloTopology.ERROR_HEADER).value(),
                StandardCharsets.UTF_8)).contains("unexpected event type message.created");
        assertThat(dead.get(2).value()).isNull();

        List<VoiceAlert> out = readAlerts();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).metric()).isEqualTo("jitter_p95_ms");
        assertThat(out.get(0).value()).isCloseTo(50.0, within(0.5));
    }
}
