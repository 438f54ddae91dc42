package dev.guildhall.analytics.ingest;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Duration;

/**
 * Drops an event whose event_id was already seen within the horizon (keyed by event_id; the "seen" flag expires
 * after the horizon of processing time). Producers deliver at least once (the core-server outbox relay may resend
 * after a crash), so without this a resent message would be counted twice. Drops are counted in metric
 * {@code guildhall.duplicateEvents}. The flag is checkpointed, so a replay after a restore is not mistaken for a
 * duplicate of itself: the restored state predates the replayed records.
 */
public final class Deduplicate<T extends JobEvent> extends KeyedProcessFunction<String, T, T> {
    private final Duration horizon;
    private transient ValueState<Boolean> seen;
    private transient Counter duplicates;

    public Deduplicate(Duration horizon) {
        this.horizon = horizon;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<Boolean> descriptor = new ValueStateDescriptor<>("seen", Types.BOOLEAN);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(horizon)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .cleanupIncrementally(10, false)
                .build());
        seen = getRuntimeContext().getState(descriptor);
        duplicates = getRuntimeContext().getMetricGroup().addGroup("guildhall").counter("duplicateEvents");
    }

    @Override
    public void processElement(T event, Context ctx, Collector<T> out) throws Exception {
        if (seen.value() != null) {
            duplicates.inc();
            return;
        }
        seen.update(Boolean.TRUE);
        out.collect(event);
    }
}
