package dev.guildhall.analytics.automod;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;

/**
 * Settings of the automod-verdicts job, from the environment (the job graph carries them to the operators).
 *
 * @param modelDir      {@code GUILDHALL_AUTOMOD_MODEL_DIR}: a model directory written by
 *                      {@code ./guildhall automod train}; empty = the model bundled with the automod library
 * @param batchSize     {@code GUILDHALL_AUTOMOD_STREAM_BATCH_SIZE} (64): messages scored per model call
 * @param maxWait       {@code GUILDHALL_AUTOMOD_STREAM_MAX_WAIT_MS} (200): a partial batch is scored after this long
 * @param flagThreshold {@code GUILDHALL_AUTOMOD_STREAM_FLAG_THRESHOLD} (0.5): the score from which the top
 *                      non-safe label makes the verdict's decision "flag"
 */
public record VerdictJobSettings(String modelDir, int batchSize, Duration maxWait, double flagThreshold)
        implements Serializable {
    public VerdictJobSettings {
        modelDir = modelDir == null || modelDir.isBlank() ? null : modelDir.trim();
        if (batchSize < 1) {
            throw invalid("GUILDHALL_AUTOMOD_STREAM_BATCH_SIZE must be >= 1 but was " + batchSize);
        }
        if (maxWait == null || maxWait.isNegative() || maxWait.isZero()) {
            throw invalid("GUILDHALL_AUTOMOD_STREAM_MAX_WAIT_MS must be > 0");
        }
        if (!(flagThreshold >= 0 && flagThreshold <= 1)) {
            throw invalid("GUILDHALL_AUTOMOD_STREAM_FLAG_THRESHOLD must be in [0, 1] but was " + flagThreshold);
        }
    }

    public static VerdictJobSettings from(Map<String, String> env) {
        try {
            return new VerdictJobSettings(env.get("GUILDHALL_AUTOMOD_MODEL_DIR"),
                    Integer.parseInt(env.getOrDefault("GUILDHALL_AUTOMOD_STREAM_BATCH_SIZE", "64").trim()),
                    Duration.ofMillis(Long.parseLong(env.getOrDefault("GUILDHALL_AUTOMOD_STREAM_MAX_WAIT_MS", "200")
                            .trim())),
                    Double.parseDouble(env.getOrDefault("GUILDHALL_AUTOMOD_STREAM_FLAG_THRESHOLD", "0.5").trim()));
        } catch (NumberFormatException e) {
            throw invalid("a GUILDHALL_AUTOMOD_STREAM_* setting is not a number: " + e.getMessage());
        }
    }

    private static IllegalArgumentException invalid(String message) {
        return new IllegalArgumentException("invalid stream-analytics configuration: " + message);
    }
}
