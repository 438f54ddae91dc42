package dev.guildhall.analytics.runtime;

import dev.guildhall.analytics.config.AnalyticsConfig;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;

import java.nio.file.Path;
import java.time.Duration;

/** The Flink job configuration of one stream-analytics job (checkpointing, restarts, parallelism, restore). */
public final class JobSettings {
    private JobSettings() {
    }

    /**
     * @param checkpointDir the job's own checkpoint directory, or null to keep the cluster's setting
     * @param restoreFrom   a retained checkpoint to resume from, or null
     */
    public static Configuration configuration(AnalyticsConfig config, String checkpointDir, Path restoreFrom) {
        Configuration conf = new Configuration();
        conf.set(CoreOptions.DEFAULT_PARALLELISM, config.parallelism());
        // every type has a Flink serializer (POJO, record, tuple, primitive): a Kryo fallback fails the job graph
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        // chained operators hand records on without a copy: every record type is immutable or never changed after
        // it was emitted (sources build a new object per Kafka record, windows a new row per firing)
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, config.checkpointInterval());
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 2);
        conf.set(CheckpointingOptions.CHECKPOINTING_TIMEOUT, Duration.ofMinutes(5));
        // a sink retrying a long ClickHouse outage delays checkpoints: tolerate that instead of failing the job
        conf.set(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER, 10);
        if (checkpointDir != null) {
            conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir);
        }
        // never give up: a failed task restarts from the latest checkpoint, backing off up to a minute
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, Duration.ofSeconds(1));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, Duration.ofMinutes(1));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS, Integer.MAX_VALUE);
        if (restoreFrom != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom.toUri().toString());
            conf.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
        }
        return conf;
    }
}
