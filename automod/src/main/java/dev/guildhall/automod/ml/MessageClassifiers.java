package dev.guildhall.automod.ml;

import dev.guildhall.automod.ml.model.DjlMessageClassifier;
import dev.guildhall.automod.ml.model.ModelFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Loads classifiers: the model shipped in the automod jar, or a model directory written by
 * {@code ./guildhall automod train}. DJL runs offline on the PyTorch engine with one intra-op and one inter-op
 * thread ({@code ai.djl.offline}, {@code ai.djl.pytorch.num_threads}, {@code ai.djl.pytorch.num_interop_threads};
 * set here unless the JVM already sets them).
 */
public final class MessageClassifiers {
    private MessageClassifiers() {
    }

    /** The model bundled in the automod jar (resources {@code models/CURRENT} and {@code models/<version>/}). */
    public static MessageClassifier bundled() {
        try {
            return DjlMessageClassifier.open(ModelFiles.bundled());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the bundled AutoMod model", e);
        }
    }

    /**
     * The model in {@code modelDir}: either one version's directory (holding {@code manifest.json}) or a models
     * directory (holding {@code CURRENT} and the version directories), whose current version is loaded.
     */
    public static MessageClassifier load(Path modelDir) {
        try {
            return DjlMessageClassifier.open(ModelFiles.inDirectory(modelDir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the AutoMod model in " + modelDir, e);
        }
    }
}
