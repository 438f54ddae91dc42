package dev.guildhall.analytics.runtime;

import java.util.List;
import java.util.Locale;

/**
 * Recognises a job failure caused by its checkpoint rather than by the outside world (Kafka or ClickHouse down):
 * an unreadable {@code _metadata}, state that no longer fits the operators (a changed state type), a missing
 * checkpoint file.
 */
public final class RestoreFailures {
    private static final List<String> MARKERS = List.of(
            "rollback to checkpoint/savepoint",
            "failed to rollback",
            "statemigrationexception",
            "streamoperatorstatecontext",
            "could not restore",
            "cannot restore",
            "failed to restore",
            "magic number",
            "savepoint",
            "_metadata",
            "incompatible");

    private RestoreFailures() {
    }

    public static boolean isRestoreFailure(String failureText) {
        if (failureText == null) {
            return false;
        }
        String text = failureText.toLowerCase(Locale.ROOT);
        return MARKERS.stream().anyMatch(text::contains);
    }
}
