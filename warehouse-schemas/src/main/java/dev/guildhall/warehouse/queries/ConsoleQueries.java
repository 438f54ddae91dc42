package dev.guildhall.warehouse.queries;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The named message queries the admin console runs on the warehouse (voice: {@link VoiceQueries}). Every range is
 * half-open {@code [from, to)} on the row's minute. Re-emitted windows replace earlier ones: rows are reduced with
 * {@code argMax(x, version)} per table key before summing. Parameters are bound, never concatenated; times are bound
 * as epoch seconds ({@code toDateTime(?)}) and read as {@code toUInt32(minute)}, so no JDBC time zone applies.
 * The SQL runs on ClickHouse 18.16 and current servers (no window functions, DateTime64, WITH FILL).
 */
public final class ConsoleQueries {
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

  static void checkRange(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from (" + from + ") must be before to (" + to + ")");
    }
  }
}
