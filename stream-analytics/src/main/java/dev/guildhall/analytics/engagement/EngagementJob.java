package dev.guildhall.analytics.engagement;

import dev.guildhall.analytics.config.AnalyticsConfig;
import dev.guildhall.analytics.ingest.DecodedRecord;
import dev.guildhall.analytics.ingest.EventSources;
import dev.guildhall.analytics.runtime.AnalyticsJob;
import dev.guildhall.analytics.runtime.EarlyFiringEventTimeTrigger;
import dev.guildhall.analytics.runtime.LateEvents;
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
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
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

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void build(StreamExecutionEnvironment env, AnalyticsConfig config) {
        DataStream<MessageEvent> messages = EventSources.events(env, config, NAME, Topics.MESSAGES,
                new MessageEventExtractor(), new TypeHint<DecodedRecord<MessageEvent>>() {
                }.getTypeInfo(), TypeInformation.of(MessageEvent.class));

        SingleOutputStreamOperator<MessageCountRow> rows = messageCounts(messages, config);
        LateEvents.keep(rows.getSideOutput(LATE), NAME, config, e -> EventType.MESSAGE_CREATED.wireName(),
                MessageEvent::guildId);
        rows.sinkTo(new ClickHouseSink<>(config, new MessageCountsTable()))
                .name("clickhouse-message_counts_1m")
                .uid(NAME + "-clickhouse");

        SingleOutputStreamOperator<UserActivityRow> activity = userActivity(messages, config);
        LateEvents.keep(activity.getSideOutput(LATE_ACTIVITY), NAME + "-activity", config,
                e -> EventType.MESSAGE_CREATED.wireName(), MessageEvent::guildId);
        activity.sinkTo(new ClickHouseSink<>(config, new UserActivityTable()))
                .name("clickhouse-user_activity_1d")
                .uid(NAME + "-activity-clickhouse");
    }

    /** Messages per (guild, channel) and minute; too-late events go to {@link #LATE}. */
    public static SingleOutputStreamOperator<MessageCountRow> messageCounts(DataStream<MessageEvent> messages,
                                                                            AnalyticsConfig config) {
        return messages
                .keyBy(new ChannelKey(), Types.TUPLE(Types.LONG, Types.LONG))
                .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
                .trigger(EarlyFiringEventTimeTrigger.every(config.earlyFireInterval()))
                .allowedLateness(config.allowedLateness())
                .sideOutputLateData(LATE)
                .aggregate(new MessageCountAggregate(), new MessageCountWindowFunction(),
                        Types.LONG, Types.LONG, TypeInformation.of(MessageCountRow.class))
                .name("messages-per-channel-minute")
                .uid(NAME + "-window");
    }

    /** Messages per (guild, author) and UTC day, bot authors left out; too-late events go to {@link #LATE_ACTIVITY}. */
    public static SingleOutputStreamOperator<UserActivityRow> userActivity(DataStream<MessageEvent> messages,
                                                                           AnalyticsConfig config) {
        return messages
                .filter(m -> !m.authorBot())
                .name("human-authors")
                .uid(NAME + "-human-authors")
                .keyBy(new AuthorKey(), Types.TUPLE(Types.LONG, Types.LONG))
                .window(TumblingEventTimeWindows.of(Duration.ofDays(1)))
                .trigger(EarlyFiringEventTimeTrigger.every(config.earlyFireInterval()))
                .allowedLateness(config.allowedLateness())
                .sideOutputLateData(LATE_ACTIVITY)
                .aggregate(new MessageCountAggregate(), new UserActivityWindowFunction(),
                        Types.LONG, Types.LONG, TypeInformation.of(UserActivityRow.class))
                .name("messages-per-author-day")
                .uid(NAME + "-activity-window");
    }

    /** Key: (guild_id, channel_id). */
    static final class ChannelKey implements KeySelector<MessageEvent, Tuple2<Long, Long>> {
        @Override
        public Tuple2<Long, Long> getKey(MessageEvent e) {
            return Tuple2.of(e.guildId(), e.channelId());
        }
    }

    /** Key: (guild_id, author_id). */
    static final class AuthorKey implements KeySelector<MessageEvent, Tuple2<Long, Long>> {
        @Override
        public Tuple2<Long, Long> getKey(MessageEvent e) {
            return Tuple2.of(e.guildId(), e.authorId());
        }
    }
}
