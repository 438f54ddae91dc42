package dev.guildhall.automod.ml.features;

import java.util.Arrays;

/**
 * The sparse features of one message: bucket indices (1..dimension-1; 0 is the padding bucket) with their weights.
 * A bucket may repeat (the model sums them).
 */
public final class HashedFeatures {
    private int[] indices;
    private float[] values;
    private int size;

    HashedFeatures(int capacity) {
        indices = new int[Math.max(8, capacity)];
        values = new float[indices.length];
    }

    void add(int index, float value) {
        if (size == indices.length) {
            indices = Arrays.copyOf(indices, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        indices[size] = index;
        values[size] = value;
        size++;
    }

    void scale(float factor) {
        for (int i = 0; i < size; i++) {
            values[i] *= factor;
        }
    }

    public int size() {
        return size;
    }

    public int index(int i) {
        return indices[i];
    }

    public float value(int i) {
        return values[i];
    }
}
