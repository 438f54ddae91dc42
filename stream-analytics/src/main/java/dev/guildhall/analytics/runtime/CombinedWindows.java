package dev.guildhall.analytics.runtime;

import dev.guildhall.analytics.config.AnalyticsConfig;
import dev.guildhall.analytics.ingest.JobEvent;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.OutputTag;

import java.time.Duration;

/**
 * Tumbling event-time windows with early results, built as a {@link WindowCombiner} chained before the shuffle and a
 * window that fires once per combined partial ({@link CombinedWindowTrigger}), with the allowed lateness of the
 * configuration. The window operator keeps the key type, accumulator type and uid of the plain windowed pipeline it
 * replaces, so a checkpoint of that pipeline restores into it.
 */
public final class CombinedWindows {
    /** Keys a combiner holds at most before it flushes. */
    static final int COMBINER_MAX_KEYS = 100_000;

    private CombinedWindows() {
    }

    /**
     * Events counted per key (a, b) of two longs and window; {@code sum} adds the counts of a window, {@code rows}
     * turns the total into the row of key (a, b).
     */
    public static <E extends JobEvent, R> WindowedRows<R, E> counts(
            DataStream<E> events, AnalyticsConfig config, Duration window, CountCombiner.LongField<E> a,
            CountCombiner.LongField<E> b, AggregateFunction<KeyedCount, Long, Long> sum,
            ProcessWindowFunction<Long, R, Tuple2<Long, Long>, TimeWindow> rows, TypeInformation<R> rowType,
            OutputTag<E> late, String name, String uid) {
        SingleOutputStreamOperator<KeyedCount> partials = events
                .transform(name + "-combiner", TypeInformation.of(KeyedCount.class),
                        new CountCombiner<>(a, b, window.toMillis(), config.allowedLateness().toMillis(),
                                config.earlyFireInterval().toMillis(), COMBINER_MAX_KEYS, late))
                .uid(uid + "-combiner");
        SingleOutputStreamOperator<R> windowed = partials
                .keyBy(new CountKey(), Types.TUPLE(Types.LONG, Types.LONG))
                .window(TumblingEventTimeWindows.of(window))
                .trigger(CombinedWindowTrigger.after(config.earlyFireInterval()))
                .allowedLateness(config.allowedLateness())
                .aggregate(sum, rows, Types.LONG, Types.LONG, rowType)
                .name(name)
                .uid(uid);
        return new WindowedRows<>(windowed, partials.getSideOutput(late));
    }

    /**
     * Events aggregated per key and window by {@code aggregate}: added into accumulators before the shuffle, merged
     * by the window ({@link MergingAggregate}), whose result {@code rows} turns into the row.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <E extends JobEvent, K, A, M, R> WindowedRows<R, E> aggregated(
            DataStream<E> events, AnalyticsConfig config, Duration window, KeySelector<E, K> key,
            TypeInformation<K> keyType, AggregateFunction<E, A, M> aggregate, TypeInformation<A> accumulatorType,
            TypeInformation<M> resultType, ProcessWindowFunction<M, R, K, TimeWindow> rows, TypeInformation<R> rowType,
            OutputTag<E> late, String name, String uid) {
        TypeInformation<Tuple3<K, Long, A>> partialType = (TypeInformation) Types.TUPLE(keyType, Types.LONG,
                accumulatorType);
        SingleOutputStreamOperator<Tuple3<K, Long, A>> partials = events
                .transform(name + "-combiner", partialType,
                        new AccumulatorCombiner<>(key, aggregate, window.toMillis(),
                                config.allowedLateness().toMillis(), config.earlyFireInterval().toMillis(),
                                COMBINER_MAX_KEYS, late))
                .uid(uid + "-combiner");
        SingleOutputStreamOperator<R> windowed = partials
                .keyBy((KeySelector<Tuple3<K, Long, A>, K>) p -> p.f0, keyType)
                .window(TumblingEventTimeWindows.of(window))
                .trigger(CombinedWindowTrigger.after(config.earlyFireInterval()))
                .allowedLateness(config.allowedLateness())
                .aggregate(new MergingAggregate<>(aggregate), rows, accumulatorType, resultType, rowType)
                .name(name)
                .uid(uid);
        return new WindowedRows<>(windowed, partials.getSideOutput(late));
    }

    /** Key of a combined count: (a, b). */
    static final class CountKey implements KeySelector<KeyedCount, Tuple2<Long, Long>> {
        @Override
        public Tuple2<Long, Long> getKey(KeyedCount c) {
            return Tuple2.of(c.a(), c.b());
        }
    }
}
