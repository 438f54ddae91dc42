package dev.guildhall.analytics.engagement;

import dev.guildhall.analytics.config.AnalyticsConfig;
import dev.guildhall.analytics.ingest.DecodedRecord;
import dev.guildhall.analytics.ingest.EventSources;
import dev.guildhall.analytics.runtime.AnalyticsJob;
import dev.guildhall.analytics.runtime.EarlyFiringEventTimeTrigger;
import dev.guildhall.analytics.runtime.LateEvents;
import dev.guildhall.analytics.sink.ClickHouseSink;
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
 * event-time minute → {@code message_counts_1m}.
 */
public final class EngagementJob implements AnalyticsJob {
    public static final String NAME = "engagement";
    private static final OutputTag<MessageEvent> LATE = new OutputTag<>("late-messages") {
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

        SingleOutputStreamOperator<MessageCountRow> rows = messages
                .keyBy(new ChannelKey(), Types.TUPLE(Types.LONG, Types.LONG))
                .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
                .trigger(EarlyFiringEventTimeTrigger.every(config.earlyFireInterval()))
                .allowedLateness(config.allowedLateness())
                .sideOutputLateData(LATE)
                .aggregate(new MessageCountAggregate(), new MessageCountWindowFunction(),
                        Types.LONG, Types.LONG, TypeInformation.of(MessageCountRow.class))
                .name("messages-per-channel-minute")
                .uid(NAME + "-window");

        LateEvents.count(rows.getSideOutput(LATE), NAME);
        rows.sinkTo(new ClickHouseSink<>(config, new MessageCountsTable()))
                .name("clickhouse-message_counts_1m")
                .uid(NAME + "-clickhouse");
    }

    /** Key: (guild_id, channel_id). */
    static final class ChannelKey implements KeySelector<MessageEvent, Tuple2<Long, Long>> {
        @Override
        public Tuple2<Long, Long> getKey(MessageEvent e) {
            return Tuple2.of(e.guildId(), e.channelId());
        }
    }
}
