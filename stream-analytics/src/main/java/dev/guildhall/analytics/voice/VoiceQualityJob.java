package dev.guildhall.analytics.voice;

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
 * Job "voice-quality": {@code voice.quality} samples from {@code guildhall.voice.quality} → per (region, voice server)
 * and event-time minute: samples, jitter p50 / p95, loss ratio → {@code voice_quality_1m}.
 */
public final class VoiceQualityJob implements AnalyticsJob {
    public static final String NAME = "voice-quality";
    private static final OutputTag<VoiceSample> LATE = new OutputTag<>("late-voice-samples") {
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

        LateEvents.count(rows.getSideOutput(LATE), NAME);
        rows.sinkTo(new ClickHouseSink<>(config, new VoiceQualityTable()))
                .name("clickhouse-voice_quality_1m")
                .uid(NAME + "-clickhouse");
    }

    /** Key: (region, voice_server). */
    static final class ServerKey implements KeySelector<VoiceSample, Tuple2<String, String>> {
        @Override
        public Tuple2<String, String> getKey(VoiceSample s) {
            return Tuple2.of(s.region(), s.voiceServer());
        }
    }
}
