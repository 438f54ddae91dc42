package dev.guildhall.core.automod;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * AutoMod's model and stream-verdict settings.
 *
 * <p>Properties (each also settable as {@code GUILDHALL_AUTOMOD_...}): {@code automod.model.enabled} (false: no
 * model is loaded; messages of guilds with model rules are stored {@code automod_pending} for the stream verdict),
 * {@code automod.model.dir} (a model directory written by {@code ./guildhall automod train}; empty = the model
 * bundled with the automod library), {@code automod.model.budget.ms} (decimal milliseconds, counted from the start
 * of the inline decision, that the sending request waits for the model, default {@code 1.6} so that the decision
 * with the rule evaluation after it stays within 2 ms, e.g. {@code 2} or {@code 0.5}; {@code 0} scores nothing inline: every message a model rule
 * applies to waits for the stream verdict), {@code automod.model.threads} (threads
 * scoring inline), {@code automod.model.queue} (messages waiting for a scoring thread; beyond it a message is not
 * scored inline), {@code automod.verdicts.enabled} (consume stream verdicts of pending messages),
 * {@code automod.verdicts.group} (the Kafka consumer group of those verdicts).
 *
 * @param modelDir null for the bundled model
 */
public record AutoModConfig(boolean modelEnabled, Path modelDir, Duration budget, int modelThreads, int modelQueue,
                            boolean verdictsEnabled, String verdictsGroup) {

    /** Defaults as property key → value (the config loader merges them into its defaults). */
    public static final Map<String, String> DEFAULTS = Map.of(
            "automod.model.enabled", "true",
            "automod.model.dir", "",
            "automod.model.budget.ms", "1.6",
            "automod.model.threads", "1",
            "automod.model.queue", "64",
            "automod.verdicts.enabled", "true",
            "automod.verdicts.group", "core-server-automod-verdicts");

    public AutoModConfig {
        if (budget == null || budget.isNegative()) {
            throw invalid("automod.model.budget.ms must be >= 0");
        }
        if (modelThreads < 1) {
            throw invalid("automod.model.threads must be >= 1");
        }
        if (modelQueue < 1) {
            throw invalid("automod.model.queue must be >= 1");
        }
        if (verdictsGroup == null || verdictsGroup.isBlank()) {
            throw invalid("automod.verdicts.group is required");
        }
    }

    /** Reads the settings from the merged properties (defaults included). */
    public static AutoModConfig from(Map<String, String> v) {
        String dir = v.getOrDefault("automod.model.dir", "").trim();
        return new AutoModConfig(bool(v, "automod.model.enabled"), dir.isEmpty() ? null : Path.of(dir),
                millis(v, "automod.model.budget.ms"), integer(v, "automod.model.threads"),
                integer(v, "automod.model.queue"), bool(v, "automod.verdicts.enabled"),
                v.get("automod.verdicts.group"));
    }

    private static boolean bool(Map<String, String> v, String key) {
        String s = v.get(key).trim();
        if (!s.equals("true") && !s.equals("false")) {
            throw invalid(key + " must be true or false, got '" + s + "'");
        }
        return Boolean.parseBoolean(s);
    }

    private static int integer(Map<String, String> v, String key) {
        try {
            return Integer.parseInt(v.get(key).trim());
        } catch (NumberFormatException e) {
            throw invalid(key + " must be an integer, got '" + v.get(key) + "'");
        }
    }

    private static Duration millis(Map<String, String> v, String key) {
        try {
            return Duration.ofNanos(new BigDecimal(v.get(key).trim()).movePointRight(6).longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            throw invalid(key + " must be a number of milliseconds (at most 6 decimals), got '" + v.get(key) + "'");
        }
    }

    private static IllegalArgumentException invalid(String message) {
        return new IllegalArgumentException("invalid core-server configuration: " + message);
    }
}
