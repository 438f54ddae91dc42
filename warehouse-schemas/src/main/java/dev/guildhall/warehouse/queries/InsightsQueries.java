package dev.guildhall.warehouse.queries;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The named queries behind a server owner's insights: member growth, new-member retention cohorts, messages per
 * day, daily and weekly active users, busiest hours of the week and moderation actions. Day ranges are half-open {@code [from, to)} on UTC days
 * (bound as {@code 'yyyy-MM-dd'} text, read back with {@code toString(day)}); instant ranges as in
 * {@link ConsoleQueries}. Windowed tables are reduced with {@code argMax(x, version)} per key; active users are
 * merged uniq states (ClickHouse's {@code uniq}: exact up to tens of thousands of users per key, then an estimate
 * within about 1 %). Runs on ClickHouse 18.16 and current servers.
 */
public final class InsightsQueries {
  static final String MEMBERS_PER_DAY = """
      SELECT toString(day) AS d, argMax(joins, version) AS j, argMax(leaves, version) AS l
      FROM member_changes_1d
      WHERE guild_id = ? AND day >= toDate(?) AND day < toDate(?)
      GROUP BY day
      ORDER BY day""";

  /** Per channel and minute the latest row, then summed per UTC day. */
  static final String MESSAGES_PER_DAY = """
      SELECT toString(toDate(minute)) AS d, sum(m) AS total
      FROM (
        SELECT channel_id, minute, argMax(messages, version) AS m
        FROM message_counts_1m
        WHERE guild_id = ? AND minute >= toDateTime(?) AND minute < toDateTime(?)
        GROUP BY channel_id, minute
      )
      GROUP BY d
      ORDER BY d""";

  static final String DAILY_ACTIVE_USERS = """
      SELECT toString(day) AS d, uniqMerge(users) AS u
      FROM daily_active_users
      WHERE guild_id = ? AND day >= toDate(?) AND day < toDate(?)
      GROUP BY day
      ORDER BY day""";

  static final String WEEKLY_ACTIVE_USERS = """
      SELECT toString(week) AS w, uniqMerge(users) AS u
      FROM weekly_active_users
      WHERE guild_id = ? AND week >= toMonday(toDate(?)) AND week < toDate(?)
      GROUP BY week
      ORDER BY week""";

  static final String BUSIEST_HOURS = """
      SELECT toDayOfWeek(minute) AS dow, toHour(minute) AS h, sum(m) AS total
      FROM (
        SELECT channel_id, minute, argMax(messages, version) AS m
        FROM message_counts_1m
        WHERE guild_id = ? AND minute >= toDateTime(?) AND minute < toDateTime(?)
        GROUP BY channel_id, minute
      )
      GROUP BY dow, h
      ORDER BY total DESC, dow, h""";

  /** uniqExact(event_id): a redelivered event not yet merged away is counted once, without FINAL. */
  static final String MODERATION_ACTIONS = """
      SELECT action, uniqExact(event_id) AS n
      FROM moderation_actions
      WHERE guild_id = ? AND occurred_at >= toDateTime(?) AND occurred_at < toDateTime(?)
      GROUP BY action
      ORDER BY n DESC, action""";

  /**
   * Each member's first join in the range, then the last day the member posted (any time): retained after N days
   * when that day is at least N days after the join day. A member who never posted gets the join's default last_active
   * (Date 0) and is never retained.
   */
  static final String NEW_MEMBER_RETENTION = """
      SELECT toString(join_day) AS d, count() AS joined,
             sum(last_active >= join_day + 1) AS a1,
             sum(last_active >= join_day + 7) AS a7,
             sum(last_active >= join_day + 30) AS a30
      FROM (
        SELECT user_id, toDate(min(occurred_at)) AS join_day
        FROM member_events
        WHERE guild_id = ? AND joined = 1 AND occurred_at >= toDateTime(?) AND occurred_at < toDateTime(?)
        GROUP BY user_id
      )
      ANY LEFT JOIN (
        SELECT user_id, max(day) AS last_active
        FROM user_activity_1d
        WHERE guild_id = ?
        GROUP BY user_id
      ) USING user_id
      GROUP BY join_day
      ORDER BY join_day""";

  private final SqlQueries sql;

  public InsightsQueries(DataSource dataSource) {
    this.sql = new SqlQueries(dataSource);
  }

