package dev.guildhall.automod.ml.eval;

import dev.guildhall.automod.ml.data.Dataset;
import dev.guildhall.automod.ml.data.LabelledText;
import dev.guildhall.automod.ml.model.DjlMessageClassifier;
import dev.guildhall.automod.ml.model.ModelFiles;
import dev.guildhall.automod.ml.model.ModelManifest;
import dev.guildhall.automod.ml.model.ModelStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code automod evaluate}: scores models on the held-out splits and the chat set and writes the Markdown report.
 * In the default mode the newest version in the models directory (the candidate) is compared with the current one
 * (the models directory's CURRENT, else the model bundled in the jar) on the combined held-out splits, and promoted
 * only when its macro ROC-AUC is higher; the reason is printed either way. {@code --bundled} only reports on the
 * bundled model.
 */
public final class EvaluateCommand {
    private EvaluateCommand() {
    }

    /** Where the evaluation data comes from. */
    public record Inputs(Path spamAssassin, Path wordNet, Path chatSet, List<Dataset> operatorData) {
    }

    /** The report and, when two models were compared, whether the candidate was promoted. */
    public record Outcome(String report, boolean promoted, String reason) {
    }

    /** Reports on one model (no promotion). */
    public static Outcome report(ModelFiles files, Inputs in, String command, Consumer<String> progress)
            throws IOException {
        try (DjlMessageClassifier model = DjlMessageClassifier.open(files)) {
            ModelManifest m = model.manifest();
            EvaluationSets sets = EvaluationSets.load(in.spamAssassin(), in.wordNet(), in.chatSet(),
                    in.operatorData(), m.seed(), progress);
            Scored scored = score(model, sets, progress);
            ModelReport report = new ModelReport().title(command, now())
                    .text(intro(sets))
                    .model("Model", m, files.parameters().length);
            scored.write(report, "Results");
            report.text(memory());
            return new Outcome(report.toString(), false, "report only");
        }
    }

    /** Compares the candidate with the current model and promotes it if it is better. */
    public static Outcome compareAndPromote(ModelStore store, Optional<String> version, Inputs in, String command,
                                            Consumer<String> progress) throws IOException {
        String candidateVersion = version.isPresent() ? version.get() : store.latest().orElseThrow(
                () -> new IOException("no trained model in " + store.root() + " (run ./guildhall automod train)"));
        Optional<String> current = store.current();
        ModelFiles candidateFiles = ModelFiles.inDirectory(store.versionDir(candidateVersion));
        ModelFiles currentFiles = current.isPresent()
                ? ModelFiles.inDirectory(store.versionDir(current.get())) : ModelFiles.bundled();
        try (DjlMessageClassifier candidate = DjlMessageClassifier.open(candidateFiles);
             DjlMessageClassifier incumbent = DjlMessageClassifier.open(currentFiles)) {
            EvaluationSets sets = EvaluationSets.load(in.spamAssassin(), in.wordNet(), in.chatSet(),
                    in.operatorData(), candidate.manifest().seed(), progress);
            Scored c = score(candidate, sets, progress);
            Scored i = score(incumbent, sets, progress);
            double cAuc = c.promotion.macroRocAuc();
            double iAuc = i.promotion.macroRocAuc();
            String incumbentName = incumbent.version() + (current.isPresent() ? " (current in " + store.root() + ")"
                    : " (bundled in the jar; " + store.root() + " has no CURRENT yet)");
            boolean promoted;
            String reason;
            if (candidateVersion.equals(current.orElse(null))) {
                promoted = false;
                reason = "candidate " + candidateVersion + " is already the current model";
            } else if (cAuc > iAuc) {
                promoted = true;
                reason = String.format(Locale.ROOT,
                        "promoted %s: macro ROC-AUC on the held-out splits %.4f > %.4f of %s", candidateVersion, cAuc,
                        iAuc, incumbentName);
            } else {
                promoted = false;
                reason = String.format(Locale.ROOT,
                        "not promoted %s: macro ROC-AUC on the held-out splits %.4f <= %.4f of %s", candidateVersion,
                        cAuc, iAuc, incumbentName);
            }
            store.updateManifest(candidate.manifest().withMetrics(metrics(candidate.manifest(), c)));
            if (promoted) {
                store.promote(candidateVersion);
            }
            progress.accept(reason);
            ModelReport report = new ModelReport().title(command, now()).text(intro(sets))
                    .decision(reason + ". Chat set macro ROC-AUC: candidate " + ModelReport.num(c.chat.macroRocAuc())
                            + ", current " + ModelReport.num(i.chat.macroRocAuc()) + ".")
                    .model("Candidate", candidate.manifest(), candidateFiles.parameters().length);
            c.write(report, "Candidate results");
            report.model("Current", incumbent.manifest(), currentFiles.parameters().length);
            i.write(report, "Current model's results");
            report.text(memory());
            return new Outcome(report.toString(), promoted, reason);
        }
    }

    private static Map<String, Double> metrics(ModelManifest m, Scored s) {
        Map<String, Double> metrics = new LinkedHashMap<>(m.metrics() == null ? Map.of() : m.metrics());
        metrics.putAll(s.promotion.asMetrics("heldout"));
        metrics.putAll(s.chat.asMetrics("chat"));
        if (s.spamAssassin() != null) {
            metrics.putAll(s.spamAssassin().asMetrics("spam_assassin"));
        }
        return metrics;
    }

    private record Scored(List<Evaluation> perSet, Evaluation promotion, Evaluation chat, Dataset chatSet,
                          float[][] chatScores) {
        Evaluation spamAssassin() {
            return perSet.stream().filter(e -> e.set().startsWith("spam-assassin")).findFirst().orElse(null);
        }

        void write(ModelReport report, String heading) {
            report.text("### Quality bar\n\nEnforced for the bundled model by BundledModelChatSetTest and "
                    + "BundledModelSpamAssassinIT.\n\n" + QualityBar.check(spamAssassin(), chat));
            List<Evaluation> all = new ArrayList<>(perSet);
            all.add(promotion);
            all.add(chat);
            report.summary(heading, all);
            for (Evaluation e : all) {
                report.detail(e);
            }
            report.errors(chatSet, chatScores, 60);
        }
    }

    private static Scored score(DjlMessageClassifier model, EvaluationSets sets, Consumer<String> progress) {
        Map<String, Double> thresholds = model.manifest().thresholds();
        List<Evaluation> perSet = new ArrayList<>();
        List<LabelledText> all = new ArrayList<>();
        List<float[]> allScores = new ArrayList<>();
        for (Dataset d : sets.heldOut()) {
            float[][] s = scoreAll(model, d.examples());
            perSet.add(Evaluation.of(d.name(), d.examples(), s, thresholds));
            all.addAll(d.examples());
            allScores.addAll(List.of(s));
            progress.accept(String.format(Locale.ROOT, "%s on %s: macro ROC-AUC %.4f", model.version(), d.name(),
                    perSet.get(perSet.size() - 1).macroRocAuc()));
        }
        Evaluation promotion = Evaluation.of("all held-out splits", all, allScores.toArray(new float[0][]),
                thresholds);
        float[][] chatScores = scoreAll(model, sets.chat().examples());
        Evaluation chat = Evaluation.of(sets.chat().name(), sets.chat().examples(), chatScores, thresholds);
        progress.accept(String.format(Locale.ROOT, "%s on the chat set: macro ROC-AUC %.4f", model.version(),
                chat.macroRocAuc()));
        return new Scored(perSet, promotion, chat, sets.chat(), chatScores);
    }

    private static float[][] scoreAll(DjlMessageClassifier model, List<LabelledText> examples) {
        return model.scoreBatch(examples.stream().map(LabelledText::text).toList());
    }

    private static String intro(EvaluationSets sets) {
        StringBuilder sb = new StringBuilder("Sets: ");
        for (Dataset d : sets.heldOut()) {
            sb.append(d.name()).append(" (").append(d.examples().size()).append(" messages), ");
        }
        sb.append(sets.chat().name()).append(" (").append(sets.chat().examples().size())
                .append(" hand-labelled chat messages, never used for training). ")
                .append("ROC-AUC is one label against the rest; precision and recall count a message as flagged for a ")
                .append("label when its score reaches the model's operating threshold; the confusion matrix uses the ")
                .append("highest-scoring label. \"toxic+harassment\" is what an ML_TOXICITY rule sees: the larger of ")
                .append("the two scores against \"is toxic or harassment\".\n\n")
                .append("How to read it: the SpamAssassin split is real mail held out by a seeded hash of the file ")
                .append("name. The synthetic held-out split comes from the same grammar as the training data (another ")
                .append("seed), so it only shows the model learned the grammar. No real toxicity corpus was available, ")
                .append("so the hand-written chat set (automod/eval/chat-eval.tsv, labelling guide in its header) is the ")
                .append("honest measure of toxic and harassment quality; its misclassified messages are listed below. ")
                .append("Training time and peak memory come from the model's manifest (measured where it was trained).");
        return sb.toString();
    }

    private static String memory() {
        return String.format(Locale.ROOT,
                "Memory of the evaluating JVM after loading and scoring: heap used %.0f MiB, resident %.0f MiB "
                        + "(peak %.0f MiB; most of it is the PyTorch native library, shared by every model).",
                ProcessMemory.heapUsedMib(), ProcessMemory.rssMib(), ProcessMemory.peakRssMib());
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
