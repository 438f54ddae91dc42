package dev.guildhall.analytics.voiceminutes;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.tuple.Tuple5;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Turns the join and leave of one voice session (keyed by guild, channel, user, gateway session and join time) into
 * its per-day rows, deterministically:
 * <ul>
 *   <li>a leave closes the session: rows for [join, min(leave, join + max)] (capped when longer than max);</li>
 *   <li>a join without a leave: when the watermark passes join + max + allowed lateness, rows for
 *       [join, join + max], capped;</li>
 *   <li>the session is final at join + max + allowed lateness (its state is cleared then); a join or leave whose
 *       watermark is already past that goes to the late side output.</li>
 * </ul>
 * So a leave later than the cap yields the same rows as the cap itself, and a replay yields the same rows again:
 * the rows' key (guild, day, channel, user, session, join time) makes them replace each other in ClickHouse.
 */
public final class SessionTracker extends KeyedProcessFunction<Tuple5<Long, Long, Long, String, Long>,
        VoiceSessionEvent, SessionDayRow> {
    private final long maxSessionMs;
    private final long allowedLatenessMs;
    private final OutputTag<VoiceSessionEvent> late;
    /** The join while the session is open, the leave once it is closed. */
    private transient ValueState<VoiceSessionEvent> session;

    public SessionTracker(long maxSessionMs, long allowedLatenessMs, OutputTag<VoiceSessionEvent> late) {
        this.maxSessionMs = maxSessionMs;
        this.allowedLatenessMs = allowedLatenessMs;
        this.late = late;
    }

    @Override
    public void open(OpenContext openContext) {
        session = getRuntimeContext().getState(new ValueStateDescriptor<>("session",
                TypeInformation.of(VoiceSessionEvent.class)));
    }

    @Override
    public void processElement(VoiceSessionEvent e, Context ctx, Collector<SessionDayRow> out) throws Exception {
        long finalAt = e.startedAt() + maxSessionMs + allowedLatenessMs;
        if (finalAt <= ctx.timerService().currentWatermark()) {
            ctx.output(late, e);
            return;
        }
        VoiceSessionEvent known = session.value();
        if (known != null && !known.joined()) {
            return; // already closed by its leave: a join after it changes nothing
        }
        if (e.joined()) {
            if (known == null) {
                session.update(e);
                ctx.timerService().registerEventTimeTimer(finalAt);
            }
            return;
        }
        long cap = e.startedAt() + maxSessionMs;
        SessionDays.split(e, Math.min(e.leftAt(), cap), e.leftAt() > cap, System.currentTimeMillis())
                .forEach(out::collect);
        session.update(e);
        ctx.timerService().registerEventTimeTimer(finalAt);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SessionDayRow> out) throws Exception {
        VoiceSessionEvent known = session.value();
        if (known != null && known.joined()) {
            SessionDays.split(known, known.startedAt() + maxSessionMs, true, System.currentTimeMillis())
                    .forEach(out::collect);
        }
        session.clear();
    }
}
