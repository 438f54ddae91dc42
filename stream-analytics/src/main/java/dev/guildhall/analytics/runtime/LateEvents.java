package dev.guildhall.analytics.runtime;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

/** Events later than the allowed lateness: counted in metric {@code guildhall.lateEvents}, then dropped. */
public final class LateEvents<T> extends ProcessFunction<T, Void> {
    private transient Counter late;

    @Override
    public void open(OpenContext openContext) {
        late = getRuntimeContext().getMetricGroup().addGroup("guildhall").counter("lateEvents");
    }

    @Override
    public void processElement(T value, Context ctx, Collector<Void> out) {
        late.inc();
    }

    public static <T> void count(DataStream<T> late, String job) {
        late.process(new LateEvents<T>()).name(job + "-late-events").uid(job + "-late-events")
                .sinkTo(new DiscardingSink<>()).name(job + "-late-discard").uid(job + "-late-discard");
    }
}
