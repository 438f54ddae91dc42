package dev.guildhall.automod.ml.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.guildhall.automod.ml.data.LabelledText;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationTest {
    private static final Map<String, Double> HALF = Map.of("safe", 0.5, "spam", 0.5, "toxic", 0.5, "harassment", 0.5);

    @Test
    void precisionRecallConfusionAndCombinedToxicity() {
        List<LabelledText> examples = List.of(
                new LabelledText("safe", "a"), new LabelledText("spam", "b"), new LabelledText("spam", "c"),
                new LabelledText("toxic", "d"), new LabelledText("harassment", "e"), new LabelledText("safe", "f"));
        float[][] scores = {
            {0.9f, 0.1f, 0f, 0f},     // safe, right
            {0.2f, 0.8f, 0f, 0f},     // spam, right
            {0.6f, 0.4f, 0f, 0f},     // spam missed (predicted safe)
            {0.1f, 0f, 0.3f, 0.6f},   // toxic predicted harassment; toxic+harassment still flags it
            {0.1f, 0f, 0.2f, 0.7f},   // harassment, right
            {0.3f, 0.6f, 0.1f, 0f},   // safe flagged as spam
        };
        Evaluation e = Evaluation.of("t", examples, scores, HALF);

        Evaluation.LabelMetrics spam = e.labels().get("spam");
        assertThat(spam.positives()).isEqualTo(2);
        assertThat(spam.precision()).isEqualTo(0.5); // b right, f wrong
        assertThat(spam.recall()).isEqualTo(0.5);    // c missed
        assertThat(e.labels().get("toxic").recall()).isEqualTo(0.0);
        assertThat(e.labels().get("toxic").precision()).isNaN(); // nothing reached 0.5
        assertThat(e.mlToxicity().positives()).isEqualTo(2);
        assertThat(e.mlToxicity().recall()).isEqualTo(1.0);
        assertThat(e.mlToxicity().precision()).isEqualTo(1.0);
        assertThat(e.mlToxicity().rocAuc()).isEqualTo(1.0);

        assertThat(e.confusion()[0]).containsExactly(1, 1, 0, 0);
        assertThat(e.confusion()[1]).containsExactly(1, 1, 0, 0);
        assertThat(e.confusion()[2]).containsExactly(0, 0, 0, 1);
        assertThat(e.confusion()[3]).containsExactly(0, 0, 0, 1);
        assertThat(e.macroRocAuc()).isCloseTo(
                (e.labels().get("safe").rocAuc() + spam.rocAuc() + e.labels().get("toxic").rocAuc()
                        + e.labels().get("harassment").rocAuc()) / 4, within(1e-12));
        assertThat(e.asMetrics("x")).containsKey("x.spam.roc_auc").doesNotContainKey("x.toxic.precision");
    }
}
