package dev.guildhall.analytics.voiceminutes;

import dev.guildhall.analytics.config.AnalyticsConfig;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

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

    private static List<String> run(VoiceSessionEvent... events) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
        List<String> rows = new ArrayList<>();
        try (CloseableIterator<SessionDayRow> it = VoiceMinutesJob.sessionDays(env.fromData(List.of(events),
                                TypeInformation.of(VoiceSessionEvent.class))
                        .assignTimestampsAndWatermarks(WatermarkStrategy.<VoiceSessionEvent>noWatermarks()
                                .withTimestampAssigner((e, ts) -> e.occurredAt())), CONFIG)
                .executeAndCollect()) {
            it.forEachRemaining(r -> rows.add(r.sessionId() + "@" + (r.day() - D0) / (24 * HOUR) + ":"
                    + r.voiceMs() / 60_000 + (r.capped() ? " capped" : "")));
        }
        return rows;
    }

    @Test
    void aLeaveClosesItsSessionAcrossMidnight() throws Exception {
        assertThat(run(join("a", D0 + 23 * HOUR), leave("a", D0 + 23 * HOUR, D0 + 25 * HOUR)))
                .containsExactly("a@0:60", "a@1:60");
    }

    @Test
    void aMissingLeaveIsCappedAtTheMaximumSessionLength() throws Exception {
        assertThat(run(join("b", D0 + 20 * HOUR))).containsExactly("b@0:240 capped", "b@1:480 capped");
    }

    @Test
    void aLeaveAfterTheMaximumCountsTheMaximum() throws Exception {
        assertThat(run(join("c", D0), leave("c", D0, D0 + 30 * HOUR))).containsExactly("c@0:720 capped");
    }

    @Test
    void aLeaveWithoutItsJoinCountsAndAJoinAfterItsLeaveChangesNothing() throws Exception {
        assertThat(run(leave("d", D0 + HOUR, D0 + 2 * HOUR), join("d", D0 + HOUR))).containsExactly("d@0:60");
    }

    @Test
    void twoSessionsOfOneGatewaySessionAreKeptApartByTheirJoinTime() throws Exception {
        assertThat(run(join("e", D0), leave("e", D0, D0 + HOUR), join("e", D0 + 2 * HOUR),
                leave("e", D0 + 2 * HOUR, D0 + 2 * HOUR + 600_000))).containsExactly("e@0:60", "e@0:10");
    }
}
