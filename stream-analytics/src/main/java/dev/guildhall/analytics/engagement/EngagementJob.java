package dev.guildhall.analytics.engagement;

import dev.guildhall.analytics.config.AnalyticsConfig;
import dev.guildhall.analytics.ingest.DecodedRecord;
import dev.guildhall.analytics.ingest.EventSources;
import dev.guildhall.analytics.runtime.AnalyticsJob;
import dev.guildhall.analytics.runtime.CountCombiner;
import dev.guildhall.analytics.runtime.CountTrigger;
import dev.guildhall.analytics.runtime.KeyedCount;
import dev.guildhall.analytics.runtime.LateEvents;
import dev.guildhall.analytics.runtime.WindowedRows;
import dev.guildhall.analytics.sink.ClickHouseSink;
import dev.guildhall.events.EventType;
import dev.guildhall.events.Topics;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.OutputTag;

import java.time.Duration;

/**
 * Job "engagement": {@code message.created} from {@code guildhall.messages} → messages per (guild, channel) and
 * event-time minute → {@code message_counts_1m}, and messages per (guild, non-bot author) and UTC day →
 * {@code user_activity_1d} (which feeds the daily / weekly active-user states).
 */
public final class EngagementJob implements AnalyticsJob {
    public static final String NAME = "engagement";
    public static final OutputTag<MessageEvent> LATE = new OutputTag<>("late-messages") {
    };
    public static final OutputTag<MessageEvent> LATE_ACTIVITY = new OutputTag<>("late-activity") {
    };
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration DAY = Duration.ofDays(1);
    /** Keys a combiner holds at most before it flushes (~6 MiB of tables). */
    private static final int COMBINER_MAX_KEYS = 100_000;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void build(StreamExecutionEnvironment env, AnalyticsConfig config) {
        DataStream<MessageEvent> messages = EventSources.events(env, config, NAME, Topics.MESSAGES,
                new MessageEventExtractor(), new TypeHint<DecodedRecord<MessageEvent>>() {
                }.getTypeInfo(), TypeInformation.of(MessageEvent.class));

        WindowedRows<MessageCountRow, MessageEvent> counts = messageCounts(messages, config);
        LateEvents.keep(counts.late(), NAME, config, e -> EventType.MESSAGE_CREATED.wireName(), MessageEvent::guildId);
        counts.rows().sinkTo(new ClickHouseSink<>(config, new MessageCountsTable()))
                .name("clickhouse-message_counts_1m")
                .uid(NAME + "-clickhouse");

        WindowedRows<UserActivityRow, MessageEvent> activity = userActivity(messages, config);
        LateEvents.keep(activity.late(), NAME + "-activity", config, e -> EventType.MESSAGE_CREATED.wireName(),
                MessageEvent::guildId);
        activity.rows().sinkTo(new ClickHouseSink<>(config, new UserActivityTable()))
                .name("clickhouse-user_activity_1d")
                .uid(NAME + "-activity-clickhouse");
    }

    /**
     * Messages per (guild, channel) and minute: counted per key and minute before the shuffle ({@link CountCombiner}),
     * summed per key and minute by the window; too-late events come out raw as {@code late}.
     */
    public static WindowedRows<MessageCountRow, MessageEvent> messageCounts(DataStream<MessageEvent> messages,
                                                                            AnalyticsConfig config) {
        return counted(messages, config, MessageEvent::channelId, MINUTE, LATE, "messages-per-channel-minute",
                NAME + "-window", new MessageCountWindowFunction(), TypeInformation.of(MessageCountRow.class));
    }

    /** Messages per (guild, author) and UTC day, bot authors left out; too-late events come out raw as {@code late}. */
    public static WindowedRows<UserActivityRow, MessageEvent> userActivity(DataStream<MessageEvent> messages,
                                                                           AnalyticsConfig config) {
        DataStream<MessageEvent> humans = messages
                .filter(m -> !m.authorBot())
                .name("human-authors")
                .uid(NAME + "-human-authors");
        return counted(humans, config, MessageEvent::authorId, DAY, LATE_ACTIVITY, "messages-per-author-day",
                NAME + "-activity-window", new UserActivityWindowFunction(), TypeInformation.of(UserActivityRow.class));
    }

    private static <R> WindowedRows<R, MessageEvent> counted(
            DataStream<MessageEvent> messages, AnalyticsConfig config, CountCombiner.LongField<MessageEvent> second,
            Duration window, OutputTag<MessageEvent> late, String name, String uid,
            ProcessWindowFunction<Long, R, Tuple2<Long, Long>, TimeWindow> rows, TypeInformation<R> rowType) {
        SingleOutputStreamOperator<KeyedCount> counts = messages
                .transform(name + "-combiner", TypeInformation.of(KeyedCount.class),
                        new CountCombiner<>(MessageEvent::guildId, second, window.toMillis(),
                                config.allowedLateness().toMillis(), config.earlyFireInterval().toMillis(),
                                COMBINER_MAX_KEYS, late))
                .uid(uid + "-combiner");
        SingleOutputStreamOperator<R> windowed = counts
                .keyBy(new CountKey(), Types.TUPLE(Types.LONG, Types.LONG))
                .window(TumblingEventTimeWindows.of(window))
                .trigger(CountTrigger.after(config.earlyFireInterval()))
                .allowedLateness(config.allowedLateness())
                .aggregate(new MessageCountAggregate(), rows, Types.LONG, Types.LONG, rowType)
                .name(name)
                .uid(uid);
        return new WindowedRows<>(windowed, counts.getSideOutput(late));
    }

    /** Key of a combined count: (guild_id, channel_id) resp. (guild_id, author_id). */
    static final class CountKey implements KeySelector<KeyedCount, Tuple2<Long, Long>> {
        @Override
        public Tuple2<Long, Long> getKey(KeyedCount c) {
            return Tuple2.of(c.a(), c.b());
        }
    }
}
