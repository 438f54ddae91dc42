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
    void insertQueriesMatchTheContractTables() {
        assertThat(new MessageCountsTable().insertQuery()).isEqualTo(
                "INSERT INTO message_counts_1m (guild_id, channel_id, minute, messages, version) FORMAT TabSeparated");
        assertThat(new VoiceQualityTable().insertQuery()).isEqualTo(
                "INSERT INTO voice_quality_1m (region, voice_server, minute, samples, jitter_p50_ms, jitter_p95_ms,"
                        + " loss_ratio, version) FORMAT TabSeparated");
    }
}
