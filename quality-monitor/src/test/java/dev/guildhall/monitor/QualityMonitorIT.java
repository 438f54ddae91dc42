package dev.guildhall.monitor;

import dev.guildhall.events.EventCodec;
import dev.guildhall.events.EventEnvelope;
import dev.guildhall.events.Snowflakes;
import dev.guildhall.events.Topics;
import dev.guildhall.events.payload.VoiceAlert;
import dev.guildhall.events.payload.VoiceServerHealth;
import dev.guildhall.events.payload.VoiceQualitySample;
import dev.guildhall.testkit.Engines;
import dev.guildhall.testkit.FreePorts;
import dev.guildhall.testkit.KafkaEngine;
import dev.guildhall.testkit.ServiceProcess;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts QualityMonitorMain as its own JVM, exactly as the launcher does (packaged jar + lib/), against a real Kafka
 * broker from testkit, injects bad voice.quality samples and expects an alert.voice event on guildhall.alerts.
 */
class QualityMonitorIT {
    private static final long WINDOW_MS = 5_000;
    /** End of the event-time range the previous test of this JVM used (see {@link #allocateWindows}). */
    private static long nextFreeWindow;

    /**
     * Every test's monitor reads the shared voice.quality topic from its start, including the other tests' samples;
     * those advance its stream time, so a test whose windows lay before them would see its own samples dropped as
     * expired. Each test therefore gets an event-time range after everything the previous tests produced.
     */
    private static synchronized long allocateWindows(int windows) {
        long base = Math.max((System.currentTimeMillis() / WINDOW_MS + 1) * WINDOW_MS, nextFreeWindow);
        nextFreeWindow = base + (windows + 2) * WINDOW_MS;
        return base;
    }

    @TempDir
    Path stateDir;

