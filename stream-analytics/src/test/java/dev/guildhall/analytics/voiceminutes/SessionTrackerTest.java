package dev.guildhall.analytics.voiceminutes;

import dev.guildhall.analytics.CollectingSink;
import dev.guildhall.analytics.config.AnalyticsConfig;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session rules on small scenarios (no event is late: the watermark only jumps to the end when the input
 * ends, which fires the caps of sessions still open). Late events: see WindowsBruteForceTest.
 */
class SessionTrackerTest {
    private static final long D0 = 1_767_571_200_000L; // 2026-01-05T00:00Z
    private static final long HOUR = 3_600_000L;
    private static final AnalyticsConfig CONFIG = AnalyticsConfig.from(new Properties(),
            Map.of("GUILDHALL_VOICE_MAX_SESSION", "PT12H"));

    private static VoiceSessionEvent join(String session, long at) {
        return new VoiceSessionEvent("j-" + session + at, 1, 10, 100, session, "eu", "vs-1", true, at, 0, at);
    }

    private static VoiceSessionEvent leave(String session, long start, long at) {
        return new VoiceSessionEvent("l-" + session + at, 1, 10, 100, session, "eu", "vs-1", false, start, at, at);
    }

    /** Runs the scenarios (sessions a..e, one key each) in one local job; the rows per session, in emission order. */
    private static Map<String, List<String>> run(List<VoiceSessionEvent> events) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
        String id = UUID.randomUUID().toString();
        VoiceMinutesJob.sessionDays(env.fromData(events, TypeInformation.of(VoiceSessionEvent.class))
                        .assignTimestampsAndWatermarks(WatermarkStrategy.<VoiceSessionEvent>noWatermarks()
                                .withTimestampAssigner((e, ts) -> e.occurredAt())), CONFIG)
                .sinkTo(new CollectingSink<>(id));
        env.execute("session-tracker-scenarios");
        Map<String, List<String>> bySession = new TreeMap<>();
        for (SessionDayRow r : CollectingSink.<SessionDayRow>collected(id)) {
            bySession.computeIfAbsent(r.sessionId(), k -> new ArrayList<>())
                    .add((r.day() - D0) / (24 * HOUR) + ":" + r.voiceMs() / 60_000 + (r.capped() ? " capped" : ""));
        }
        return bySession;
    }

    @Test
    void sessionRules() throws Exception {
        List<VoiceSessionEvent> events = new ArrayList<>();
        // a: a leave closes its session across midnight
        events.add(join("a", D0 + 23 * HOUR));
        events.add(leave("a", D0 + 23 * HOUR, D0 + 25 * HOUR));
        // b: a missing leave is capped at the maximum session length (12 h)
        events.add(join("b", D0 + 20 * HOUR));
        // c: a leave after the maximum counts the maximum
        events.add(join("c", D0));
        events.add(leave("c", D0, D0 + 30 * HOUR));
        // d: a leave without its join counts; a join after its leave changes nothing
        events.add(leave("d", D0 + HOUR, D0 + 2 * HOUR));
        events.add(join("d", D0 + HOUR));
        // e: two sessions of one gateway session are kept apart by their join time
        events.add(join("e", D0));
        events.add(leave("e", D0, D0 + HOUR));
        events.add(join("e", D0 + 2 * HOUR));
        events.add(leave("e", D0 + 2 * HOUR, D0 + 2 * HOUR + 600_000));

        Map<String, List<String>> rows = run(events);
        assertThat(rows).containsOnlyKeys("a", "b", "c", "d", "e");
        assertThat(rows.get("a")).containsExactly("0:60", "1:60");
        assertThat(rows.get("b")).containsExactly("0:240 capped", "1:480 capped");
        assertThat(rows.get("c")).containsExactly("0:720 capped");
        assertThat(rows.get("d")).containsExactly("0:60");
        assertThat(rows.get("e")).containsExactly("0:60", "0:10");
    }
}
