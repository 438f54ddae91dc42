package dev.guildhall.analytics;

import dev.guildhall.analytics.config.AnalyticsConfig;
import dev.guildhall.analytics.metrics.AnalyticsMetrics;
import dev.guildhall.analytics.metrics.MetricsServer;
import dev.guildhall.analytics.runtime.LocalAnalyticsRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local launch (runtime contract): the jobs in one Flink MiniCluster in this JVM, {@code /health} and
 * {@code /metrics} on {@code GUILDHALL_METRICS_PORT}. Stops cleanly on SIGTERM; the next start resumes each job
 * from its latest retained checkpoint.
 */
public final class StreamAnalyticsMain {
    private static final Logger LOG = LoggerFactory.getLogger(StreamAnalyticsMain.class);

    private StreamAnalyticsMain() {
    }

    public static void main(String[] args) throws Exception {
        CommandLine cli;
        AnalyticsConfig config;
        try {
            cli = CommandLine.parse(args);
            config = AnalyticsConfig.load(cli.configFile(), System.getenv());
            AnalyticsJobs.select(cli.jobs());
        } catch (IllegalArgumentException | java.io.IOException e) {
            System.err.println("stream-analytics: " + e.getMessage());
            System.exit(2);
            return;
        }
        LocalAnalyticsRuntime runtime = new LocalAnalyticsRuntime(config, AnalyticsJobs.select(cli.jobs()),
                AnalyticsMetrics.registry());
        MetricsServer server = new MetricsServer(config.metricsPort(), AnalyticsMetrics.registry(), runtime::healthy)
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runtime.close();
            } catch (Exception e) {
                LOG.warn("error while stopping the MiniCluster", e);
            } finally {
                server.close();
            }
        }, "stream-analytics-shutdown"));
        LOG.info("stream-analytics starting: kafka={} clickhouse={} checkpoints={} parallelism={}",
                config.kafkaBootstrap(), config.clickhouseUrl(), config.checkpointDir(), config.parallelism());
        try {
            runtime.start();
        } catch (Exception e) {
            LOG.error("stream-analytics failed to start", e);
            System.exit(1);
        }
        runtime.awaitTermination();
    }
}
