package dev.guildhall.analytics.voice;

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
 * Job "voice-quality": {@code voice.quality} samples from {@code guildhall.voice.quality} →
 * <ul>
 *   <li>every sample → {@code voice_quality_samples};</li>
 *   <li>per (region, voice server, guild, channel) and event-time minute: count, RTT and jitter values (digests built
 *       in ClickHouse), packet sums, MOS and bitrate sums → {@code voice_quality_channel_1m};</li>
 *   <li>the same per (region, voice server) and minute → {@code voice_quality_server_1m} (the time series' roll-up);</li>
 *   <li>per (region, voice server) and minute: samples, jitter p50 / p95, loss ratio → {@code voice_quality_1m}.</li>
 * </ul>
 */
public final class VoiceQualityJob implements AnalyticsJob {
    public static final String NAME = "voice-quality";
    public static final OutputTag<VoiceSample> LATE = new OutputTag<>("late-voice-samples") {
    };
    public static final OutputTag<VoiceSample> LATE_CHANNEL = new OutputTag<>("late-voice-channel-samples") {
    };
    public static final OutputTag<VoiceSample> LATE_SERVER = new OutputTag<>("late-voice-server-samples") {
    };

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void build(StreamExecutionEnvironment env, AnalyticsConfig config) {
        DataStream<VoiceSample> samples = EventSources.events(env, config, NAME, Topics.VOICE_QUALITY,
                new VoiceSampleExtractor(), new TypeHint<DecodedRecord<VoiceSample>>() {
                }.getTypeInfo(), TypeInformation.of(VoiceSample.class));

        samples.sinkTo(new ClickHouseSink<>(config, new VoiceSamplesTable()))
                .name("clickhouse-voice_quality_samples")
                .uid(NAME + "-samples-clickhouse");

        SingleOutputStreamOperator<ChannelQualityRow> channels = channelMinutes(samples, config);
        LateEvents.keep(channels.getSideOutput(LATE_CHANNEL), NAME + "-channel", config,
                s -> EventType.VOICE_QUALITY.wireName(), VoiceSample::guildId);
        channels.sinkTo(new ClickHouseSink<>(config, new ChannelQualityTable()))
                .name("clickhouse-voice_quality_channel_1m")
                .uid(NAME + "-channel-clickhouse");

        SingleOutputStreamOperator<ServerQualityRow> servers = serverMinutes(samples, config);
        LateEvents.keep(servers.getSideOutput(LATE_SERVER), NAME + "-server", config,
                s -> EventType.VOICE_QUALITY.wireName(), VoiceSample::guildId);
        servers.sinkTo(new ClickHouseSink<>(config, new ServerQualityTable()))
                .name("clickhouse-voice_quality_server_1m")
                .uid(NAME + "-server-clickhouse");

        SingleOutputStreamOperator<VoiceQualityRow> rows = samples
                .keyBy(new ServerKey(), Types.TUPLE(Types.STRING, Types.STRING))
                .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
                .trigger(EarlyFiringEventTimeTrigger.every(config.earlyFireInterval()))
                .allowedLateness(config.allowedLateness())
                .sideOutputLateData(LATE)
                .aggregate(new VoiceQualityAggregate(), new VoiceQualityWindowFunction(),
                        TypeInformation.of(VoiceQualityAccumulator.class), TypeInformation.of(VoiceQualityStats.class),
                        TypeInformation.of(VoiceQualityRow.class))
                .name("voice-quality-per-server-minute")
                .uid(NAME + "-window");

        LateEvents.keep(rows.getSideOutput(LATE), NAME, config, s -> EventType.VOICE_QUALITY.wireName(),
                VoiceSample::guildId);
        rows.sinkTo(new ClickHouseSink<>(config, new VoiceQualityTable()))
                .name("clickhouse-voice_quality_1m")
                .uid(NAME + "-clickhouse");
    }

    /** Per (region, voice server, guild, channel) and minute; too-late samples go to {@link #LATE_CHANNEL}. */
    public static SingleOutputStreamOperator<ChannelQualityRow> channelMinutes(DataStream<VoiceSample> samples,
                                                                             AnalyticsConfig config) {
        return samples
                .keyBy(new ChannelKey(), Types.TUPLE(Types.STRING, Types.STRING, Types.LONG, Types.LONG))
                .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
                .trigger(EarlyFiringEventTimeTrigger.every(config.earlyFireInterval()))
                .allowedLateness(config.allowedLateness())
                .sideOutputLateData(LATE_CHANNEL)
                .aggregate(new MinuteQualityAggregate(), new ChannelQualityWindowFunction(),
                        TypeInformation.of(MinuteQualityAccumulator.class), TypeInformation.of(MinuteQuality.class),
                        TypeInformation.of(ChannelQualityRow.class))
                .name("voice-quality-per-channel-minute")
                .uid(NAME + "-channel-window");
    }

    /** Per (region, voice server) and minute; too-late samples go to {@link #LATE_SERVER}. */
    public static SingleOutputStreamOperator<ServerQualityRow> serverMinutes(DataStream<VoiceSample> samples,
                                                                           AnalyticsConfig config) {
        return samples
                .keyBy(new ServerKey(), Types.TUPLE(Types.STRING, Types.STRING))
                .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
                .trigger(EarlyFiringEventTimeTrigger.every(config.earlyFireInterval()))
                .allowedLateness(config.allowedLateness())
                .sideOutputLateData(LATE_SERVER)
                .aggregate(new MinuteQualityAggregate(), new ServerQualityWindowFunction(),
                        TypeInformation.of(MinuteQualityAccumulator.class), TypeInformation.of(MinuteQuality.class),
                        TypeInformation.of(ServerQualityRow.class))
                .name("voice-quality-digests-per-server-minute")
                .uid(NAME + "-server-window");
    }

    /** Key: (region, voice_server). */
    static final class ServerKey implements KeySelector<VoiceSample, Tuple2<String, String>> {
        @Override
        public Tuple2<String, String> getKey(VoiceSample s) {
            return Tuple2.of(s.region(), s.voiceServer());
        }
    }
}
