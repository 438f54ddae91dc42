package dev.guildhall.analytics.sink;

import dev.guildhall.analytics.engagement.MessageCountsTable;
import dev.guildhall.analytics.voice.VoiceQualityTable;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

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

    @Test
    void dateTimeAndDateTextEqualTheFormatters() {
        SplittableRandom random = new SplittableRandom(5);
        long[] edges = {0, -1, 999, 1000, 86_399_999, 86_400_000, -62_135_596_800_000L, 253_402_300_799_999L,
                253_402_300_800_000L, -62_167_219_200_001L, 951_782_400_000L, 4_107_542_399_999L};
        for (int i = 0; i < 200_000 + edges.length; i++) {
            long ms = i < edges.length ? edges[i] : random.nextLong(-3_000_000_000_000L, 5_000_000_000_000L);
            Instant instant = Instant.ofEpochMilli(ms);
            assertThat(ClickHouseTable.dateTime(ms)).as("%d", ms).isEqualTo(ClickHouseTable.DATE_TIME.format(instant));
            assertThat(ClickHouseTable.date(ms)).as("%d", ms).isEqualTo(ClickHouseTable.DATE.format(instant));
        }
    }
}
