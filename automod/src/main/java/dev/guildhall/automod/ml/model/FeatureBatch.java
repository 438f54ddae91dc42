package dev.guildhall.automod.ml.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.guildhall.automod.ml.features.HashedFeatures;
import java.util.List;

/** Messages' sparse features padded to one {@code [batch, longest]} pair of index and weight arrays. */
public record FeatureBatch(long[] indices, float[] weights, int rows, int width) {

    public static FeatureBatch of(List<HashedFeatures> batch) {
        int width = 1;
        for (HashedFeatures f : batch) {
            width = Math.max(width, f.size());
        }
        int rows = batch.size();
        long[] indices = new long[rows * width];
        float[] weights = new float[rows * width];
        for (int r = 0; r < rows; r++) {
            HashedFeatures f = batch.get(r);
            int base = r * width;
            for (int k = 0; k < f.size(); k++) {
                indices[base + k] = f.index(k);
                weights[base + k] = f.value(k);
            }
        }
        return new FeatureBatch(indices, weights, rows, width);
    }

    /** The network's input, allocated in {@code manager}. */
    public NDList toNDList(NDManager manager) {
        Shape shape = new Shape(rows, width);
        return new NDList(manager.create(indices, shape), manager.create(weights, shape));
    }
}
