package dev.guildhall.analytics.runtime;

import org.apache.flink.streaming.api.windowing.triggers.EventTimeTrigger;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.triggers.TriggerResult;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class CountTriggerTest {
    private final TimeWindow window = new TimeWindow(60_000, 120_000);

    @Test
    void everyCountFiresWithoutRegisteringTimers() throws Exception {
        EarlyFiringEventTimeTriggerTest.Timers ctx = new EarlyFiringEventTimeTriggerTest.Timers();
        Trigger<Object, TimeWindow> trigger = CountTrigger.after(Duration.ofSeconds(1));
        for (int i = 0; i < 3; i++) {
            assertThat(trigger.onElement("count", 61_000, window, ctx)).isEqualTo(TriggerResult.FIRE);
        }
        assertThat(ctx.eventTimers).isEmpty();
        assertThat(ctx.processingTimers).isEmpty();
    }

    @Test
    void timersOfTheEarlyFiringTriggerRestoredFromAnOlderCheckpointStillEmitTheirRow() throws Exception {
        EarlyFiringEventTimeTriggerTest.Timers ctx = new EarlyFiringEventTimeTriggerTest.Timers();
        Trigger<Object, TimeWindow> trigger = CountTrigger.after(Duration.ofSeconds(1));
        assertThat(trigger.onProcessingTime(5_000, window, ctx)).isEqualTo(TriggerResult.FIRE);
        assertThat(trigger.onEventTime(window.maxTimestamp(), window, ctx)).isEqualTo(TriggerResult.FIRE);
        assertThat(trigger.onEventTime(window.maxTimestamp() + 60_000, window, ctx))
                .as("the window operator's cleanup timer").isEqualTo(TriggerResult.CONTINUE);
    }

    @Test
    void noEarlyFiringGivesThePlainEventTimeTrigger() {
        assertThat(CountTrigger.after(Duration.ZERO)).isInstanceOf(EventTimeTrigger.class);
    }
}
