package dev.guildhall.automod.ml.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.guildhall.automod.ml.Labels;
import dev.guildhall.automod.ml.MessageClassifier;
import dev.guildhall.automod.ml.features.FeatureHasher;
import dev.guildhall.automod.ml.features.HashedFeatures;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The DJL (PyTorch engine) implementation of {@link MessageClassifier}: features are hashed in Java
 * ({@link FeatureHasher}), then one forward pass of {@link ClassifierNetwork} per batch of up to {@link #CHUNK}
 * messages, in a sub-manager of its own (so concurrent calls share only the read-only parameters).
 */
public final class DjlMessageClassifier implements MessageClassifier {
    /** Messages per native forward pass in {@link #scoreBatch}. */
    public static final int CHUNK = 256;

    private final ModelManifest manifest;
    private final FeatureHasher hasher;
    private final NDManager manager;
    private final Block block;

    private DjlMessageClassifier(ModelManifest manifest, NDManager manager, Block block) {
        this.manifest = manifest;
        this.hasher = hasherOf(manifest);
        this.manager = manager;
        this.block = block;
    }

    public static DjlMessageClassifier open(ModelFiles files) throws IOException {
        ModelManifest manifest = files.manifest();
        if (!Labels.ALL.equals(manifest.labels())) {
            throw new IOException(files.origin() + ": labels " + manifest.labels() + " are not " + Labels.ALL);
        }
        String sha = Hashing.sha256(files.parameters());
        if (!sha.equals(manifest.parametersSha256())) {
            throw new IOException(files.origin() + ": " + ModelManifest.PARAMETERS_FILE + " has SHA-256 " + sha
                    + ", the manifest says " + manifest.parametersSha256());
        }
        NDManager manager = DjlRuntime.engine().newBaseManager();
        try {
            Block block = ClassifierNetwork.build(manifest.featureDimension(), manifest.hidden());
            ClassifierNetwork.initialize(block, manager);
            block.loadParameters(manager, new DataInputStream(files.parametersStream()));
            return new DjlMessageClassifier(manifest, manager, block);
        } catch (MalformedModelException | RuntimeException e) {
            manager.close();
            throw new IOException(files.origin() + ": cannot load parameters: " + e.getMessage(), e);
        }
    }

    /** The feature hasher a manifest describes. */
    public static FeatureHasher hasherOf(ModelManifest manifest) {
        return new FeatureHasher(manifest.featureDimension(), manifest.minGram(), manifest.maxGram());
    }

    public ModelManifest manifest() {
        return manifest;
    }

    @Override
    public List<String> labels() {
        return Labels.ALL;
    }

    @Override
    public String version() {
        return manifest.version();
    }

    @Override
    public float[] score(String text) {
        Objects.requireNonNull(text, "text");
        return forward(List.of(hasher.extract(text)))[0];
    }

    @Override
    public float[][] scoreBatch(List<String> texts) {
        float[][] out = new float[texts.size()][];
        List<HashedFeatures> chunk = new ArrayList<>(Math.min(CHUNK, texts.size()));
        int start = 0;
        for (int i = 0; i < texts.size(); i++) {
            chunk.add(hasher.extract(Objects.requireNonNull(texts.get(i), "text")));
            if (chunk.size() == CHUNK || i == texts.size() - 1) {
                float[][] scores = forward(chunk);
                System.arraycopy(scores, 0, out, start, scores.length);
                start += scores.length;
                chunk.clear();
            }
        }
        return out;
    }

    /** Scores of already hashed messages (evaluation reuses features across models with one hasher). */
    public float[][] forward(List<HashedFeatures> batch) {
        try (NDManager m = manager.newSubManager()) {
            NDList input = FeatureBatch.of(batch).toNDList(m);
            NDArray probabilities = block.forward(new ParameterStore(m, false), input, false)
                    .singletonOrThrow().softmax(1);
            float[] flat = probabilities.toFloatArray();
            int labels = Labels.ALL.size();
            float[][] out = new float[batch.size()][labels];
            for (int r = 0; r < out.length; r++) {
                System.arraycopy(flat, r * labels, out[r], 0, labels);
            }
            return out;
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
