package dev.guildhall.automod.ml.train;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.guildhall.automod.ml.Labels;
import dev.guildhall.automod.ml.data.LabelledText;
import dev.guildhall.automod.ml.features.FeatureHasher;
import dev.guildhall.automod.ml.features.HashedFeatures;
import dev.guildhall.automod.ml.model.ClassifierNetwork;
import dev.guildhall.automod.ml.model.DjlRuntime;
import dev.guildhall.automod.ml.model.FeatureBatch;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Trains the classifier network with DJL's {@link Trainer} on the PyTorch engine: features hashed once, then
 * {@code epochs} passes of Adam over a class-balanced sample (every label drawn as often as the largest one, so the
 * small synthetic sets weigh as much as SpamAssassin's ham), softmax cross-entropy loss. With the same examples and
 * options the result is the same bit for bit (seeded engine, seeded shuffles, one native thread).
 */
public final class ModelTraining {
    private static final int PROGRESS_BATCHES = 250;
    private ModelTraining() {
    }

    /** The trained parameters (DJL's block format) and the mean loss of each epoch. */
    public record Result(byte[] parameters, List<Double> epochLosses, double seconds) {
    }

    public static Result train(List<LabelledText> examples, TrainingOptions o, Consumer<String> progress) {
        long started = System.nanoTime();
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no training examples");
        }
        FeatureHasher hasher = new FeatureHasher(o.featureDimension(), o.minGram(), o.maxGram());
        List<HashedFeatures> features = new ArrayList<>(examples.size());
        List<List<Integer>> byLabel = new ArrayList<>();
        for (int l = 0; l < Labels.ALL.size(); l++) {
            byLabel.add(new ArrayList<>());
        }
        for (int i = 0; i < examples.size(); i++) {
            features.add(hasher.extract(examples.get(i).text()));
            byLabel.get(examples.get(i).labelIndex()).add(i);
            if ((i + 1) % 5000 == 0) {
                progress.accept("features: " + (i + 1) + "/" + examples.size());
            }
        }
        int perLabel = byLabel.stream().mapToInt(List::size).max().orElseThrow();
        Random random = new Random(o.seed());
        Engine engine = DjlRuntime.engine();
        engine.setRandomSeed((int) o.seed());
        List<Double> losses = new ArrayList<>();
        try (Model model = Model.newInstance("automod", engine.getEngineName())) {
            model.setBlock(ClassifierNetwork.build(o.featureDimension(), o.hidden()));
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optInitializer(new NormalInitializer(0.1f), Parameter.Type.WEIGHT)
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(o.learningRate())).build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, 1), new Shape(1, 1));
                for (int epoch = 1; epoch <= o.epochs(); epoch++) {
                    List<Integer> order = balancedOrder(byLabel, perLabel, random);
                    double lossSum = 0;
                    int batches = 0;
                    int total = (order.size() + o.batchSize() - 1) / o.batchSize();
                    for (int from = 0; from < order.size(); from += o.batchSize()) {
                        List<Integer> ids = order.subList(from, Math.min(order.size(), from + o.batchSize()));
                        lossSum += step(trainer, ids, features, examples);
                        batches++;
                        if (batches % PROGRESS_BATCHES == 0) {
                            progress.accept(String.format("epoch %d/%d: batch %d/%d, mean loss %.4f", epoch,
                                    o.epochs(), batches, total, lossSum / batches));
                        }
                    }
                    losses.add(lossSum / batches);
                    progress.accept(String.format("epoch %d/%d: %d examples, mean loss %.4f", epoch, o.epochs(),
                            order.size(), lossSum / batches));
                }
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            model.getBlock().saveParameters(new DataOutputStream(bytes));
            return new Result(bytes.toByteArray(), losses, (System.nanoTime() - started) / 1e9);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double step(Trainer trainer, List<Integer> ids, List<HashedFeatures> features,
                               List<LabelledText> examples) {
        List<HashedFeatures> batch = new ArrayList<>(ids.size());
        long[] labels = new long[ids.size()];
        for (int k = 0; k < ids.size(); k++) {
            batch.add(features.get(ids.get(k)));
            labels[k] = examples.get(ids.get(k)).labelIndex();
        }
        try (NDManager m = trainer.getManager().newSubManager()) {
            NDList input = FeatureBatch.of(batch).toNDList(m);
            NDArray y = m.create(labels);
            double lossValue;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList predictions = trainer.forward(input);
                NDArray loss = trainer.getLoss().evaluate(new NDList(y), predictions);
                collector.backward(loss);
                lossValue = loss.getFloat();
            }
            trainer.step();
            return lossValue;
        }
    }

    /** Every label's examples, each label drawn {@code perLabel} times (all once, the rest at random), shuffled. */
    static List<Integer> balancedOrder(List<List<Integer>> byLabel, int perLabel, Random random) {
        List<Integer> order = new ArrayList<>();
        for (List<Integer> ids : byLabel) {
            if (ids.isEmpty()) {
                continue;
            }
            List<Integer> shuffled = new ArrayList<>(ids);
            Collections.shuffle(shuffled, random);
            for (int k = 0; k < perLabel; k++) {
                order.add(k < shuffled.size() ? shuffled.get(k) : shuffled.get(random.nextInt(shuffled.size())));
            }
        }
        Collections.shuffle(order, random);
        return order;
    }
}
