package dev.guildhall.analytics.alerts;

import dev.guildhall.events.EventCodec;
import dev.guildhall.events.EventEnvelope;
import dev.guildhall.events.InvalidEventException;
import dev.guildhall.events.Snowflakes;
import dev.guildhall.events.payload.MessageCreated;
import dev.guildhall.events.payload.VoiceAlert;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertExtractorTest {
    private final Snowflakes ids = new Snowflakes(7, 7);
    private final AlertExtractor extractor = new AlertExtractor();

    @Test
    void extractsEveryColumnOfTheAlertsTable() {
        EventEnvelope env = EventCodec.wrap(ids, "quality-monitor", "0", 1_700_000_060_500L,
                new VoiceAlert("eu-loss-1", "eu", "loss_ratio", "open", 0.1, 0.05, 1_700_000_000_000L, 1_700_000_060_000L));
        AlertEvent a = extractor.extract(env);
        assertThat(a).isEqualTo(new AlertEvent(env.eventId(), 1_700_000_060_500L, "eu-loss-1", "eu", "loss_ratio",
                "open", 0.1, 0.05, 1_700_000_000_000L, 1_700_000_060_000L));
    }

    @Test
    void otherEventTypesAreSkippedNotRejected() {
        EventEnvelope env = EventCodec.wrap(ids, "core", "1", 5L, new MessageCreated("1", "2", "3", false, "x", 1, 5L));
        assertThat(extractor.extract(env)).isNull();
    }

    @Test
    void contractViolationsAreRejectedWithTheReason() {
        assertThatThrownBy(() -> extractor.extract(EventCodec.wrap(ids, "m", "0", 5L,
                new VoiceAlert("a", "eu", "loss_ratio", "flapping", 1, 1, 10L, 20L))))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("payload.state");
        assertThatThrownBy(() -> extractor.extract(EventCodec.wrap(ids, "m", "0", 5L,
                new VoiceAlert("a", null, "loss_ratio", "open", 1, 1, 10L, 20L))))
                .hasMessageContaining("payload.region is missing");
        assertThatThrownBy(() -> extractor.extract(EventCodec.wrap(ids, "m", "0", 5L,
                new VoiceAlert("a", "eu", "loss_ratio", "open", 1, 1, 30L, 20L))))
                .hasMessageContaining("window_start/window_end");
    }
}
