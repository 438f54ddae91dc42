package dev.guildhall.analytics.runtime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RestoreFailuresTest {
    @Test
    void checkpointProblemsAreRecognised() {
        assertThat(RestoreFailures.isRestoreFailure("org.apache.flink.runtime.client.JobInitializationException: "
                + "Could not start the JobMaster.\nCaused by: java.io.IOException: Unexpected magic number. This can"
                + " have multiple reasons: (1) You are trying to load a Flink 1.0 savepoint")).isTrue();
        assertThat(RestoreFailures.isRestoreFailure("java.lang.Exception: Exception while creating "
                + "StreamOperatorStateContext.\nCaused by: org.apache.flink.util.StateMigrationException: For heap "
                + "backends, the new state serializer must not be incompatible")).isTrue();
        assertThat(RestoreFailures.isRestoreFailure("java.io.FileNotFoundException: /x/chk-3/_metadata")).isTrue();
    }

    @Test
    void outsideFailuresAreNot() {
        assertThat(RestoreFailures.isRestoreFailure(null)).isFalse();
        assertThat(RestoreFailures.isRestoreFailure("org.apache.flink.util.FlinkRuntimeException: Failed to list "
                + "subscribed topic partitions\nCaused by: org.apache.kafka.common.errors.TimeoutException")).isFalse();
        assertThat(RestoreFailures.isRestoreFailure("java.io.IOException: insert into message_counts_1m of 3 rows "
                + "failed after 8 attempts: Connection refused")).isFalse();
    }
}
