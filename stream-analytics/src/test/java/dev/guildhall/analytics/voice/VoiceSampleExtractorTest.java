package dev.guildhall.analytics.voice;

import dev.guildhall.analytics.TestEvents;
import dev.guildhall.events.EventCodec;
import dev.guildhall.events.InvalidEventException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VoiceSampleExtractorTest {
    private static final long T = 1_767_571_200_000L;
    private final VoiceSampleExtractor extractor = new VoiceSampleExtractor();

    private VoiceSample extract(byte[] event) {
        return extractor.extract(EventCodec.decode(event));
    }

    private VoiceSample extract(String json) {
        return extract(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String v2(Double rtt, Long late, Double bitrate, Double mos) {
        return new String(TestEvents.voiceQualityV2("eu", "vs-1", 5, 10, 100, T, 4.5, rtt, late, bitrate, mos, 2, 250),
                StandardCharsets.UTF_8);
    }

    @Test
    void versionTwoCarriesGuildChannelUserRttLateBitrateAndMos() {
        VoiceSample s = extract(v2(42.5, 3L, 31.2, 4.1));
        assertThat(s).isEqualTo(new VoiceSample(s.eventId(), "eu", "vs-1", 5, 10, 100, 4242, T, 5000, 250, 248, 2, 4.5,
                42.5, 3L, 31.2, 4.1));
    }

    @Test
    void versionOneLeavesTheNewFieldsNull() {
        VoiceSample s = extract(TestEvents.voiceQuality("eu", "vs-1", T, 3.0, 1, 250));
        assertThat(s.rttMs()).isNull();
        assertThat(s.packetsLate()).isNull();
        assertThat(s.bitrateKbps()).isNull();
        assertThat(s.mos()).isNull();
        assertThat(s.guildId()).isEqualTo(900);
        assertThat(s.channelId()).isEqualTo(1001);
    }

    @Test
    void valuesOutsideTheContractAreRejectedWithTheReason() {
        assertThatThrownBy(() -> extract(v2(-1.0, null, null, null))).isInstanceOf(InvalidEventException.class)
                .hasMessage("rtt_ms must be a finite value >= 0 but was -1.0");
        assertThatThrownBy(() -> extract(v2(null, -2L, null, null))).isInstanceOf(InvalidEventException.class)
                .hasMessage("packets_late must be >= 0 but was -2");
        assertThatThrownBy(() -> extract(v2(null, null, -5.0, null))).isInstanceOf(InvalidEventException.class)
                .hasMessage("bitrate_kbps must be a finite value >= 0 but was -5.0");
        assertThatThrownBy(() -> extract(v2(null, null, null, 0.5))).isInstanceOf(InvalidEventException.class)
                .hasMessage("mos must be between 1.0 and 5.0 but was 0.5");
        assertThatThrownBy(() -> extract(v2(null, null, null, null).replace("\"channel_id\":\"10\"",
                "\"channel_id\":\"general\""))).isInstanceOf(InvalidEventException.class)
                .hasMessage("payload.channel_id is not a snowflake: general");
    }
}
