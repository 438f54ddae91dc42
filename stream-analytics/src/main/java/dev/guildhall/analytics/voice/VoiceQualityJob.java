package dev.guildhall.analytics.voice;

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
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
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
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final TypeInformation<Tuple2<String, String>> SERVER_KEY = Types.TUPLE(Types.STRING, Types.STRING);

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

        WindowedRows<ChannelQualityRow, VoiceSample> channels = channelMinutes(samples, config);
        LateEvents.keep(channels.late(), NAME + "-channel", config, s -> EventType.VOICE_QUALITY.wireName(),
                VoiceSample::guildId);
        channels.rows().sinkTo(new ClickHouseSink<>(config, new ChannelQualityTable()))
                .name("clickhouse-voice_quality_channel_1m")
                .uid(NAME + "-channel-clickhouse");

        WindowedRows<ServerQualityRow, VoiceSample> servers = serverMinutes(samples, config);
        LateEvents.keep(servers.late(), NAME + "-server", config, s -> EventType.VOICE_QUALITY.wireName(),
                VoiceSample::guildId);
        servers.rows().sinkTo(new ClickHouseSink<>(config, new ServerQualityTable()))
                .name("clickhouse-voice_quality_server_1m")
                .uid(NAME + "-server-clickhouse");

        WindowedRows<VoiceQualityRow, VoiceSample> stats = CombinedWindows.aggregated(samples, config, MINUTE,
                new ServerKey(), SERVER_KEY, new VoiceQualityAggregate(),
                TypeInformation.of(VoiceQualityAccumulator.class), TypeInformation.of(VoiceQualityStats.class),
                new VoiceQualityWindowFunction(), TypeInformation.of(VoiceQualityRow.class), LATE,
                "voice-quality-per-server-minute", NAME + "-window");
        LateEvents.keep(stats.late(), NAME, config, s -> EventType.VOICE_QUALITY.wireName(), VoiceSample::guildId);
        stats.rows().sinkTo(new ClickHouseSink<>(config, new VoiceQualityTable()))
                .name("clickhouse-voice_quality_1m")
                .uid(NAME + "-clickhouse");
    }

    /** Per (region, voice server, guild, channel) and minute; too-late samples come out raw as {@code late}. */
    public static WindowedRows<ChannelQualityRow, VoiceSample> channelMinutes(DataStream<VoiceSample> samples,
                                                                             AnalyticsConfig config) {
        return CombinedWindows.aggregated(samples, config, MINUTE, new ChannelKey(),
                Types.TUPLE(Types.STRING, Types.STRING, Types.LONG, Types.LONG), new MinuteQualityAggregate(),
                TypeInformation.of(MinuteQualityAccumulator.class), TypeInformation.of(MinuteQuality.class),
                new ChannelQualityWindowFunction(), TypeInformation.of(ChannelQualityRow.class), LATE_CHANNEL,
                "voice-quality-per-channel-minute", NAME + "-channel-window");
    }

    /** Per (region, voice server) and minute; too-late samples come out raw as {@code late}. */
    public static WindowedRows<ServerQualityRow, VoiceSample> serverMinutes(DataStream<VoiceSample> samples,
                                                                           AnalyticsConfig config) {
        return CombinedWindows.aggregated(samples, config, MINUTE, new ServerKey(), SERVER_KEY,
                new MinuteQualityAggregate(), TypeInformation.of(MinuteQualityAccumulator.class),
                TypeInformation.of(MinuteQuality.class), new ServerQualityWindowFunction(),
                TypeInformation.of(ServerQualityRow.class), LATE_SERVER, "voice-quality-digests-per-server-minute",
                NAME + "-server-window");
    }

    /** Key: (region, voice_server). */
    static final class ServerKey implements KeySelector<VoiceSample, Tuple2<String, String>> {
        @Override
        public Tuple2<String, String> getKey(VoiceSample s) {
            return Tuple2.of(s.region(), s.voiceServer());
        }
    }
}
