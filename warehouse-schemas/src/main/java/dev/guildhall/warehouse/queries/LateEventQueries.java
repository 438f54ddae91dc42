package dev.guildhall.warehouse.queries;

import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * What the stream-analytics pipelines dropped as too late ({@code late_events}: one row per pipeline and event,
 * FINAL so an event dropped again after a replay counts once), by event time in {@code [from, to)}.
 */
public final class LateEventQueries {
  static final String PER_JOB = """
      SELECT job, event_type, count() AS n, min(occurred_ms) AS first_ms, max(occurred_ms) AS last_ms
      FROM late_events FINAL
      WHERE occurred_at >= toDateTime(?) AND occurred_at < toDateTime(?)
      GROUP BY job, event_type
      ORDER BY n DESC, job, event_type""";

  private final SqlQueries sql;

  public LateEventQueries(DataSource dataSource) {
    this.sql = new SqlQueries(dataSource);
  }

  /** Late events per pipeline and event type, most first. */
  public List<LateEventCount> lateEventsPerJob(Instant from, Instant to) {
    ConsoleQueries.checkRange(from, to);
    return sql.query("lateEventsPerJob", PER_JOB, ps -> {
      ps.setLong(1, from.getEpochSecond());
      ps.setLong(2, to.getEpochSecond());
    }, rs -> new LateEventCount(rs.getString("job"), rs.getString("event_type"), rs.getLong("n"),
        Instant.ofEpochMilli(rs.getLong("first_ms")), Instant.ofEpochMilli(rs.getLong("last_ms"))));
  }
}
