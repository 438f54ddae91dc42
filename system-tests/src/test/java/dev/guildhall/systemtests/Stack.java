package dev.guildhall.systemtests;

import dev.guildhall.testkit.Engines;
import dev.guildhall.testkit.FreePorts;
import dev.guildhall.testkit.ServiceProcess;
import dev.guildhall.warehouse.Migrator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The whole chain for system tests, started once per test JVM: real PostgreSQL, ClickHouse and Kafka (testkit),
 * the ClickHouse migrations, and core-server, stream-analytics and quality-monitor each as its own JVM, launched
 * exactly as ./guildhall launches them. Stopped at JVM exit.
 */
final class Stack {
    private static Stack instance;

    final String coreUrl;
    final int voiceUdpPort;
    final String clickhouseDb;
    final String region = "test-region";
    /** quality-monitor's tumbling window */
    static final int MONITOR_WINDOW_SECONDS = 15;
    private final ServiceProcess core;
    private final ServiceProcess analytics;
    private final ServiceProcess monitor;

    static synchronized Stack get() {
        if (instance == null) {
            instance = new Stack();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "stack-stop"));
        }
        return instance;
    }

    private Stack() {
        String pgUrl = Engines.postgres().createDatabase("systest");
        String kafka = Engines.kafka().bootstrapServers();
        clickhouseDb = Engines.clickhouse().createDatabase("systest");
        String chUrl = Engines.clickhouse().jdbcUrl(clickhouseDb);
        new Migrator(chUrl).migrate();

        Core main = startCore(pgUrl, kafka, region, "voice-test-1");
        core = main.process();
        coreUrl = main.url();
        voiceUdpPort = main.voiceUdpPort();

        int analyticsMetrics = FreePorts.next();
        Map<String, String> flinkEnv = new HashMap<>();
        flinkEnv.put("GUILDHALL_KAFKA_BOOTSTRAP", kafka);
        flinkEnv.put("GUILDHALL_CLICKHOUSE_URL", chUrl);
        flinkEnv.put("GUILDHALL_CHECKPOINT_DIR", tempDir("flink-checkpoints").toString());
        flinkEnv.put("GUILDHALL_METRICS_PORT", String.valueOf(analyticsMetrics));
        analytics = ServiceProcess.start("stream-analytics", "dev.guildhall.analytics.StreamAnalyticsMain", "768m", flinkEnv)
                .awaitHealthy("http://127.0.0.1:" + analyticsMetrics + "/health", Duration.ofSeconds(120));

        int monitorMetrics = FreePorts.next();
        Map<String, String> monitorEnv = new HashMap<>();
        monitorEnv.put("GUILDHALL_KAFKA_BOOTSTRAP", kafka);
        monitorEnv.put("GUILDHALL_METRICS_PORT", String.valueOf(monitorMetrics));
        monitorEnv.put("GUILDHALL_STATE_DIR", tempDir("quality-monitor").toString());
        monitorEnv.put("GUILDHALL_SLO_JITTER_P95_MS", "30");
        // short windows, so an alert opens and resolves within a minute of a change (VoiceTelemetryAccuracyIT);
        // 1 % loss breaches (the accuracy test injects 2 %, VoiceReachesClickHouseIT 10 %)
        monitorEnv.put("GUILDHALL_SLO_LOSS_RATIO", "0.01");
        monitorEnv.put("GUILDHALL_MONITOR_WINDOW_SECONDS", String.valueOf(MONITOR_WINDOW_SECONDS));
        monitorEnv.put("GUILDHALL_MONITOR_GRACE_SECONDS", "3");
        monitor = ServiceProcess.start("quality-monitor", "dev.guildhall.monitor.QualityMonitorMain", "384m", monitorEnv)
                .awaitHealthy("http://127.0.0.1:" + monitorMetrics + "/health", Duration.ofSeconds(120));
    }

    /** A started core-server JVM. */
    record Core(ServiceProcess process, String url, int voiceUdpPort) {
    }

    /**
     * A core-server JVM launched as ./guildhall launches it, on the given PostgreSQL database, whose voice relay
     * reports {@code region} and {@code voiceServerId}; healthy when this returns.
     */
    static Core startCore(String pgUrl, String kafka, String region, String voiceServerId) {
        int httpPort = FreePorts.next();
        int udpPort = FreePorts.next();
        String url = "http://127.0.0.1:" + httpPort;
        Map<String, String> coreEnv = new HashMap<>();
        coreEnv.put("GUILDHALL_HTTP_PORT", String.valueOf(httpPort));
        coreEnv.put("GUILDHALL_PG_URL", pgUrl);
        coreEnv.put("GUILDHALL_PG_USER", Engines.postgres().user());
        coreEnv.put("GUILDHALL_PG_PASSWORD", Engines.postgres().password());
        coreEnv.put("GUILDHALL_KAFKA_BOOTSTRAP", kafka);
        coreEnv.put("GUILDHALL_VOICE_UDP_PORT", String.valueOf(udpPort));
        coreEnv.put("GUILDHALL_VOICE_GATEWAY_PORT", "0");
        coreEnv.put("GUILDHALL_VOICE_REGION", region);
        coreEnv.put("GUILDHALL_VOICE_SERVER_ID", voiceServerId);
        coreEnv.put("GUILDHALL_PUBLIC_HOST", "127.0.0.1");
        coreEnv.put("GUILDHALL_RATELIMIT_ROUTES", "none"); // the chain tests post in bursts (Discord allows 5 per 5 s)
        ServiceProcess process = ServiceProcess.start("core-server", "dev.guildhall.core.CoreServerMain", "384m", coreEnv)
                .awaitHealthy(url + "/health", Duration.ofSeconds(90));
        return new Core(process, url, udpPort);
    }

    String kafka() {
        return Engines.kafka().bootstrapServers();
    }

    RestClient rest() {
        return new RestClient(coreUrl);
    }

    String clickhouse(String sql) {
        return Engines.clickhouse().query(sql.replace("{db}", clickhouseDb)).trim();
    }

    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory("guildhall-" + prefix);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void stop() {
        for (ServiceProcess p : new ServiceProcess[]{monitor, analytics, core}) {
            if (p != null) {
                try {
                    p.close();
                } catch (RuntimeException e) {
                    System.err.println("stopping " + p.pid() + ": " + e);
                }
            }
        }
    }
}
