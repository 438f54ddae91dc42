package dev.guildhall.automod.ml.train;

import dev.guildhall.automod.ml.Labels;
import dev.guildhall.automod.ml.data.Dataset;
import dev.guildhall.automod.ml.eval.ProcessMemory;
import dev.guildhall.automod.ml.model.Hashing;
import dev.guildhall.automod.ml.model.ModelManifest;
import dev.guildhall.automod.ml.model.ModelStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** {@code automod train}: load the data, train, write a new version into the models directory (not promoted). */
public final class TrainCommand {
    private static final DateTimeFormatter VERSION =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private TrainCommand() {
    }

    public static ModelManifest run(ModelStore store, Path spamAssassin, Path wordNet, List<Dataset> operatorData,
                                    TrainingOptions options, Consumer<String> progress) throws IOException {
        TrainingData data = TrainingData.load(spamAssassin, wordNet, operatorData, options.seed(), progress);
        for (Dataset d : data.train()) {
            progress.accept("train data: " + d.name() + ": " + d.examples().size() + " examples");
        }
        ModelTraining.Result result = ModelTraining.train(data.trainExamples(), options, progress);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ModelManifest manifest = new ModelManifest(VERSION.format(now), now.toString(), Labels.ALL,
                options.featureDimension(), options.minGram(), options.maxGram(), options.hidden(),
                Hashing.sha256(result.parameters()), options.seed(), options.epochs(),
                Math.round(result.seconds() * 10) / 10.0,
                data.train().stream().map(Dataset::describe).toList(), defaultThresholds(),
                Map.of("training.peak_rss_mib", (double) Math.round(ProcessMemory.peakRssMib())));
        Path dir = store.write(manifest, result.parameters());
        progress.accept(String.format("wrote model %s (%.1f s, %d KiB) to %s", manifest.version(), result.seconds(),
                result.parameters().length / 1024, dir));
        return manifest;
    }

    /** The operating threshold of each label: a message is flagged for a label at or above it. */
    static Map<String, Double> defaultThresholds() {
        return Map.of(Labels.SAFE, 0.5, Labels.SPAM, 0.5, Labels.TOXIC, 0.5, Labels.HARASSMENT, 0.5);
    }
}
