package dev.guildhall.events;

import dev.guildhall.events.payload.AutoModVerdict;
import dev.guildhall.events.payload.MessageUpdated;
import dev.guildhall.events.payload.VoiceQualitySample;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Round trips of voice.quality version 2 (late packets, bitrate, MOS) and automod.verdict. */
class VoiceAndVerdictCodecTest {
    private final Snowflakes ids = new Snowflakes(1, 2);

    @Test
    void voiceQualityVersionTwoRoundTrips() {
        VoiceQualitySample sample = new VoiceQualitySample("eu", "eu-1", "3", "4", 77L, 1_000L, 5000, 250, 245, 5,
                0.02, 4.5, 41.0, 3L, 31.9, 4.12);
        EventEnvelope env = EventCodec.wrap(ids, "test", "9", 5_000L, sample);
        assertThat(env.version()).isEqualTo(2);
        EventEnvelope back = EventCodec.decode(EventCodec.encode(env));
        assertThat(back.type()).isEqualTo("voice.quality");
        assertThat(EventCodec.payload(back, VoiceQualitySample.class)).isEqualTo(sample);
        assertThat(EventType.VOICE_QUALITY.topic()).isEqualTo(Topics.VOICE_QUALITY);
    }

    @Test
    void versionOneVoiceQualityDecodesWithNullNewFields() {
        VoiceQualitySample v1 = new VoiceQualitySample("eu", "eu-1", "3", "4", 77L, 1_000L, 5000, 250, 245, 5, 0.02,
                4.5, null);
        String json = EventCodec.encodeToString(EventCodec.wrap(ids, "test", "9", 5_000L, v1))
                .replace(",\"packets_late\":null", "").replace(",\"bitrate_kbps\":null", "").replace(",\"mos\":null", "")
                .replace("\"version\":2", "\"version\":1");
        VoiceQualitySample back = EventCodec.payload(EventCodec.decode(json.getBytes(StandardCharsets.UTF_8)),
                VoiceQualitySample.class);
        assertThat(back).isEqualTo(v1);
        assertThat(back.mos()).isNull();
    }

    @Test
    void verdictRoundTripsOnItsTopicWithoutContent() {
        AutoModVerdict verdict = new AutoModVerdict("10", "3", "4", "v1", 0.9, 0.05, 0.03, 0.02, AutoModVerdict.ALLOW,
                List.of("55"), AutoModVerdict.STREAM, 120L, 1_000L, 2_000L);
        EventEnvelope env = EventCodec.wrap(ids, "test", "9", 2_000L, verdict);
        String json = EventCodec.encodeToString(env);
        assertThat(json).doesNotContain("content");
        EventEnvelope back = EventCodec.decode(json.getBytes(StandardCharsets.UTF_8));
        assertThat(EventCodec.payload(back, AutoModVerdict.class)).isEqualTo(verdict);
        assertThat(EventType.fromWireName("automod.verdict")).contains(EventType.AUTOMOD_VERDICT);
        assertThat(EventType.AUTOMOD_VERDICT.topic()).isEqualTo(Topics.AUTOMOD_VERDICTS);
        assertThat(new AutoModVerdict("10", "3", "4", null, null, null, null, null, AutoModVerdict.BLOCK, null,
                AutoModVerdict.INLINE, 0L, 1L, 1L).ruleIds()).isEmpty();
    }

    @Test
    void aPendingStreamVerdictRoundTripsAndOlderVerdictsReadAsNotPending() {
        AutoModVerdict pending = new AutoModVerdict("10", "3", "4", "v1", 0.1, 0.05, 0.8, 0.05, AutoModVerdict.FLAG,
                List.of(), AutoModVerdict.STREAM, 90L, 1_000L, 2_000L, true);
        String json = EventCodec.encodeToString(EventCodec.wrap(ids, "test", "9", 2_000L, pending));
        assertThat(json).contains("\"automod_pending\":true");
        assertThat(EventCodec.payload(EventCodec.decode(json.getBytes(StandardCharsets.UTF_8)), AutoModVerdict.class))
                .isEqualTo(pending);
        String old = json.replace(",\"automod_pending\":true", "");
        AutoModVerdict back = EventCodec.payload(EventCodec.decode(old.getBytes(StandardCharsets.UTF_8)),
                AutoModVerdict.class);
        assertThat(back.automodPending()).isFalse();
    }

    @Test
    void aVerdictOnAnEditRoundTripsAndOlderVerdictsAndEditsReadAsTheOriginalContent() {
        AutoModVerdict onEdit = new AutoModVerdict("10", "3", "4", "v1", 0.1, 0.05, 0.8, 0.05, AutoModVerdict.FLAG,
                List.of(), AutoModVerdict.STREAM, 90L, 1_000L, 2_000L, true, 1_500L);
        String json = EventCodec.encodeToString(EventCodec.wrap(ids, "test", "9", 2_000L, onEdit));
        assertThat(json).contains("\"edited_at\":1500");
        assertThat(EventCodec.payload(EventCodec.decode(json.getBytes(StandardCharsets.UTF_8)), AutoModVerdict.class))
                .isEqualTo(onEdit);
        String old = json.replace(",\"edited_at\":1500", "");
        assertThat(EventCodec.payload(EventCodec.decode(old.getBytes(StandardCharsets.UTF_8)), AutoModVerdict.class)
                .editedAt()).isZero();

        MessageUpdated pending = new MessageUpdated("10", "3", "4", false, "edited", 6, 1_500L, 1_000L, true);
        String update = EventCodec.encodeToString(EventCodec.wrap(ids, "test", "9", 1_500L, pending));
        assertThat(update).contains("\"automod_pending\":true").contains("\"created_at\":1000");
        String older = update.replace(",\"created_at\":1000", "").replace(",\"automod_pending\":true", "");
        MessageUpdated back = EventCodec.payload(EventCodec.decode(older.getBytes(StandardCharsets.UTF_8)),
                MessageUpdated.class);
        assertThat(back.automodPending()).isFalse();
        assertThat(back.createdAt()).isZero();
        assertThat(back.editedAt()).isEqualTo(1_500L);
    }
}
