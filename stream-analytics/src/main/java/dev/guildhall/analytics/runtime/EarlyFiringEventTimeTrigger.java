package dev.guildhall.analytics.runtime;

import org.apache.flink.streaming.api.windowing.triggers.EventTimeTrigger;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.triggers.TriggerResult;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

import java.time.Duration;

/**
 * Event-time trigger with early results: the window fires (without purging) at most once per {@code interval} of
 * processing time while it receives elements, then finally when the watermark passes its end, and again for each
 * late element within the allowed lateness. Every firing emits a complete-so-far row with a newer version, so the
 * ReplacingMergeTree tables always hold the latest count: the console sees the current minute within seconds
 * instead of after the minute closed.
 */
public final class EarlyFiringEventTimeTrigger extends Trigger<Object, TimeWindow> {
    private final long intervalMs;

    private EarlyFiringEventTimeTrigger(long intervalMs) {
        this.intervalMs = intervalMs;
    }

    /** Early firing every {@code interval}; a zero interval gives Flink's plain {@link EventTimeTrigger}. */
    public static Trigger<Object, TimeWindow> every(Duration interval) {
        return interval.isZero() || interval.isNegative() ? EventTimeTrigger.create()
                : new EarlyFiringEventTimeTrigger(interval.toMillis());
    }

    @Override
    public TriggerResult onElement(Object element, long timestamp, TimeWindow window, TriggerContext ctx) {
        if (window.maxTimestamp() <= ctx.getCurrentWatermark()) {
            return TriggerResult.FIRE;   // late, within the allowed lateness: update the row now
        }
        ctx.registerEventTimeTimer(window.maxTimestamp());
        // aligned to the interval, so all elements of one interval share one timer (Flink de-duplicates timers)
        long now = ctx.getCurrentProcessingTime();
        ctx.registerProcessingTimeTimer(now - now % intervalMs + intervalMs);
        return TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onProcessingTime(long time, TimeWindow window, TriggerContext ctx) {
        return TriggerResult.FIRE;
    }

    @Override
    public TriggerResult onEventTime(long time, TimeWindow window, TriggerContext ctx) {
        return time == window.maxTimestamp() ? TriggerResult.FIRE : TriggerResult.CONTINUE;
    }

    @Override
    public void clear(TimeWindow window, TriggerContext ctx) {
        ctx.deleteEventTimeTimer(window.maxTimestamp());
        // a pending early-firing timer of a purged window finds no contents and emits nothing
    }

    @Override
    public String toString() {
        return "EarlyFiringEventTimeTrigger(" + intervalMs + " ms)";
    }
}
