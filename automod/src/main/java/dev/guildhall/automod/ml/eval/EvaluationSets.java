package dev.guildhall.automod.ml.eval;

import dev.guildhall.automod.ml.data.Dataset;
import dev.guildhall.automod.ml.data.LabelledText;
import dev.guildhall.automod.ml.data.LabelledTsv;
import dev.guildhall.automod.ml.train.TrainingData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a model is judged on: the held-out splits of the training sources (SpamAssassin's, the synthetic one, any
 * operator files'), combined for the promotion decision, and the hand-labelled chat set, which no training run reads.
 */
public record EvaluationSets(List<Dataset> heldOut, Dataset chat) {
    /** The chat evaluation set in the repository (relative to its root). */
    public static final Path DEFAULT_CHAT_SET = Path.of("automod/eval/chat-eval.tsv");

    public static EvaluationSets load(Path spamAssassin, Path wordNet, Path chatSet, List<Dataset> operatorData,
                                      long seed, Consumer<String> progress) throws IOException {
        TrainingData data = TrainingData.load(spamAssassin, wordNet, operatorData, seed, progress);
        Dataset chat = LabelledTsv.read(chatSet);
        return new EvaluationSets(data.heldOut(), new Dataset("chat evaluation set (" + chatSet.getFileName() + ")", chat.examples()));
    }

    /** All held-out examples in one list (the promotion set). */
    public Dataset combinedHeldOut() {
        List<LabelledText> all = new ArrayList<>();
        heldOut.forEach(d -> all.addAll(d.examples()));
        return new Dataset("all held-out splits", all);
    }
}
