package dev.guildhall.analytics.voiceminutes;

import dev.guildhall.analytics.config.AnalyticsConfig;
import dev.guildhall.analytics.ingest.DecodedRecord;
import dev.guildhall.analytics.ingest.EventSources;
import dev.guildhall.analytics.runtime.AnalyticsJob;
import dev.guildhall.analytics.runtime.LateEvents;
import dev.guildhall.analytics.sink.ClickHouseSink;
import dev.guildhall.events.EventType;
import dev.guildhall.events.Topics;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple5;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.OutputTag;

/**
 * Job "voice-minutes": {@code voice.session.joined} / {@code voice.session.left} from {@code guildhall.voice.sessions}
 * → time in voice per session and UTC day → {@code voice_session_days} (voice minutes per guild, channel and day).
 */
public final class VoiceMinutesJob implements AnalyticsJob {
    public static final String NAME = "voice-minutes";
    public static final OutputTag<VoiceSessionEvent> LATE = new OutputTag<>("late-voice-sessions") {
    };

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void build(StreamExecutionEnvironment env, AnalyticsConfig config) {
        DataStream<VoiceSessionEvent> events = EventSources.events(env, config, NAME, Topics.VOICE_SESSIONS,
                new VoiceSessionExtractor(), new TypeHint<DecodedRecord<VoiceSessionEvent>>() {
                }.getTypeInfo(), TypeInformation.of(VoiceSessionEvent.class));

        SingleOutputStreamOperator<SessionDayRow> rows = sessionDays(events, config);
        LateEvents.keep(rows.getSideOutput(LATE), NAME, config,
                e -> (e.joined() ? EventType.VOICE_SESSION_JOINED : EventType.VOICE_SESSION_LEFT).wireName(),
                VoiceSessionEvent::guildId);
        rows.sinkTo(new ClickHouseSink<>(config, new SessionDaysTable()))
                .name("clickhouse-voice_session_days")
                .uid(NAME + "-clickhouse");
    }

    /** Per session and UTC day; joins and leaves after the session became final go to {@link #LATE}. */
    public static SingleOutputStreamOperator<SessionDayRow> sessionDays(DataStream<VoiceSessionEvent> events,
                                                                        AnalyticsConfig config) {
        return events
                .keyBy(new SessionKey(), Types.TUPLE(Types.LONG, Types.LONG, Types.LONG, Types.STRING, Types.LONG))
                .process(new SessionTracker(config.voiceMaxSession().toMillis(), config.allowedLateness().toMillis(),
                        LATE), TypeInformation.of(SessionDayRow.class))
                .name("voice-session-days")
                .uid(NAME + "-sessions");
    }

    /** Key: (guild, channel, user, gateway session, join time). */
    static final class SessionKey implements KeySelector<VoiceSessionEvent, Tuple5<Long, Long, Long, String, Long>> {
        @Override
        public Tuple5<Long, Long, Long, String, Long> getKey(VoiceSessionEvent e) {
            return Tuple5.of(e.guildId(), e.channelId(), e.userId(), e.sessionId(), e.startedAt());
        }
    }
}