    @Test
    void injectedBadSamplesRaiseAnAlertOnKafka() throws Exception {
        KafkaEngine kafka = Engines.kafka();
        // no topics are created here: the monitor must create what is missing before Kafka Streams starts
        int port = FreePorts.next();
        String region = "it-" + UUID.randomUUID().toString().substring(0, 8);
        Snowflakes ids = new Snowflakes(3, 3);
        HttpClient http = HttpClient.newHttpClient();

        try (ServiceProcess monitor = ServiceProcess.start("quality-monitor", "dev.guildhall.monitor.QualityMonitorMain",
                "384m", tumblingWithoutHysteresis(Map.of(
                        "GUILDHALL_KAFKA_BOOTSTRAP", kafka.bootstrapServers(),
                        "GUILDHALL_METRICS_PORT", String.valueOf(port),
                        "GUILDHALL_STATE_DIR", stateDir.toString(),
                        "GUILDHALL_SLO_JITTER_P95_MS", "30",
                        "GUILDHALL_SLO_LOSS_RATIO", "0.05",
                        "GUILDHALL_MONITOR_APPLICATION_ID", "quality-monitor-it-" + region)));
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                     ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
             KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                     ConsumerConfig.GROUP_ID_CONFIG, "alerts-reader-" + region,
                     ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                     ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                     new StringDeserializer(), new ByteArrayDeserializer())) {
            monitor.awaitHealthy("http://127.0.0.1:" + port + "/health", Duration.ofSeconds(120));

            long base = allocateWindows(6);
            // one window of bad jitter (p95 ~ 80 ms) and 10% loss, plus a malformed record
            for (int i = 0; i < 20; i++) {
                producer.send(new ProducerRecord<>(Topics.VOICE_QUALITY, null, base + 100L * i, "42",
                        sample(ids, region, 80.0, 25, 250)));
            }
            producer.send(new ProducerRecord<>(Topics.VOICE_QUALITY, null, base + 500, "42",
                    "{not an envelope".getBytes(StandardCharsets.UTF_8)));
            // a healthy sample after window end + grace advances stream time so the window closes
            producer.send(new ProducerRecord<>(Topics.VOICE_QUALITY, null, base + WINDOW_MS + 2_500, "42",
                    sample(ids, region, 2.0, 0, 250)));
            producer.flush();

            consumer.subscribe(List.of(Topics.ALERTS));
            List<VoiceAlert> alerts = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline && alerts.size() < 2) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    EventEnvelope envelope = EventCodec.decode(record.value());
                    VoiceAlert alert = EventCodec.payload(envelope, VoiceAlert.class);
                    if (alert.region().equals(region) && alert.voiceServer() == null) {
                        assertThat(record.key()).isEqualTo(region);
                        assertThat(envelope.type()).isEqualTo("alert.voice");
                        assertThat(envelope.guildId()).isEqualTo("0");
                        alerts.add(alert);
                    }
                }
            }
            assertThat(alerts).as("alerts for " + region + "; monitor log:\n" + monitor.logTail(30)).hasSize(2);
            assertThat(alerts).extracting(VoiceAlert::metric).containsExactlyInAnyOrder("jitter_p95_ms", "loss_ratio");

            // the voice server of those samples gets a health verdict on the compacted guildhall.voice.health
            try (KafkaConsumer<String, byte[]> healthReader = alertConsumer(kafka, "health-" + region)) {
                healthReader.subscribe(List.of(Topics.VOICE_HEALTH));
                VoiceServerHealth verdict = null;
                long healthDeadline = System.currentTimeMillis() + 60_000;
                while (verdict == null && System.currentTimeMillis() < healthDeadline) {
                    for (ConsumerRecord<String, byte[]> record : healthReader.poll(Duration.ofMillis(300))) {
                        VoiceServerHealth h = EventCodec.payload(EventCodec.decode(record.value()),
                                VoiceServerHealth.class);
                        if (h.region().equals(region)) {
                            assertThat(record.key()).isEqualTo("voice-it");
                            verdict = h;
                        }
                    }
                }
                assertThat(verdict).as("health of voice-it in " + region).isNotNull();
                assertThat(verdict.status()).isEqualTo(VoiceServerHealth.UNHEALTHY);
                assertThat(verdict.reasons()).containsExactlyInAnyOrder("jitter_p95_ms", "loss_ratio");
            }
            assertThat(alerts).extracting(VoiceAlert::state).containsOnly("open");
            assertThat(alerts).extracting(VoiceAlert::windowStart).containsOnly(base);
            VoiceAlert loss = alerts.stream().filter(a -> a.metric().equals("loss_ratio")).findFirst().orElseThrow();
            assertThat(loss.value()).isEqualTo(0.1);
            VoiceAlert jitter = alerts.stream().filter(a -> a.metric().equals("jitter_p95_ms")).findFirst().orElseThrow();
            assertThat(jitter.value()).isBetween(79.5, 80.0);

            String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("guildhall_monitor_records_rejected_total{service=\"quality-monitor\"} 1.0");
            assertThat(metrics).contains("guildhall_monitor_alerts_open{metric=\"loss_ratio\",region=\"" + region + "\"");
            assertThat(metrics).contains("kafka_stream"); // Kafka Streams metrics binder
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void alertStateSurvivesARestartWithAnEmptyStateDirectory(@TempDir Path otherStateDir) throws Exception {
        KafkaEngine kafka = Engines.kafka();
        String region = "it-restart-" + UUID.randomUUID().toString().substring(0, 8);
        String applicationId = "quality-monitor-it-" + region;
        Snowflakes ids = new Snowflakes(4, 4);
        long base = allocateWindows(6);

        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
             KafkaConsumer<String, byte[]> consumer = alertConsumer(kafka, region)) {
            consumer.subscribe(List.of(Topics.ALERTS));
            List<VoiceAlert> alerts = new ArrayList<>();
            try (ServiceProcess first = startMonitor(kafka, stateDir, applicationId)) {
                // windows 0 and 1 bad: window 0 closes -> open
                sendWindow(producer, ids, region, base, 80.0);
                sendWindow(producer, ids, region, base + WINDOW_MS, 80.0);
                readAlerts(consumer, region, alerts, 1, first);
                assertThat(alerts).extracting(VoiceAlert::state).containsExactly("open");
            } // SIGTERM: a clean stop
            // a new instance with an empty state directory must restore the alert state from Kafka
            try (ServiceProcess second = startMonitor(kafka, otherStateDir, applicationId)) {
                sendWindow(producer, ids, region, base + 2 * WINDOW_MS, 80.0); // closes window 1 (bad): no new open
                sendWindow(producer, ids, region, base + 3 * WINDOW_MS, 2.0);  // closes window 2 (bad): no new open
                sendWindow(producer, ids, region, base + 4 * WINDOW_MS, 2.0);  // closes window 3 (good): resolved
                readAlerts(consumer, region, alerts, 2, second);
            }
            assertThat(alerts).extracting(VoiceAlert::state).containsExactly("open", "resolved");
            assertThat(alerts.get(1).alertId()).isEqualTo(alerts.get(0).alertId());
            assertThat(alerts.get(0).windowStart()).isEqualTo(base);
            assertThat(alerts.get(1).windowStart()).isEqualTo(base + 3 * WINDOW_MS);
        }
    }

    private ServiceProcess startMonitor(KafkaEngine kafka, Path dir, String applicationId) {
        int port = FreePorts.next();
        ServiceProcess monitor = ServiceProcess.start("quality-monitor", "dev.guildhall.monitor.QualityMonitorMain",
                "384m", tumblingWithoutHysteresis(Map.of(
                        "GUILDHALL_KAFKA_BOOTSTRAP", kafka.bootstrapServers(),
                        "GUILDHALL_METRICS_PORT", String.valueOf(port),
                        "GUILDHALL_STATE_DIR", dir.toString(),
                        "GUILDHALL_MONITOR_APPLICATION_ID", applicationId)));
        try {
            return monitor.awaitHealthy("http://127.0.0.1:" + port + "/health", Duration.ofSeconds(120));
        } catch (RuntimeException e) {
            monitor.close();
            throw e;
        }
    }

    /**
     * Five samples spread over the window starting at {@code start} (the last 4 s in, so it also closes the previous
     * window: 4 s > 1 s grace), with the given jitter and no loss.
     */
    private static void sendWindow(KafkaProducer<String, byte[]> producer, Snowflakes ids, String region, long start,
                                   double jitterMs) {
        for (int i = 0; i < 5; i++) {
            producer.send(new ProducerRecord<>(Topics.VOICE_QUALITY, null, start + 1000L * i, "42",
                    sample(ids, region, jitterMs, 0, 250)));
        }
        producer.flush();
    }

    /**
     * 5 s tumbling windows, 1 s grace, open on the first breached window and resolve on the first good one: this IT
     * checks the packaged process end to end; hopping windows and hysteresis are covered by
     * HoppingWindowsAndHealthTest.
     */
    private static Map<String, String> tumblingWithoutHysteresis(Map<String, String> env) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("GUILDHALL_MONITOR_WINDOW_SECONDS", "5");
        all.put("GUILDHALL_MONITOR_ADVANCE_SECONDS", "5");
        all.put("GUILDHALL_MONITOR_GRACE_SECONDS", "1");
        all.put("GUILDHALL_MONITOR_ALERT_OPEN_WINDOWS", "1");
        all.put("GUILDHALL_MONITOR_ALERT_CLEAR_WINDOWS", "1");
        all.put("GUILDHALL_MONITOR_ALERT_CLEAR_RATIO", "1");
        return all;
    }

    private static KafkaConsumer<String, byte[]> alertConsumer(KafkaEngine kafka, String region) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "alerts-reader-" + region,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Reads alerts of the region until {@code total} were seen (or 60 s passed), then 3 s more to catch extras. */
    private static void readAlerts(KafkaConsumer<String, byte[]> consumer, String region, List<VoiceAlert> into,
                                   int total, ServiceProcess monitor) {
        long deadline = System.currentTimeMillis() + 60_000;
        long quietUntil = Long.MAX_VALUE;
        while (System.currentTimeMillis() < Math.min(deadline, quietUntil)) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
                VoiceAlert alert = EventCodec.payload(EventCodec.decode(record.value()), VoiceAlert.class);
                if (alert.region().equals(region) && alert.voiceServer() == null) {
                    into.add(alert);
                }
            }
            if (into.size() >= total && quietUntil == Long.MAX_VALUE) {
                quietUntil = System.currentTimeMillis() + 3_000;
            }
        }
        assertThat(into).as("alerts for " + region + "; monitor log:\n" + monitor.logTail(30)).hasSize(total);
    }

    private static byte[] sample(Snowflakes ids, String region, double jitterMs, long lost, long expected) {
        VoiceQualitySample payload = new VoiceQualitySample(region, "voice-it", "77", "88", 99, 0, 5000, expected,
                expected - lost, lost, (double) lost / expected, jitterMs, null);
        EventEnvelope envelope = EventCodec.wrap(ids, "quality-monitor-it", "42", System.currentTimeMillis(), payload);
        return EventCodec.encode(envelope);
    }
}
