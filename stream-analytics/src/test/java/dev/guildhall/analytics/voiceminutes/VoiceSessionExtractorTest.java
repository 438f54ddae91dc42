package dev.guildhall.analytics.voiceminutes;

import dev.guildhall.analytics.TestEvents;
import dev.guildhall.events.EventCodec;
import dev.guildhall.events.InvalidEventException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VoiceSessionExtractorTest {
    private static final long T = 1_767_571_200_000L;
    private final VoiceSessionExtractor extractor = new VoiceSessionExtractor();

    private VoiceSessionEvent extract(byte[] event) {
        return extractor.extract(EventCodec.decode(event));
    }

    @Test
    void aJoinAndItsLeaveShareTheSessionKey() {
        VoiceSessionEvent join = extract(TestEvents.voiceSessionJoined(5, 10, 100, "gw1", T));
        VoiceSessionEvent leave = extract(TestEvents.voiceSessionLeft(5, 10, 100, "gw1", T, T + 90_000));
        assertThat(join).isEqualTo(new VoiceSessionEvent(join.eventId(), 5, 10, 100, "gw1", "eu", "vs-1", true, T, 0,
                T));
        assertThat(leave).isEqualTo(new VoiceSessionEvent(leave.eventId(), 5, 10, 100, "gw1", "eu", "vs-1", false, T,
                T + 90_000, T + 90_000));
    }

    @Test
    void otherTypesAreSkippedAndBadSessionsRejected() {
        assertThat(extract(TestEvents.voiceQuality("eu", "vs-1", T, 1.0, 0, 10))).isNull();
        String negative = new String(TestEvents.voiceSessionLeft(5, 10, 100, "gw1", T, T + 90_000),
                StandardCharsets.UTF_8).replace("\"duration_ms\":90000", "\"duration_ms\":-1");
        assertThatThrownBy(() -> extract(negative.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("payload.duration_ms must be >= 0 and before left_at but was -1");
        String noSession = new String(TestEvents.voiceSessionJoined(5, 10, 100, "gw1", T), StandardCharsets.UTF_8)
                .replace("\"session_id\":\"gw1\"", "\"session_id\":\"\"");
        assertThatThrownBy(() -> extract(noSession.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class).hasMessage("payload.session_id is missing");
    }
}
