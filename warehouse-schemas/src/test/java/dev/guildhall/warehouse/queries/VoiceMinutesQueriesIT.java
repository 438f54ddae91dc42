package dev.guildhall.warehouse.queries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.guildhall.testkit.ClickHouseEngine;
import dev.guildhall.testkit.Engines;
import dev.guildhall.warehouse.ClickHouseConnections;
import dev.guildhall.warehouse.Migrator;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Voice minutes and late events on seeded rows, one insert per row (separate parts), with sessions re-emitted
 * (a replay, a capped session whose leave came after all) and late events dropped again after a replay.
 */
class VoiceMinutesQueriesIT {
  private static final LocalDate D1 = LocalDate.parse("2026-01-05");
  private static final LocalDate D2 = D1.plusDays(1);
  private static final LocalDate D3 = D1.plusDays(2);
  private static final long MIN = 60_000;

  private final ClickHouseEngine ch = Engines.clickhouse();
  private String db;
  private VoiceMinutesQueries minutes;
  private LateEventQueries late;

  @BeforeEach
  void freshWarehouse() {
    db = ch.createDatabase("voiceminutes");
    String url = ch.jdbcUrl(db);
    new Migrator(url).migrate();
    minutes = new VoiceMinutesQueries(ClickHouseConnections.dataSource(url));
    late = new LateEventQueries(ClickHouseConnections.dataSource(url));
  }

  /** guild, day, channel, user, session, started_ms, voice_ms, capped, version. */
  private void piece(long guild, LocalDate day, long channel, long user, String session, long startedMs, long voiceMs,
                     int capped, long version) {
    ch.query(db, "INSERT INTO voice_session_days VALUES (" + guild + ", '" + day + "', " + channel + ", " + user
        + ", '" + session + "', " + startedMs + ", " + voiceMs + ", " + capped + ", 'eu', 'vs-1', " + version + ")");
  }

  @Test
  void voiceMinutesPerDayAndChannelCountEverySessionOnce() {
    long d1 = D1.toEpochDay() * 86_400_000L;
    piece(1, D1, 10, 100, "s1", d1 + 600 * MIN, 30 * MIN, 0, 100);
    piece(1, D1, 10, 100, "s1", d1 + 600 * MIN, 30 * MIN, 0, 200);          // the same session after a replay
    piece(1, D1, 10, 101, "s2", d1 + 1380 * MIN, 60 * MIN, 0, 100);         // 23:00 .. 01:30 spans midnight
    piece(1, D2, 10, 101, "s2", d1 + 1380 * MIN, 90 * MIN, 0, 100);
    piece(1, D1, 11, 100, "s3", d1 + 720 * MIN, 10 * MIN, 0, 100);          // same user, second channel
    piece(1, D2, 11, 102, "s4", d1 + 1500 * MIN, 720 * MIN, 1, 100);        // capped (leave missing)
    piece(1, D2, 11, 102, "s4", d1 + 1500 * MIN, 720 * MIN, 1, 300);        // the late leave: same capped row
    piece(1, D2, 10, 100, "s1", d1 + 1460 * MIN, 5 * MIN, 0, 100);          // same gateway session, rejoined
    piece(2, D1, 20, 200, "s9", d1, 999 * MIN, 0, 100);                     // another guild
    piece(1, D3, 10, 100, "s5", d1 + 2880 * MIN, 1 * MIN, 0, 100);          // at 'to': outside

    List<VoiceDay> days = minutes.voiceMinutesPerDay(1, D1, D3);
    assertThat(days).containsExactly(
        new VoiceDay(D1, 100.0, 2, 3),
        new VoiceDay(D2, 815.0, 3, 3));
    assertThat(minutes.voiceMinutesPerChannel(1, D1, D3)).containsExactly(
        new ChannelVoiceMinutes(11, 730.0, 2),
        new ChannelVoiceMinutes(10, 185.0, 2));
    assertThat(minutes.voiceMinutesPerDay(2, D1, D2)).singleElement()
        .satisfies(d -> assertThat(d.minutes()).isCloseTo(999.0, within(1e-9)));
    assertThat(minutes.voiceMinutesPerDay(3, D1, D3)).isEmpty();
    assertThatThrownBy(() -> minutes.voiceMinutesPerDay(1, D2, D2)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void lateEventsPerJobCountAnEventDroppedAgainOnce() {
    Instant t = Instant.parse("2026-01-05T10:00:00Z");
    String at = "'2026-01-05 10:00:00'";
    long ms = t.toEpochMilli();
    for (String row : List.of(
        "'engagement', " + at + ", 'e1', 'message.created', 1, " + ms + ", " + (ms + 7_200_000) + ", " + (ms + 7_000_000),
        "'engagement', " + at + ", 'e1', 'message.created', 1, " + ms + ", " + (ms + 9_000_000) + ", " + (ms + 8_000_000),
        "'engagement', " + at + ", 'e2', 'message.created', 1, " + (ms + 500) + ", " + (ms + 7_200_000) + ", 0",
        "'voice-minutes', " + at + ", 'e3', 'voice.session.left', 2, " + ms + ", " + (ms + 7_200_000) + ", 0",
        "'voice-quality', '2026-01-05 12:00:00', 'e4', 'voice.quality', 2, " + (ms + 7_200_000) + ", 0, 0")) {
      ch.query(db, "INSERT INTO late_events VALUES (" + row + ")");
    }
    assertThat(late.lateEventsPerJob(t, t.plusSeconds(3600))).containsExactly(
        new LateEventCount("engagement", "message.created", 2, t, t.plusMillis(500)),
        new LateEventCount("voice-minutes", "voice.session.left", 1, t, t));
    assertThat(late.lateEventsPerJob(t.plusSeconds(3600), t.plusSeconds(7201))).extracting(LateEventCount::job)
        .containsExactly("voice-quality");
  }
}
