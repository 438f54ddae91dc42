package dev.guildhall.analytics.automod;

import dev.guildhall.events.EventCodec;
import dev.guildhall.events.EventEnvelope;
import dev.guildhall.events.payload.AutoModVerdict;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class VerdictsTest {
    private static final MessageToScore MESSAGE = new MessageToScore("77", 1_000L, 5, 900, 30, 40, "buy now", 990L,
            true, 0);
    private static final MessageToScore EDIT = new MessageToScore("78", 1_500L, 5, 900, 30, 40, "buy now!!", 990L,
            true, 1_490L);

    @Test
    void theTopLabelDecidesAndScoresFollowTheModelsLabelOrder() {
        // a model whose labels come in another order than the table's
        List<String> labels = List.of("spam", "safe", "harassment", "toxic");
        VerdictRow r = Verdicts.verdict(MESSAGE, labels, new float[] {0.7f, 0.1f, 0.05f, 0.15f}, "v3", 120, 2_000L, 0.5);
        assertThat(r.spam()).isCloseTo(0.7, within(1e-6));
        assertThat(r.safe()).isCloseTo(0.1, within(1e-6));
        assertThat(r.harassment()).isCloseTo(0.05, within(1e-6));
        assertThat(r.toxic()).isCloseTo(0.15, within(1e-6));
        assertThat(r.label()).isEqualTo("spam");
        assertThat(r.decision()).isEqualTo(AutoModVerdict.FLAG);
        assertThat(r).extracting(VerdictRow::guildId, VerdictRow::messageId, VerdictRow::channelId,
                VerdictRow::authorId, VerdictRow::modelVersion, VerdictRow::latencyMicros,
                VerdictRow::messageCreatedAt, VerdictRow::scoredAt, VerdictRow::automodPending)
                .containsExactly(5L, 900L, 30L, 40L, "v3", 120L, 990L, 2_000L, true);
    }

    @Test
    void safeOrBelowTheThresholdIsAllowed() {
        List<String> labels = Verdicts.LABELS;
        assertThat(Verdicts.verdict(MESSAGE, labels, new float[] {0.9f, 0.05f, 0.03f, 0.02f}, "v", 1, 1, 0.5)
                .decision()).isEqualTo(AutoModVerdict.ALLOW);
        VerdictRow weak = Verdicts.verdict(MESSAGE, labels, new float[] {0.3f, 0.2f, 0.4f, 0.1f}, "v", 1, 1, 0.5);
        assertThat(weak.label()).isEqualTo("toxic");
        assertThat(weak.decision()).isEqualTo(AutoModVerdict.ALLOW);
        assertThat(Verdicts.verdict(MESSAGE, labels, new float[] {0.3f, 0.2f, 0.4f, 0.1f}, "v", 1, 1, 0.4)
                .decision()).isEqualTo(AutoModVerdict.FLAG);
    }

    @Test
    void aModelWithoutTheLabelsIsRejected() {
        assertThatThrownBy(() -> Verdicts.verdict(MESSAGE, List.of("a", "b"), new float[] {1, 0}, "v", 1, 1, 0.5))
                .hasMessageContaining("no label 'safe'");
        assertThatThrownBy(() -> Verdicts.verdict(MESSAGE, Verdicts.LABELS, new float[] {1}, "v", 1, 1, 0.5))
                .hasMessageContaining("1 scores for 4 labels");
    }

    @Test
    void theEventIsDeterministicPerMessageAndCarriesNoContent() {
        VerdictRow r = Verdicts.verdict(MESSAGE, Verdicts.LABELS, new float[] {0.1f, 0.8f, 0.05f, 0.05f}, "v3", 9,
                2_000L, 0.5);
        EventEnvelope e = Verdicts.event(r);
        assertThat(e.eventId()).isEqualTo("900");
        assertThat(e.guildId()).isEqualTo("5");
        assertThat(e.type()).isEqualTo("automod.verdict");
        assertThat(e.occurredAt()).isEqualTo(990L);
        assertThat(EventCodec.encodeToString(e)).isEqualTo(EventCodec.encodeToString(Verdicts.event(r)))
                .doesNotContain("buy now");
        AutoModVerdict v = EventCodec.payload(EventCodec.decode(EventCodec.encode(e)), AutoModVerdict.class);
        assertThat(v.source()).isEqualTo(AutoModVerdict.STREAM);
        assertThat(v.automodPending()).isTrue();
        assertThat(v.ruleIds()).isEmpty();
        assertThat(v.spam()).isCloseTo(0.8, within(1e-6));
    }

    @Test
    void theVerdictOnAnEditNamesTheEditAndTakesTheEditEventsId() {
        VerdictRow r = Verdicts.verdict(EDIT, Verdicts.LABELS, new float[] {0.1f, 0.8f, 0.05f, 0.05f}, "v3", 9,
                2_000L, 0.5);
        assertThat(r.editedAt()).isEqualTo(1_490L);
        assertThat(r.messageCreatedAt()).isEqualTo(990L);
        EventEnvelope e = Verdicts.event(r);
        assertThat(e.eventId()).isEqualTo("78");
        assertThat(e.occurredAt()).isEqualTo(1_490L);
        assertThat(EventCodec.encodeToString(e)).doesNotContain("buy now");
        AutoModVerdict v = EventCodec.payload(e, AutoModVerdict.class);
        assertThat(v.messageId()).isEqualTo("900");
        assertThat(v.editedAt()).isEqualTo(1_490L);
        assertThat(v.automodPending()).isTrue();
        assertThat(EventCodec.payload(Verdicts.event(Verdicts.verdict(MESSAGE, Verdicts.LABELS,
                new float[] {0.1f, 0.8f, 0.05f, 0.05f}, "v3", 9, 2_000L, 0.5)), AutoModVerdict.class).editedAt())
                .isZero();
    }

    @Test
    void theVersionsOfAMessageGetIncreasingScoredTimesWithinABatchAndAcrossBatches() {
        MessageToScore other = new MessageToScore("79", 1_000L, 5, 901, 30, 40, "hi", 995L, false, 0);
        assertThat(Verdicts.scoredTimes(List.of(MESSAGE, other, EDIT), 5_000L, 0L))
                .containsExactly(5_000L, 5_000L, 5_001L);
        assertThat(Verdicts.scoredTimes(List.of(EDIT), 5_000L, 5_001L)).containsExactly(5_002L);
        assertThat(Verdicts.scoredTimes(List.of(other), 9_000L, 5_001L)).containsExactly(9_000L);
    }

    @Test
    void settingsComeFromTheEnvironmentWithClearErrors() {
        VerdictJobSettings d = VerdictJobSettings.from(Map.of());
        assertThat(d).isEqualTo(new VerdictJobSettings(null, 64, Duration.ofMillis(200), 0.5));
        assertThat(VerdictJobSettings.from(Map.of("GUILDHALL_AUTOMOD_MODEL_DIR", " /m ",
                "GUILDHALL_AUTOMOD_STREAM_BATCH_SIZE", "8")).modelDir()).isEqualTo("/m");
        assertThatThrownBy(() -> VerdictJobSettings.from(Map.of("GUILDHALL_AUTOMOD_STREAM_BATCH_SIZE", "0")))
                .hasMessageContaining("BATCH_SIZE must be >= 1");
        assertThatThrownBy(() -> VerdictJobSettings.from(Map.of("GUILDHALL_AUTOMOD_STREAM_FLAG_THRESHOLD", "x")))
                .hasMessageContaining("not a number");
    }
}
