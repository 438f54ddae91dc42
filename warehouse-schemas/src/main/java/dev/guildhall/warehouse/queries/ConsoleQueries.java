package dev.guildhall.warehouse.queries;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The named queries the admin console runs on the warehouse. Every range is half-open {@code [from, to)} on
 * the row's minute. Re-emitted windows replace earlier ones: rows are reduced with {@code argMax(x, version)}
 * per table key before summing (alerts use FINAL). Parameters are bound, never concatenated; times are bound
 * as epoch seconds ({@code toDateTime(?)}) and read as {@code toUInt32(minute)}, so no JDBC time zone applies.
 * The SQL runs on ClickHouse 18.16 and current servers (no window functions, DateTime64, WITH FILL).
 */
public final class ConsoleQueries {
  public static final int MAX_ALERTS = 1000;

  static final String MESSAGES_PER_MINUTE = """
      SELECT toUInt32(minute) AS minute_s, sum(m) AS total
      FROM (
        SELECT channel_id, minute, argMax(messages, version) AS m
        FROM message_counts_1m
        WHERE guild_id = ? AND minute >= toDateTime(?) AND minute < toDateTime(?)
        GROUP BY channel_id, minute
      )
      GROUP BY minute
      ORDER BY minute""";

  static final String MESSAGES_PER_CHANNEL = """
      SELECT channel_id, sum(m) AS total
      FROM (
        SELECT channel_id, minute, argMax(messages, version) AS m
        FROM message_counts_1m
        WHERE guild_id = ? AND minute >= toDateTime(?) AND minute < toDateTime(?)
        GROUP BY channel_id, minute
      )
      GROUP BY channel_id
      ORDER BY total DESC, channel_id""";

  static final String VOICE_QUALITY_BY_REGION = """
      SELECT region, toUInt32(minute) AS minute_s, sum(s) AS samples, max(p95) AS jitter_p95_ms,
             if(sum(s) = 0, 0, sum(loss * s) / sum(s)) AS loss_ratio
      FROM (
        SELECT region, voice_server, minute,
               argMax(samples, version) AS s,
               argMax(jitter_p95_ms, version) AS p95,
               argMax(loss_ratio, version) AS loss
        FROM voice_quality_1m
        WHERE minute >= toDateTime(?) AND minute < toDateTime(?)
        GROUP BY region, voice_server, minute
      )
      GROUP BY region, minute
      ORDER BY minute, region""";

  static final String RECENT_ALERTS = """
      SELECT alert_id, region, metric, state, value, threshold,
             toUInt32(window_start) AS ws, toUInt32(window_end) AS we, occurred_at, event_id
      FROM alerts FINAL
      ORDER BY occurred_at DESC, event_id DESC
      LIMIT ?""";

  private final SqlQueries sql;

  public ConsoleQueries(DataSource dataSource) {
    this.sql = new SqlQueries(dataSource);
  }

  /** Messages per minute of a guild, summed over its channels, ordered by minute; minutes without rows are absent. */
  public List<MinuteCount> messagesPerMinute(long guildId, Instant from, Instant to) {
    checkRange(from, to);
    return sql.query("messagesPerMinute", MESSAGES_PER_MINUTE, ps -> {
      ps.setLong(1, guildId);
      ps.setLong(2, from.getEpochSecond());
      ps.setLong(3, to.getEpochSecond());
    }, rs -> new MinuteCount(Instant.ofEpochSecond(rs.getLong(1)), rs.getLong(2)));
  }

  /** Messages per channel of a guild over the range, busiest first (ties by channel id). */
  public List<ChannelCount> messagesPerChannel(long guildId, Instant from, Instant to) {
    checkRange(from, to);
    return sql.query("messagesPerChannel", MESSAGES_PER_CHANNEL, ps -> {
      ps.setLong(1, guildId);
      ps.setLong(2, from.getEpochSecond());
      ps.setLong(3, to.getEpochSecond());
    }, rs -> new ChannelCount(rs.getLong(1), rs.getLong(2)));
  }

  /** Per region and minute (ordered by minute, then region): samples, worst server p95 jitter, weighted loss. */
  public List<RegionQuality> voiceQualityByRegion(Instant from, Instant to) {
    checkRange(from, to);
    return sql.query("voiceQualityByRegion", VOICE_QUALITY_BY_REGION, ps -> {
      ps.setLong(1, from.getEpochSecond());
      ps.setLong(2, to.getEpochSecond());
    }, rs -> new RegionQuality(rs.getString(1), Instant.ofEpochSecond(rs.getLong(2)), rs.getLong(3),
        rs.getDouble(4), rs.getDouble(5)));
  }

  /** The newest alert states first (1..{@value #MAX_ALERTS}). */
  public List<VoiceAlertRow> recentAlerts(int limit) {
    if (limit < 1 || limit > MAX_ALERTS) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_ALERTS + ": " + limit);
    }
    return sql.query("recentAlerts", RECENT_ALERTS, ps -> ps.setInt(1, limit),
        rs -> new VoiceAlertRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getDouble(5), rs.getDouble(6), Instant.ofEpochSecond(rs.getLong(7)),
            Instant.ofEpochSecond(rs.getLong(8)), Instant.ofEpochMilli(rs.getLong(9)), rs.getString(10)));
  }

  static void checkRange(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from (" + from + ") must be before to (" + to + ")");
    }
  }
}
