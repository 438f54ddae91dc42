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

class CombinedWindowTriggerTest {
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

    @Test
    void everyCountFiresWithoutRegisteringTimers() throws Exception {
        Timers ctx = new Timers();
        Trigger<Object, TimeWindow> trigger = CombinedWindowTrigger.after(Duration.ofSeconds(1));
        for (int i = 0; i < 3; i++) {
            assertThat(trigger.onElement("count", 61_000, window, ctx)).isEqualTo(TriggerResult.FIRE);
        }
        assertThat(ctx.eventTimers).isEmpty();
        assertThat(ctx.processingTimers).isEmpty();
    }

    @Test
    void timersOfTheEarlyFiringTriggerRestoredFromAnOlderCheckpointStillEmitTheirRow() throws Exception {
        Timers ctx = new Timers();
        Trigger<Object, TimeWindow> trigger = CombinedWindowTrigger.after(Duration.ofSeconds(1));
        assertThat(trigger.onProcessingTime(5_000, window, ctx)).isEqualTo(TriggerResult.FIRE);
        assertThat(trigger.onEventTime(window.maxTimestamp(), window, ctx)).isEqualTo(TriggerResult.FIRE);
        assertThat(trigger.onEventTime(window.maxTimestamp() + 60_000, window, ctx))
                .as("the window operator's cleanup timer").isEqualTo(TriggerResult.CONTINUE);
    }

    @Test
    void noEarlyFiringGivesThePlainEventTimeTrigger() {
        assertThat(CombinedWindowTrigger.after(Duration.ZERO)).isInstanceOf(EventTimeTrigger.class);
    }
}
