package dev.guildhall.analytics.runtime;

import org.apache.flink.streaming.api.windowing.triggers.EventTimeTrigger;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.triggers.TriggerResult;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

import java.time.Duration;

/**
 * Trigger of a window fed by a {@link WindowCombiner}: each partial result fires the window (without purging), so the
 * row is updated at most once per combiner flush (the early-firing interval) and only for keys that changed since
 * their last firing; the partials of a window the watermark reaches are flushed before that watermark, so the row
 * after the last partial is the final one. No timers of its own: only the window operator's cleanup timer per key
 * and window.
 */
public final class CombinedWindowTrigger extends Trigger<Object, TimeWindow> {
    private CombinedWindowTrigger() {
    }

    /**
     * For a window behind a combiner that flushes every {@code earlyFireInterval}; a zero interval (rows only when a
     * window closes) gives Flink's plain {@link EventTimeTrigger}.
     */
    public static Trigger<Object, TimeWindow> after(Duration earlyFireInterval) {
        return earlyFireInterval.isZero() || earlyFireInterval.isNegative() ? EventTimeTrigger.create()
                : new CombinedWindowTrigger();
    }

    @Override
    public TriggerResult onElement(Object element, long timestamp, TimeWindow window, TriggerContext ctx) {
        return TriggerResult.FIRE;
    }

    /** Only an early-firing timer of the timer-based trigger of earlier versions, restored from their checkpoint. */
    @Override
    public TriggerResult onProcessingTime(long time, TimeWindow window, TriggerContext ctx) {
        return TriggerResult.FIRE;
    }

    /** The window-end timer of earlier versions, restored from their checkpoint, fires; the cleanup timer does not. */
    @Override
    public TriggerResult onEventTime(long time, TimeWindow window, TriggerContext ctx) {
        return time == window.maxTimestamp() ? TriggerResult.FIRE : TriggerResult.CONTINUE;
    }

    @Override
    public void clear(TimeWindow window, TriggerContext ctx) {
        ctx.deleteEventTimeTimer(window.maxTimestamp());   // a restored end timer, if any
    }

    @Override
    public String toString() {
        return "CombinedWindowTrigger";
    }
}
