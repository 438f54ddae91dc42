package dev.guildhall.monitor;

import dev.guildhall.events.Snowflakes;
import dev.guildhall.events.Topics;
import dev.guildhall.monitor.config.MonitorConfig;
import dev.guildhall.monitor.http.OpsHttpServer;
import dev.guildhall.monitor.kafka.RequiredTopics;
import dev.guildhall.monitor.kafka.ThreadFailurePolicy;
import dev.guildhall.monitor.slo.MicrometerMonitorListener;
import dev.guildhall.monitor.slo.VoiceSloTopology;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.processor.LogAndSkipOnInvalidTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * The quality monitor service: a Kafka Streams application that turns voice.quality samples into voice SLO alerts
 * (see {@link VoiceSloTopology}), with {@code /health} and {@code /metrics} on the metrics port.
 * Launch: {@code java -Xmx384m -Duser.timezone=UTC -cp "quality-monitor.jar:lib/*" dev.guildhall.monitor.QualityMonitorMain [--config FILE]}.
 */
public final class QualityMonitorMain {
    private static final Logger log = LoggerFactory.getLogger(QualityMonitorMain.class);

    private QualityMonitorMain() {
    }

    public static void main(String[] args) {
        MonitorConfig config;
        try {
            config = MonitorConfig.load(args, System.getenv());
        } catch (MonitorConfig.ConfigException e) {
            System.err.println("quality-monitor: bad configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            run(config);
        } catch (Exception e) {
            log.error("quality-monitor failed", e);
            System.exit(1);
        }
    }

    static void run(MonitorConfig config) throws IOException, InterruptedException {
        Files.createDirectories(config.stateDir());
        String source = "quality-monitor@" + hostName();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("service", "quality-monitor")
                // Kafka Streams reports RocksDB metrics of window stores under another tag key than those of
                // key-value stores; Prometheus needs one set of tag keys per name
                .meterFilter(MeterFilter.renameTag("kafka.stream", "rocksdb.window.state.id", "rocksdb.state.id"));
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);

        Snowflakes ids = new Snowflakes(Math.floorMod(config.applicationId().hashCode(), 32),
                (int) (ProcessHandle.current().pid() % 32));
        VoiceSloTopology.Settings settings = new VoiceSloTopology.Settings(config.thresholds(), config.window(),
                config.advance(), config.grace(), config.policy(), config.heartbeatTimeout(), config.deadLetter());
        Topology topology = VoiceSloTopology.build(settings, ids, source, new MicrometerMonitorListener(registry));
        log.info("topology {}", topology.describe());

        KafkaStreams streams = new KafkaStreams(topology, streamsProperties(config));
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdownHook = new Thread(() -> {
            log.info("quality-monitor stopping");
            // leave the group now, so a restarted instance gets its tasks at once instead of after the session timeout
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(20)));
            stopped.countDown();
        }, "quality-monitor-shutdown");
        streams.setUncaughtExceptionHandler(new ThreadFailurePolicy(5, 300_000, System::currentTimeMillis));
        streams.setStateListener((newState, oldState) -> {
            log.info("kafka streams state {} -> {}", oldState, newState);
            if (newState == KafkaStreams.State.ERROR) {
                stopped.countDown(); // nothing more will be processed: exit non-zero so the launcher sees it
            }
        });
        KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);

        try (OpsHttpServer http = new OpsHttpServer(config.metricsPort(), registry, () -> {
            KafkaStreams.State state = streams.state();
            return state == KafkaStreams.State.RUNNING ? null : "kafka streams " + state;
        })) {
            http.start();
            List<String> topics = config.deadLetter()
                    ? List.of(Topics.VOICE_QUALITY, Topics.VOICE_SERVERS, Topics.ALERTS, Topics.DEAD_LETTER)
                    : List.of(Topics.VOICE_QUALITY, Topics.VOICE_SERVERS, Topics.ALERTS);
            RequiredTopics.ensure(config.kafkaBootstrap(), topics, Duration.ofSeconds(90));
            RequiredTopics.ensureCompacted(config.kafkaBootstrap(), List.of(Topics.VOICE_HEALTH),
                    Duration.ofSeconds(90));
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            streams.start();
            log.info("quality-monitor started bootstrap={} metrics_port={} state_dir={} jitter_p95_slo_ms={} "
                            + "loss_ratio_slo={} rtt_p95_slo_ms={} window={} advance={} grace={} policy={}"
                            + " heartbeat_timeout={} application_id={}", config.kafkaBootstrap(),
                    http.port(), config.stateDir().toAbsolutePath(), config.thresholds().jitterP95Ms(),
                    config.thresholds().lossRatio(), config.thresholds().rttP95Ms(), config.window(),
                    config.advance(), config.grace(), config.policy(), config.heartbeatTimeout(),
                    config.applicationId());
            stopped.await();
            if (streams.state() == KafkaStreams.State.ERROR) {
                streams.close(Duration.ofSeconds(10));
                streamsMetrics.close();
                throw new IllegalStateException("kafka streams entered ERROR state");
            }
        }
    }

    static Properties streamsProperties(MonitorConfig config) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap());
        p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toAbsolutePath().toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), 60_000);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        // after a crash (no leave-group), the group notices the dead member within 10 s instead of 45 s
        p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        p.put(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, LogAndSkipOnInvalidTimestamp.class);
        return p;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
