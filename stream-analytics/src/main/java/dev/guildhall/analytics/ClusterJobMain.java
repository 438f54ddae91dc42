package dev.guildhall.analytics;

import dev.guildhall.analytics.config.AnalyticsConfig;
import dev.guildhall.analytics.runtime.AnalyticsJob;
import dev.guildhall.analytics.runtime.JobSettings;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Entry point of the shaded job jar on a Flink cluster:
 * {@code flink run -d target/stream-analytics-job.jar [--jobs engagement,voice-quality] [--config FILE]}.
 * Configuration comes from the environment of the {@code flink run} process (the same variables as the local
 * launch). Checkpoints go to {@code GUILDHALL_CHECKPOINT_DIR} when it is set (any Flink file system URI), else to
 * the cluster's {@code execution.checkpointing.dir}; restore with {@code flink run -s <checkpoint>}.
 */
public final class ClusterJobMain {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterJobMain.class);

    private ClusterJobMain() {
    }

    public static void main(String[] args) throws Exception {
        CommandLine cli = CommandLine.parse(args);
        AnalyticsConfig config = AnalyticsConfig.load(cli.configFile(), System.getenv());
        String checkpointDir = System.getenv("GUILDHALL_CHECKPOINT_DIR");
        List<AnalyticsJob> jobs = AnalyticsJobs.select(cli.jobs());
        for (AnalyticsJob job : jobs) {
            String dir = checkpointDir == null || checkpointDir.isBlank() ? null
                    : checkpointDir.replaceAll("/+$", "") + "/" + job.name();
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                    JobSettings.configuration(config, dir, null));
            job.build(env, config);
            LOG.info("submitting job {}", job.name());
            env.executeAsync(job.name());
        }
    }
}
