package dev.guildhall.automod.ml.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * The first layer over hashed features, as an embedding bag: input {@code (indices [B, L] int64, weights [B, L])},
 * output {@code sum_l weights[b,l] * table[indices[b,l]] + bias}, shape {@code [B, units]}. The same as a dense
 * linear layer over the {@code dimension}-wide feature vector, but its cost grows with the features a message has,
 * not with {@code dimension}. Padding positions carry weight 0.
 */
final class HashedBag extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int units;
    private final Parameter table;
    private final Parameter bias;

    HashedBag(int dimension, int units) {
        super(VERSION);
        this.units = units;
        this.table = addParameter(Parameter.builder()
                .setName("table")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(dimension, units))
                .optInitializer(new NormalInitializer(0.1f))
                .build());
        this.bias = addParameter(Parameter.builder()
                .setName("bias")
                .setType(Parameter.Type.BIAS)
                .optShape(new Shape(units))
                .build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray indices = inputs.get(0);
        NDArray weights = inputs.get(1);
        NDArray t = store.getValue(table, indices.getDevice(), training);
        NDArray b = store.getValue(bias, indices.getDevice(), training);
        NDArray rows = Embedding.embedding(indices, t, SparseFormat.DENSE).singletonOrThrow();
        return new NDList(rows.mul(weights.expandDims(2)).sum(new int[] {1}).add(b));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), units)};
    }

    @Override
    public DataType[] getOutputDataTypes() {
        return new DataType[] {DataType.FLOAT32};
    }
}
