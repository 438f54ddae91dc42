package dev.guildhall.analytics.sink;

import dev.guildhall.analytics.engagement.MessageCountRow;
import dev.guildhall.analytics.engagement.MessageCountsTable;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Retries against a real closed port: every attempt is refused, the inserter backs off and finally throws. */
class BatchInserterTest {
    @Test
    void retriesWithBackoffThenFails() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<Integer> failedAttempts = new ArrayList<>();
        List<Duration> sleeps = new ArrayList<>();
        BatchInserter<MessageCountRow> inserter = new BatchInserter<>(
                "jdbc:clickhouse://127.0.0.1:" + port + "/guildhall",
                new MessageCountsTable(), 4, new Backoff(Duration.ofMillis(100), Duration.ofMillis(250)),
                (attempt, error) -> failedAttempts.add(attempt), sleeps::add);
        assertThatThrownBy(() -> inserter.insert(List.of(new MessageCountRow(1, 2, 60_000, 3, 4))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("insert into message_counts_1m of 1 rows failed after 4 attempts");
        assertThat(failedAttempts).containsExactly(1, 2, 3, 4);
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(250));
        inserter.close();
    }

    @Test
    void anEmptyBatchDoesNothing() throws Exception {
        BatchInserter<MessageCountRow> inserter = new BatchInserter<>(
                "jdbc:clickhouse://127.0.0.1:1/guildhall",
                new MessageCountsTable(), 1, new Backoff(Duration.ofMillis(1), Duration.ofMillis(1)),
                (attempt, error) -> {
                    throw new AssertionError("no attempt expected");
                }, d -> {
                });
        inserter.insert(List.of());
    }
}
