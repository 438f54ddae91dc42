package dev.guildhall.analytics.engagement;

import dev.guildhall.analytics.config.AnalyticsConfig;
import dev.guildhall.analytics.ingest.DecodedRecord;
import dev.guildhall.analytics.ingest.EventSources;
import dev.guildhall.analytics.runtime.AnalyticsJob;
import dev.guildhall.analytics.runtime.CombinedWindows;
import dev.guildhall.analytics.runtime.LateEvents;
import dev.guildhall.analytics.runtime.WindowedRows;
import dev.guildhall.analytics.sink.ClickHouseSink;
import dev.guildhall.events.EventType;
import dev.guildhall.events.Topics;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
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
     * Messages per (guild, channel) and minute: counted per key and minute before the shuffle, summed by the window
     * ({@link CombinedWindows}); too-late events come out raw as {@code late}.
     */
    public static WindowedRows<MessageCountRow, MessageEvent> messageCounts(DataStream<MessageEvent> messages,
                                                                            AnalyticsConfig config) {
        return CombinedWindows.counts(messages, config, Duration.ofMinutes(1), MessageEvent::guildId,
                MessageEvent::channelId, new MessageCountAggregate(), new MessageCountWindowFunction(),
                TypeInformation.of(MessageCountRow.class), LATE, "messages-per-channel-minute", NAME + "-window");
    }

    /** Messages per (guild, author) and UTC day, bot authors left out; too-late events come out raw as {@code late}. */
    public static WindowedRows<UserActivityRow, MessageEvent> userActivity(DataStream<MessageEvent> messages,
                                                                           AnalyticsConfig config) {
        DataStream<MessageEvent> humans = messages
                .filter(m -> !m.authorBot())
                .name("human-authors")
                .uid(NAME + "-human-authors");
        return CombinedWindows.counts(humans, config, Duration.ofDays(1), MessageEvent::guildId,
                MessageEvent::authorId, new MessageCountAggregate(), new UserActivityWindowFunction(),
                TypeInformation.of(UserActivityRow.class), LATE_ACTIVITY, "messages-per-author-day",
                NAME + "-activity-window");
    }
}
