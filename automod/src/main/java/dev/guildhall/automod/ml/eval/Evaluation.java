package dev.guildhall.automod.ml.eval;

import dev.guildhall.automod.ml.Labels;
import dev.guildhall.automod.ml.data.LabelledText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metrics of one model on one labelled set: per label (one against the rest) ROC-AUC and precision/recall at the
 * operating threshold; the same for "ML_TOXICITY" (toxic or harassment, scored by the larger of the two scores, as
 * the rule engine does); the confusion matrix of the arg-max label; and the macro ROC-AUC (mean over the labels
 * present with both classes) that decides promotion.
 */
public record Evaluation(String set, int examples, Map<String, LabelMetrics> labels, LabelMetrics mlToxicity,
                         long[][] confusion, double macroRocAuc) {

    /** Metrics of one label; NaN where undefined (no positives, or nothing flagged). */
    public record LabelMetrics(int positives, double rocAuc, double threshold, double precision, double recall) {
    }

    public static final String ML_TOXICITY = "toxic+harassment";

    public static Evaluation of(String set, List<LabelledText> examples, float[][] scores,
                                Map<String, Double> thresholds) {
        int n = examples.size();
        int labelCount = Labels.ALL.size();
        long[][] confusion = new long[labelCount][labelCount];
        Map<String, LabelMetrics> perLabel = new LinkedHashMap<>();
        List<Double> aucs = new ArrayList<>();
        for (int l = 0; l < labelCount; l++) {
            String label = Labels.ALL.get(l);
            double[] s = new double[n];
            boolean[] p = new boolean[n];
            for (int i = 0; i < n; i++) {
                s[i] = scores[i][l];
                p[i] = examples.get(i).labelIndex() == l;
            }
            LabelMetrics m = metrics(s, p, thresholds.getOrDefault(label, 0.5));
            perLabel.put(label, m);
            if (!Double.isNaN(m.rocAuc())) {
                aucs.add(m.rocAuc());
            }
        }
        int toxic = Labels.index(Labels.TOXIC);
        int harassment = Labels.index(Labels.HARASSMENT);
        double[] s = new double[n];
        boolean[] p = new boolean[n];
        for (int i = 0; i < n; i++) {
            s[i] = Math.max(scores[i][toxic], scores[i][harassment]);
            int truth = examples.get(i).labelIndex();
            p[i] = truth == toxic || truth == harassment;
            confusion[truth][argMax(scores[i])]++;
        }
        LabelMetrics combined = metrics(s, p, Math.min(thresholds.getOrDefault(Labels.TOXIC, 0.5),
                thresholds.getOrDefault(Labels.HARASSMENT, 0.5)));
        double macro = aucs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        return new Evaluation(set, n, perLabel, combined, confusion, macro);
    }

    static LabelMetrics metrics(double[] scores, boolean[] positive, double threshold) {
        int tp = 0;
        int fp = 0;
        int positives = 0;
        for (int i = 0; i < scores.length; i++) {
            boolean flagged = scores[i] >= threshold;
            if (positive[i]) {
                positives++;
                if (flagged) {
                    tp++;
                }
            } else if (flagged) {
                fp++;
            }
        }
        double precision = tp + fp == 0 ? Double.NaN : (double) tp / (tp + fp);
        double recall = positives == 0 ? Double.NaN : (double) tp / positives;
        return new LabelMetrics(positives, RocAuc.of(scores, positive), threshold, precision, recall);
    }

    static int argMax(float[] row) {
        int best = 0;
        for (int i = 1; i < row.length; i++) {
            if (row[i] > row[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Flat metric names for the manifest, e.g. {@code chat.spam.roc_auc}. */
    public Map<String, Double> asMetrics(String prefix) {
        Map<String, Double> out = new LinkedHashMap<>();
        labels.forEach((label, m) -> put(out, prefix + "." + label, m));
        put(out, prefix + "." + ML_TOXICITY, mlToxicity);
        out.put(prefix + ".macro_roc_auc", macroRocAuc);
        out.values().removeIf(v -> v == null || v.isNaN());
        return out;
    }

    private static void put(Map<String, Double> out, String key, LabelMetrics m) {
        out.put(key + ".roc_auc", m.rocAuc());
        out.put(key + ".precision", m.precision());
        out.put(key + ".recall", m.recall());
    }
}
