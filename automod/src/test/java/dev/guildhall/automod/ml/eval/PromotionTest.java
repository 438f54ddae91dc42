package dev.guildhall.automod.ml.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guildhall.automod.engine.PresetLibrary;
import dev.guildhall.automod.ml.Labels;
import dev.guildhall.automod.ml.TinyCorpus;
import dev.guildhall.automod.ml.data.LabelledText;
import dev.guildhall.automod.ml.data.LabelledTsv;
import dev.guildhall.automod.ml.data.SyntheticCorpus;
import dev.guildhall.automod.ml.model.Hashing;
import dev.guildhall.automod.ml.model.ModelManifest;
import dev.guildhall.automod.ml.model.ModelStore;
import dev.guildhall.automod.ml.train.ModelTraining;
import dev.guildhall.automod.ml.train.TrainingOptions;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** evaluate promotes a candidate only when it beats the current model on the held-out splits. */
class PromotionTest {
    private static final TrainingOptions SMALL = new TrainingOptions(1 << 12, 3, 4, 8, 2, 32, 0.01f, 3);

    private static String writeModel(ModelStore store, String version, TrainingOptions o, List<LabelledText> data)
            throws IOException {
        ModelTraining.Result r = ModelTraining.train(data, o, line -> { });
        store.write(new ModelManifest(version, "2026-11-28T00:00:00Z", Labels.ALL, o.featureDimension(), o.minGram(),
                o.maxGram(), o.hidden(), Hashing.sha256(r.parameters()), o.seed(), o.epochs(), r.seconds(), List.of(),
                Map.of("safe", 0.5, "spam", 0.5, "toxic", 0.5, "harassment", 0.5), Map.of()), r.parameters());
        return version;
    }

    private static EvaluateCommand.Inputs tinyInputs(Path dir) throws IOException {
        Path sa = TinyCorpus.spamAssassin(dir, 15);
        Path wn = TinyCorpus.wordNet(dir);
        Path chat = dir.resolve("chat.tsv");
        try (Writer w = Files.newBufferedWriter(chat)) {
            LabelledTsv.write(SyntheticCorpus.build(PresetLibrary.bundled(), List.of(), 30, 0, 77), w);
        }
        return new EvaluateCommand.Inputs(sa, wn, chat, List.of());
    }

    @Test
    void betterCandidateIsPromotedAndAWorseOneIsNot(@TempDir Path dir) throws IOException {
        ModelStore store = new ModelStore(dir.resolve("models"));
        List<LabelledText> data = SyntheticCorpus.build(PresetLibrary.bundled(), List.of(), 200, 0, 1);
        List<LabelledText> mislabelled = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) { // labels rotated: a model that learns the wrong thing
            mislabelled.add(new LabelledText(Labels.ALL.get((data.get(i).labelIndex() + 1) % 4), data.get(i).text()));
        }
        EvaluateCommand.Inputs inputs = tinyInputs(dir);
        store.promote(writeModel(store, "20260101T000000Z", SMALL, mislabelled));

        String good = writeModel(store, "20260102T000000Z", SMALL, data);
        List<String> progress = new ArrayList<>();
        EvaluateCommand.Outcome promoted = EvaluateCommand.compareAndPromote(store, Optional.empty(), inputs, "t",
                progress::add);
        assertThat(promoted.promoted()).isTrue();
        assertThat(promoted.reason()).startsWith("promoted " + good + ": macro ROC-AUC");
        assertThat(store.current()).contains(good);
        assertThat(progress).contains(promoted.reason());
        assertThat(promoted.report()).contains("## Promotion", "Confusion matrix", "chat.tsv");
        assertThat(ModelManifest.fromJson(Files.readAllBytes(store.versionDir(good).resolve(ModelManifest.FILE)))
                .metrics()).containsKey("heldout.macro_roc_auc").containsKey("chat.macro_roc_auc");

        String worse = writeModel(store, "20260103T000000Z", SMALL, mislabelled);
        EvaluateCommand.Outcome kept = EvaluateCommand.compareAndPromote(store, Optional.empty(), inputs, "t",
                line -> { });
        assertThat(kept.promoted()).isFalse();
        assertThat(kept.reason()).startsWith("not promoted " + worse).contains("<=");
        assertThat(store.current()).contains(good);

        EvaluateCommand.Outcome same = EvaluateCommand.compareAndPromote(store, Optional.of(good), inputs, "t",
                line -> { });
        assertThat(same.promoted()).isFalse();
        assertThat(same.reason()).contains("already the current model");
    }
}
