package dev.guildhall.core.automod;

import dev.guildhall.core.db.Database;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.function.ToDoubleFunction;

/**
 * What still waits for a stream verdict, so that a stalled verdict job (or a consumer switched off) shows instead of
 * leaving pending messages undecided in silence: {@code guildhall.automod.verdicts.waiting} (content versions in
 * {@code automod_pending_verdicts}) and {@code guildhall.automod.verdicts.oldest.waiting.seconds}. Read from
 * PostgreSQL when scraped (one small query per gauge); NaN while the database does not answer.
 */
final class WaitingVerdictsGauges {
    private WaitingVerdictsGauges() {
    }

    static void register(Database db, MeterRegistry registry) {
        gauge(registry, db, "guildhall.automod.verdicts.waiting",
                "Message contents stored automod_pending whose stream verdict has not been applied yet",
                PendingVerdicts.Waiting::versions);
        gauge(registry, db, "guildhall.automod.verdicts.oldest.waiting.seconds",
                "Age of the oldest content waiting for its stream verdict (0 when none waits)",
                PendingVerdicts.Waiting::oldestSeconds);
    }

    private static void gauge(MeterRegistry registry, Database db, String name, String description,
                              ToDoubleFunction<PendingVerdicts.Waiting> value) {
        Gauge.builder(name, db, d -> {
            try {
                return value.applyAsDouble(d.read(PendingVerdicts::summary));
            } catch (RuntimeException e) {
                return Double.NaN;
            }
        }).description(description).strongReference(true).register(registry);
    }
}
