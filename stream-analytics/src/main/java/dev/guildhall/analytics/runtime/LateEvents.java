package dev.guildhall.analytics.runtime;

import dev.guildhall.analytics.config.AnalyticsConfig;
import dev.guildhall.analytics.ingest.JobEvent;
import dev.guildhall.analytics.sink.ClickHouseSink;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Events later than the allowed lateness: counted in metric {@code guildhall.lateEvents} and kept raw in ClickHouse
 * table {@code late_events}, so nothing is dropped silently.
 */
public final class LateEvents<T extends JobEvent> extends ProcessFunction<T, LateEvent> {
    private final String job;
    private final SerializableFunction<T, String> type;
    private final SerializableFunction<T, Long> guild;
    private transient Counter late;

    LateEvents(String job, SerializableFunction<T, String> type, SerializableFunction<T, Long> guild) {
        this.job = job;
        this.type = type;
        this.guild = guild;
    }

    @Override
    public void open(OpenContext openContext) {
        late = getRuntimeContext().getMetricGroup().addGroup("guildhall").counter("lateEvents");
    }

    @Override
    public void processElement(T value, Context ctx, Collector<LateEvent> out) {
        late.inc();
        out.collect(describe(value, System.currentTimeMillis(), ctx.timerService().currentWatermark()));
    }

    /** The pure part: the late event as a {@code late_events} row. */
    LateEvent describe(T event, long arrivedMs, long watermarkMs) {
        return new LateEvent(job, event.eventId(), type.apply(event), guild.apply(event), event.occurredAt(), arrivedMs,
                watermarkMs);
    }

    /**
     * Counts and keeps the late side output of one pipeline.
     *
     * @param job   pipeline name (also the operator uid prefix)
     * @param type  the envelope type of an event
     * @param guild the guild id of an event (0 when none)
     */
    public static <T extends JobEvent> void keep(DataStream<T> late, String job, AnalyticsConfig config,
                                                 SerializableFunction<T, String> type,
                                                 SerializableFunction<T, Long> guild) {
        late.process(new LateEvents<>(job, type, guild), TypeInformation.of(LateEvent.class))
                .name(job + "-late-events").uid(job + "-late-events")
                .sinkTo(new ClickHouseSink<>(config, new LateEventsTable()))
                .name(job + "-clickhouse-late_events").uid(job + "-late-clickhouse");
    }
}
