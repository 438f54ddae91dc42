package dev.guildhall.analytics.runtime;

import org.apache.flink.api.common.state.State;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.windowing.triggers.EventTimeTrigger;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.triggers.TriggerResult;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class EarlyFiringEventTimeTriggerTest {
    static final class Timers implements Trigger.TriggerContext {
        long processingTime;
        long watermark = Long.MIN_VALUE;
        final Set<Long> eventTimers = new TreeSet<>();
        final Set<Long> processingTimers = new TreeSet<>();

        @Override
        public long getCurrentProcessingTime() {
            return processingTime;
        }

        @Override
        public MetricGroup getMetricGroup() {
            return null;
        }

        @Override
        public long getCurrentWatermark() {
            return watermark;
        }

        @Override
        public void registerProcessingTimeTimer(long time) {
            processingTimers.add(time);
        }

        @Override
        public void registerEventTimeTimer(long time) {
            eventTimers.add(time);
        }

        @Override
        public void deleteProcessingTimeTimer(long time) {
            processingTimers.remove(time);
        }

        @Override
        public void deleteEventTimeTimer(long time) {
            eventTimers.remove(time);
        }

        @Override
        public <S extends State> S getPartitionedState(StateDescriptor<S, ?> stateDescriptor) {
            throw new UnsupportedOperationException();
        }
    }

    private final TimeWindow window = new TimeWindow(60_000, 120_000);
    private final Timers ctx = new Timers();
    private final Trigger<Object, TimeWindow> trigger = EarlyFiringEventTimeTrigger.every(Duration.ofSeconds(5));

    @Test
    void elementsRegisterTheWindowEndAndOneAlignedEarlyTimerPerInterval() throws Exception {
        ctx.processingTime = 1_000_001;
        assertThat(trigger.onElement("a", 61_000, window, ctx)).isEqualTo(TriggerResult.CONTINUE);
        ctx.processingTime = 1_003_000;
        assertThat(trigger.onElement("b", 62_000, window, ctx)).isEqualTo(TriggerResult.CONTINUE);
        assertThat(ctx.eventTimers).containsExactly(119_999L);
        assertThat(ctx.processingTimers).containsExactly(1_005_000L);
        ctx.processingTime = 1_006_000;
        trigger.onElement("c", 63_000, window, ctx);
        assertThat(ctx.processingTimers).containsExactly(1_005_000L, 1_010_000L);
    }

    @Test
    void earlyTimersFireWithoutPurgingAndTheWatermarkFiresTheFinalRow() throws Exception {
        assertThat(trigger.onProcessingTime(1_005_000, window, ctx)).isEqualTo(TriggerResult.FIRE);
        assertThat(trigger.onEventTime(119_999, window, ctx)).isEqualTo(TriggerResult.FIRE);
        assertThat(trigger.onEventTime(100_000, window, ctx)).isEqualTo(TriggerResult.CONTINUE);
    }

    @Test
    void aLateElementWithinTheAllowedLatenessFiresAtOnce() throws Exception {
        ctx.watermark = 125_000;
        assertThat(trigger.onElement("late", 70_000, window, ctx)).isEqualTo(TriggerResult.FIRE);
        assertThat(ctx.processingTimers).isEmpty();
    }

    @Test
    void clearRemovesTheEventTimer() throws Exception {
        trigger.onElement("a", 61_000, window, ctx);
        trigger.clear(window, ctx);
        assertThat(ctx.eventTimers).isEmpty();
    }

    @Test
    void aZeroIntervalIsThePlainEventTimeTrigger() {
        assertThat(EarlyFiringEventTimeTrigger.every(Duration.ZERO)).isInstanceOf(EventTimeTrigger.class);
    }
}
