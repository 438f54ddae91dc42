package dev.guildhall.analytics.sink;

import dev.guildhall.analytics.engagement.MessageCountsTable;
import dev.guildhall.analytics.voice.VoiceQualityTable;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SinkPartsTest {
    @Test
    void backoffDoublesUpToTheCap() {
        Backoff b = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(3));
        assertThat(b.delayAfter(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(b.delayAfter(2)).isEqualTo(Duration.ofMillis(1000));
        assertThat(b.delayAfter(3)).isEqualTo(Duration.ofMillis(2000));
        assertThat(b.delayAfter(4)).isEqualTo(Duration.ofMillis(3000));
        assertThat(b.delayAfter(40)).isEqualTo(Duration.ofMillis(3000));
        assertThatThrownBy(() -> b.delayAfter(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void insertStatementsMatchTheContractTables() {
        assertThat(new MessageCountsTable().insertSql()).isEqualTo(
                "INSERT INTO message_counts_1m (guild_id, channel_id, minute, messages, version) VALUES (?, ?, ?, ?, ?)");
        assertThat(new VoiceQualityTable().insertSql()).isEqualTo(
                "INSERT INTO voice_quality_1m (region, voice_server, minute, samples, jitter_p50_ms, jitter_p95_ms,"
                        + " loss_ratio, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    }

    @Test
    void dateTimeIsUtcText() {
        assertThat(ClickHouseTable.dateTime(0)).isEqualTo("1970-01-01 00:00:00");
        assertThat(ClickHouseTable.dateTime(1_764_300_060_000L)).isEqualTo("2025-11-28 03:21:00");
    }
}
