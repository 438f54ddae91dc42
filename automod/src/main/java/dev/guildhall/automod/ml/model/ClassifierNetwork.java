package dev.guildhall.automod.ml.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import dev.guildhall.automod.ml.Labels;

/** The network: hashed-feature embedding bag → ReLU → linear layer with one logit per label. */
public final class ClassifierNetwork {
    private ClassifierNetwork() {
    }

    /** A new, uninitialised network for the given feature dimension and hidden width. */
    public static Block build(int dimension, int hidden) {
        return new SequentialBlock()
                .add(new HashedBag(dimension, hidden))
                .add(Activation::relu)
                .add(Linear.builder().setUnits(Labels.ALL.size()).build());
    }

    /** Allocates the parameters (random, from the engine's seed) for batches of indices and weights. */
    public static void initialize(Block block, NDManager manager) {
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 1), new Shape(1, 1));
    }
}
