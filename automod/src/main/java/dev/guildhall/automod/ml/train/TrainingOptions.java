package dev.guildhall.automod.ml.train;

/**
 * Hyper-parameters of one training run (recorded in the model's manifest).
 *
 * @param featureDimension hashed feature buckets (power of two)
 * @param minGram          shortest character n-gram
 * @param maxGram          longest character n-gram
 * @param hidden           hidden layer width
 * @param epochs           passes over the (class-balanced) training set
 * @param batchSize        examples per optimiser step
 * @param learningRate     Adam's learning rate
 * @param seed             seed of the engine (initial weights) and of every shuffle
 */
public record TrainingOptions(int featureDimension, int minGram, int maxGram, int hidden, int epochs, int batchSize,
                              float learningRate, long seed) {
    public static final long DEFAULT_SEED = 20261128L;

    public static TrainingOptions defaults() {
        return new TrainingOptions(1 << 15, 3, 5, 16, 4, 64, 0.005f, DEFAULT_SEED);
    }

    public TrainingOptions withEpochs(int e) {
        return new TrainingOptions(featureDimension, minGram, maxGram, hidden, e, batchSize, learningRate, seed);
    }

    public TrainingOptions withSeed(long s) {
        return new TrainingOptions(featureDimension, minGram, maxGram, hidden, epochs, batchSize, learningRate, s);
    }
}
