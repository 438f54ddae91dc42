package dev.guildhall.automod.ml.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guildhall.automod.engine.PresetLibrary;
import dev.guildhall.automod.ml.Labels;
import dev.guildhall.automod.ml.data.LabelledText;
import dev.guildhall.automod.ml.data.SyntheticCorpus;
import dev.guildhall.automod.ml.eval.Evaluation;
import dev.guildhall.automod.ml.model.DjlMessageClassifier;
import dev.guildhall.automod.ml.model.Hashing;
import dev.guildhall.automod.ml.model.ModelFiles;
import dev.guildhall.automod.ml.model.ModelManifest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A small, fast training run (synthetic data only, small network): deterministic, and it learns. */
class ModelTrainingTest {
    private static final TrainingOptions SMALL = new TrainingOptions(1 << 12, 3, 4, 8, 3, 32, 0.01f, 99);

    private static List<LabelledText> data(int perLabel, long seed) {
        return SyntheticCorpus.build(PresetLibrary.bundled(), List.of(), perLabel, 0, seed);
    }

    @Test
    void sameDataAndSeedGiveIdenticalParametersAndTheModelLearns() throws IOException {
        List<LabelledText> train = data(150, 1);
        List<String> progress = new ArrayList<>();
        ModelTraining.Result first = ModelTraining.train(train, SMALL, progress::add);
        ModelTraining.Result second = ModelTraining.train(train, SMALL, line -> { });
        assertThat(Hashing.sha256(second.parameters())).isEqualTo(Hashing.sha256(first.parameters()));
        assertThat(progress).anyMatch(l -> l.startsWith("epoch 3/3"));
        assertThat(first.epochLosses().get(2)).isLessThan(first.epochLosses().get(0) / 2);

        ModelTraining.Result otherSeed = ModelTraining.train(train, SMALL.withSeed(100), line -> { });
        assertThat(Hashing.sha256(otherSeed.parameters())).isNotEqualTo(Hashing.sha256(first.parameters()));

        List<LabelledText> heldOut = data(60, 2);
        ModelManifest manifest = new ModelManifest("test", "2026-11-28T00:00:00Z", Labels.ALL, SMALL.featureDimension(),
                SMALL.minGram(), SMALL.maxGram(), SMALL.hidden(), Hashing.sha256(first.parameters()), SMALL.seed(),
                SMALL.epochs(), first.seconds(), List.of(), TrainCommand.defaultThresholds(), Map.of());
        try (DjlMessageClassifier model = DjlMessageClassifier.open(new ModelFiles("test", manifest, first.parameters()))) {
            float[][] scores = model.scoreBatch(heldOut.stream().map(LabelledText::text).toList());
            Evaluation e = Evaluation.of("held-out synthetic", heldOut, scores, manifest.thresholds());
            assertThat(e.macroRocAuc()).isGreaterThan(0.9);
        }
    }

    @Test
    void balancedOrderDrawsEveryLabelEquallyAndKeepsEveryExample() {
        List<List<Integer>> byLabel = List.of(List.of(0, 1, 2, 3, 4, 5), List.of(6), List.of(), List.of(7, 8));
        List<Integer> order = ModelTraining.balancedOrder(byLabel, 6, new Random(1));
        assertThat(order).hasSize(18).contains(0, 1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(order.stream().filter(i -> i == 6)).hasSize(6);
    }
}
