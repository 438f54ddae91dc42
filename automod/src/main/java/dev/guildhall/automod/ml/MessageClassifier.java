package dev.guildhall.automod.ml;

import java.util.List;

/**
 * A text classifier that scores a chat message for each of {@link #labels()}: {@code safe}, {@code spam},
 * {@code toxic}, {@code harassment}. Scores are probabilities in [0, 1] that sum to 1 over the labels (one softmax),
 * in the order of {@link #labels()}.
 *
 * <p><b>Thread safety:</b> implementations are safe for concurrent use by any number of threads once constructed;
 * {@link #score} and {@link #scoreBatch} may be called at the same time from several threads (each call works on
 * its own native memory, the model's parameters are only read). {@link #close} must not race with scoring: close
 * the classifier once no thread uses it any more.
 *
 * <p>Latency: {@link #score} is meant for the inline path (one message before it is stored); {@link #scoreBatch}
 * amortises the native call over many messages (the stream job). Both give the same scores for the same text.
 */
public interface MessageClassifier extends AutoCloseable {

    /** The labels, in score order: {@code ["safe", "spam", "toxic", "harassment"]} ({@link Labels#ALL}). */
    List<String> labels();

    /** The model version (the name of its directory under the models directory, e.g. {@code 20261128T091500Z}). */
    String version();

    /** The scores of one message, indexed like {@link #labels()}. A null text is rejected, an empty one allowed. */
    float[] score(String text);

    /** The scores of many messages: one row per text, in input order, each row indexed like {@link #labels()}. */
    float[][] scoreBatch(List<String> texts);

    /** Releases the model's native memory. */
    @Override
    void close();
}
