package dev.guildhall.automod.ml.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json} of one model version: what the network looks like (needed to rebuild it before loading the
 * parameters), how it was trained (data hashes, seed, epochs) and how it scored on the held-out sets.
 *
 * @param version            the version directory's name
 * @param createdAt          ISO-8601 UTC
 * @param labels             score order
 * @param featureDimension   hashed feature buckets
 * @param minGram            shortest character n-gram
 * @param maxGram            longest character n-gram
 * @param hidden             hidden layer width
 * @param parametersSha256   SHA-256 of {@code parameters.djl}
 * @param seed               training seed
 * @param epochs             training epochs
 * @param trainingSeconds    wall time of training
 * @param trainingData       one entry per data source
 * @param thresholds         operating threshold per label (used for precision/recall in reports)
 * @param metrics            held-out metrics, e.g. {@code heldout.spam.roc_auc}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelManifest(String version, String createdAt, List<String> labels, int featureDimension, int minGram,
                            int maxGram, int hidden, String parametersSha256, long seed, int epochs,
                            double trainingSeconds, List<DataSource> trainingData, Map<String, Double> thresholds,
                            Map<String, Double> metrics) {

    public static final String FILE = "manifest.json";
    public static final String PARAMETERS_FILE = "parameters.djl";

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /**
     * One training data source.
     *
     * @param name     e.g. {@code spam-assassin (train split)}
     * @param sha256   SHA-256 over the examples (label, tab, text, newline), in training order
     * @param examples number of examples
     */
    public record DataSource(String name, String sha256, int examples) {
    }

    public ModelManifest withMetrics(Map<String, Double> newMetrics) {
        return new ModelManifest(version, createdAt, labels, featureDimension, minGram, maxGram, hidden,
                parametersSha256, seed, epochs, trainingSeconds, trainingData, thresholds, newMetrics);
    }

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ModelManifest fromJson(byte[] json) throws IOException {
        return JSON.readValue(json, ModelManifest.class);
    }
}
