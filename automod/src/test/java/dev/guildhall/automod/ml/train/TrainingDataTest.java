package dev.guildhall.automod.ml.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guildhall.automod.ml.TinyCorpus;
import dev.guildhall.automod.ml.data.Dataset;
import dev.guildhall.automod.ml.data.LabelledText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingDataTest {

    @Test
    void everySourceIsSplitAndNoExampleIsOnBothSides(@TempDir Path dir) throws IOException {
        List<LabelledText> decisions = IntStream.range(0, 500)
                .mapToObj(i -> new LabelledText(i % 2 == 0 ? "harassment" : "safe", "decision " + i)).toList();
        List<String> progress = new ArrayList<>();
        TrainingData data = TrainingData.load(TinyCorpus.spamAssassin(dir, 20), TinyCorpus.wordNet(dir),
                List.of(new Dataset("decisions.tsv", decisions)), 42, progress::add);

        assertThat(data.train()).extracting(Dataset::name).containsExactly("spam-assassin (train split)",
                "synthetic (presets + wordnet-base, seed 42)", "decisions.tsv (train split)");
        assertThat(data.heldOut()).extracting(Dataset::name).containsExactly("spam-assassin (held-out split)",
                "synthetic (held-out, seed 43)", "decisions.tsv (held-out split)");
        assertThat(data.train().get(0).examples().size() + data.heldOut().get(0).examples().size()).isEqualTo(100);
        int heldDecisions = data.heldOut().get(2).examples().size();
        assertThat(heldDecisions).isBetween(70, 130); // 20% of 500
        assertThat(data.train().get(2).examples()).hasSize(500 - heldDecisions);
        Set<LabelledText> train = new HashSet<>(data.train().get(2).examples());
        assertThat(data.heldOut().get(2).examples()).noneMatch(train::contains);
        assertThat(data.trainExamples()).hasSize(data.train().stream().mapToInt(d -> d.examples().size()).sum());
        assertThat(progress).anyMatch(l -> l.startsWith("loading SpamAssassin"));

        TrainingData again = TrainingData.load(TinyCorpus.spamAssassin(dir, 20), TinyCorpus.wordNet(dir),
                List.of(new Dataset("decisions.tsv", decisions)), 42, line -> { });
        assertThat(again.train().stream().map(Dataset::sha256).toList())
                .isEqualTo(data.train().stream().map(Dataset::sha256).toList());
    }
}