  /** Joins and leaves per UTC day; days without rows are absent. */
  public List<MemberDay> memberGrowth(long guildId, LocalDate from, LocalDate to) {
    checkDays(from, to);
    return sql.query("memberGrowth", MEMBERS_PER_DAY, ps -> {
      ps.setLong(1, guildId);
      ps.setString(2, from.toString());
      ps.setString(3, to.toString());
    }, rs -> new MemberDay(LocalDate.parse(rs.getString(1)), rs.getLong(2), rs.getLong(3)));
  }

  /** Messages per UTC day, summed over the guild's channels; days without messages are absent. */
  public List<DayCount> messagesPerDay(long guildId, LocalDate from, LocalDate to) {
    checkDays(from, to);
    return sql.query("messagesPerDay", MESSAGES_PER_DAY, ps -> {
      ps.setLong(1, guildId);
      ps.setLong(2, epochSecond(from));
      ps.setLong(3, epochSecond(to));
    }, rs -> new DayCount(LocalDate.parse(rs.getString(1)), rs.getLong(2)));
  }

  /** Distinct (non-bot) message authors per UTC day. */
  public List<DayCount> dailyActiveUsers(long guildId, LocalDate from, LocalDate to) {
    checkDays(from, to);
    return sql.query("dailyActiveUsers", DAILY_ACTIVE_USERS, ps -> {
      ps.setLong(1, guildId);
      ps.setString(2, from.toString());
      ps.setString(3, to.toString());
    }, rs -> new DayCount(LocalDate.parse(rs.getString(1)), rs.getLong(2)));
  }

  /** Distinct (non-bot) message authors per UTC week (Monday to Sunday) whose Monday is in [monday of from, to). */
  public List<WeekCount> weeklyActiveUsers(long guildId, LocalDate from, LocalDate to) {
    checkDays(from, to);
    return sql.query("weeklyActiveUsers", WEEKLY_ACTIVE_USERS, ps -> {
      ps.setLong(1, guildId);
      ps.setString(2, from.toString());
      ps.setString(3, to.toString());
    }, rs -> new WeekCount(LocalDate.parse(rs.getString(1)), rs.getLong(2)));
  }

  /** Messages per hour of the week (UTC) over the range, busiest first; hours without messages are absent. */
  public List<HourOfWeekCount> busiestHours(long guildId, Instant from, Instant to) {
    ConsoleQueries.checkRange(from, to);
    return sql.query("busiestHours", BUSIEST_HOURS, ps -> {
      ps.setLong(1, guildId);
      ps.setLong(2, from.getEpochSecond());
      ps.setLong(3, to.getEpochSecond());
    }, rs -> new HourOfWeekCount(rs.getInt(1), rs.getInt(2), rs.getLong(3)));
  }

  /** Moderator actions per kind over the range, most frequent first. */
  public List<ActionCount> moderationActions(long guildId, Instant from, Instant to) {
    ConsoleQueries.checkRange(from, to);
    return sql.query("moderationActions", MODERATION_ACTIONS, ps -> {
      ps.setLong(1, guildId);
      ps.setLong(2, from.getEpochSecond());
      ps.setLong(3, to.getEpochSecond());
    }, rs -> new ActionCount(rs.getString(1), rs.getLong(2)));
  }

  /**
   * New-member retention cohorts: per UTC join day in the range (a member's first join in it), how many joined and
   * how many posted again at least 1, 7 and 30 days later.
   */
  public List<CohortRetention> newMemberRetention(long guildId, LocalDate from, LocalDate to) {
    checkDays(from, to);
    return sql.query("newMemberRetention", NEW_MEMBER_RETENTION, ps -> {
      ps.setLong(1, guildId);
      ps.setLong(2, epochSecond(from));
      ps.setLong(3, epochSecond(to));
      ps.setLong(4, guildId);
    }, rs -> new CohortRetention(LocalDate.parse(rs.getString(1)), rs.getLong(2), rs.getLong(3), rs.getLong(4),
        rs.getLong(5)));
  }

  private static long epochSecond(LocalDate day) {
    return day.toEpochDay() * 86_400L;
  }

  static void checkDays(LocalDate from, LocalDate to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from (" + from + ") must be before to (" + to + ")");
    }
  }
}
