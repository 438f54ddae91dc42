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
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The DJL (PyTorch engine) implementation of {@link MessageClassifier}: features are hashed in Java
 * ({@link FeatureHasher}), then one forward pass of {@link ClassifierNetwork} per batch of up to {@link #CHUNK}
 * messages of similar feature counts (sorted, so little padding), in a sub-manager of its own (so concurrent calls
 * share only the read-only parameters).
 */
public final class DjlMessageClassifier implements MessageClassifier {
    /** At most this many messages per native forward pass in {@link #scoreBatch}. */
    public static final int CHUNK = 256;
    /** At most this many padded feature positions per forward pass (16 MiB of activations at width 16). */
    private static final long MAX_CELLS = 1 << 18;

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
        int n = texts.size();
        HashedFeatures[] features = new HashedFeatures[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            features[i] = hasher.extract(Objects.requireNonNull(texts.get(i), "text"));
            order[i] = i;
        }
        // similar lengths share a forward pass, so one long message does not pad a whole batch to its width
        Arrays.sort(order, Comparator.comparingInt(i -> features[i].size()));
        float[][] out = new float[n][];
        List<HashedFeatures> chunk = new ArrayList<>(Math.min(CHUNK, n));
        int chunkStart = 0;
        for (int k = 0; k < n; k++) {
            HashedFeatures f = features[order[k]];
            if (!chunk.isEmpty() && (chunk.size() == CHUNK || (long) (chunk.size() + 1) * f.size() > MAX_CELLS)) {
                place(forward(chunk), order, chunkStart, out);
                chunkStart = k;
                chunk.clear();
            }
            chunk.add(f);
        }
        if (!chunk.isEmpty()) {
            place(forward(chunk), order, chunkStart, out);
        }
        return out;
    }

    private static void place(float[][] scores, Integer[] order, int start, float[][] out) {
        for (int r = 0; r < scores.length; r++) {
            out[order[start + r]] = scores[r];
        }
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
