package dev.guildhall.automod.ml.train;

import dev.guildhall.automod.engine.PresetLibrary;
import dev.guildhall.automod.ml.data.Dataset;
import dev.guildhall.automod.ml.data.HeldOutSplit;
import dev.guildhall.automod.ml.data.LabelledText;
import dev.guildhall.automod.ml.data.SpamAssassin;
import dev.guildhall.automod.ml.data.SyntheticCorpus;
import dev.guildhall.automod.ml.data.WordNetSentences;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Every data source of a training run, each split into a training part and a held-out part by the seed:
 * SpamAssassin (its fixed 20% split), synthetic chat examples (the held-out part generated with another seed),
 * and any operator files (Jigsaw CSV, moderator decisions TSV: 20% by a hash of the text).
 */
public record TrainingData(List<Dataset> train, List<Dataset> heldOut) {
    /** Synthetic examples per template label, and WordNet sentences, in the training part. */
    public static final int SYNTHETIC_PER_LABEL = 5000;
    public static final int WORDNET_SENTENCES = 5000;

    public static TrainingData load(Path spamAssassin, Path wordNet, List<Dataset> operatorData, long seed,
                                    Consumer<String> progress) throws IOException {
        List<Dataset> train = new ArrayList<>();
        List<Dataset> heldOut = new ArrayList<>();
        progress.accept("loading SpamAssassin from " + spamAssassin);
        List<SpamAssassin.Mail> mails = SpamAssassin.load(spamAssassin, seed);
        train.add(new Dataset("spam-assassin (train split)",
                mails.stream().filter(m -> !m.heldOut()).map(SpamAssassin.Mail::example).toList()));
        heldOut.add(new Dataset("spam-assassin (held-out split)",
                mails.stream().filter(SpamAssassin.Mail::heldOut).map(SpamAssassin.Mail::example).toList()));
        progress.accept("loading WordNet sentences from " + wordNet);
        List<String> sentences = WordNetSentences.load(wordNet);
        List<String> trainSentences = new ArrayList<>();
        List<String> heldOutSentences = new ArrayList<>();
        for (String s : sentences) {
            (HeldOutSplit.heldOut(s, seed) ? heldOutSentences : trainSentences).add(s);
        }
        train.add(new Dataset("synthetic (presets + wordnet-base, seed " + seed + ")",
                SyntheticCorpus.build(PresetLibrary.bundled(), trainSentences, SYNTHETIC_PER_LABEL,
                        WORDNET_SENTENCES, seed)));
        heldOut.add(new Dataset("synthetic (held-out, seed " + (seed + 1) + ")",
                SyntheticCorpus.build(PresetLibrary.bundled(), heldOutSentences, SYNTHETIC_PER_LABEL / 5,
                        WORDNET_SENTENCES / 5, seed + 1)));
        for (Dataset d : operatorData) {
            List<LabelledText> t = new ArrayList<>();
            List<LabelledText> h = new ArrayList<>();
            for (LabelledText e : d.examples()) {
                (HeldOutSplit.heldOut(e.text(), seed) ? h : t).add(e);
            }
            train.add(new Dataset(d.name() + " (train split)", t));
            heldOut.add(new Dataset(d.name() + " (held-out split)", h));
        }
        return new TrainingData(train, heldOut);
    }

    public List<LabelledText> trainExamples() {
        return train.stream().flatMap(d -> d.examples().stream()).toList();
    }

    public List<LabelledText> heldOutExamples() {
        return heldOut.stream().flatMap(d -> d.examples().stream()).toList();
    }
}
