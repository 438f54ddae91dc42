package dev.guildhall.warehouse.queries;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The console's AutoMod queries on {@code automod_verdicts} (V006). A message counts once: its rows (a replayed
 * or re-scored message has several until ClickHouse merges them) are reduced to the latest one by
 * {@code argMax(x, scored_ms)} per message before counting. Day ranges are half-open {@code [from, to)} on UTC days,
 * bound as {@code 'yyyy-MM-dd'} text.
 */
public final class AutoModQueries {
  /** The classifier's labels, in the order of the table's score columns. */
  public static final List<String> LABELS = List.of("safe", "spam", "toxic", "harassment");
  public static final int BUCKETS = 10;

  static final String VERDICTS_PER_DAY = """
      SELECT toString(day) AS d, dec, lab, count() AS n
      FROM (
        SELECT day, message_id, argMax(decision, scored_ms) AS dec, argMax(label, scored_ms) AS lab
        FROM automod_verdicts
        WHERE guild_id = ? AND day >= toDate(?) AND day < toDate(?)
        GROUP BY day, message_id
      )
      GROUP BY day, dec, lab
      ORDER BY day, dec, lab""";

  static final String SCORE_DISTRIBUTION = """
      SELECT lab, least(toUInt8(floor(score * 10)), 9) AS bucket, count() AS n
      FROM (
        SELECT message_id, argMax(safe, scored_ms) AS s0, argMax(spam, scored_ms) AS s1,
               argMax(toxic, scored_ms) AS s2, argMax(harassment, scored_ms) AS s3
        FROM automod_verdicts
        WHERE guild_id = ? AND day >= toDate(?) AND day < toDate(?)
        GROUP BY day, message_id
      )
      ARRAY JOIN ['safe', 'spam', 'toxic', 'harassment'] AS lab, [s0, s1, s2, s3] AS score
      GROUP BY lab, bucket""";

  private final SqlQueries sql;

  public AutoModQueries(DataSource dataSource) {
    this.sql = new SqlQueries(dataSource);
  }

  /** Verdicts per UTC day by decision and top label, ordered by day, decision, label; empty groups are absent. */
  public List<VerdictCount> verdictsPerDay(long guildId, LocalDate from, LocalDate to) {
    checkDays(from, to);
    return sql.query("verdictsPerDay", VERDICTS_PER_DAY, ps -> {
      ps.setLong(1, guildId);
      ps.setString(2, from.toString());
      ps.setString(3, to.toString());
    }, rs -> new VerdictCount(LocalDate.parse(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getLong(4)));
  }

  /**
   * The guild's score distribution over the days: for each label of {@link #LABELS} (in that order) all
   * {@link #BUCKETS} buckets of width 0.1, empty ones with count 0.
   */
  public List<ScoreBucket> scoreDistribution(long guildId, LocalDate from, LocalDate to) {
    checkDays(from, to);
    Map<String, Long> counts = new HashMap<>();
    sql.query("scoreDistribution", SCORE_DISTRIBUTION, ps -> {
      ps.setLong(1, guildId);
      ps.setString(2, from.toString());
      ps.setString(3, to.toString());
    }, rs -> counts.put(rs.getString(1) + "/" + rs.getInt(2), rs.getLong(3)));
    List<ScoreBucket> buckets = new ArrayList<>(LABELS.size() * BUCKETS);
    for (String label : LABELS) {
      for (int b = 0; b < BUCKETS; b++) {
        buckets.add(new ScoreBucket(label, b, counts.getOrDefault(label + "/" + b, 0L)));
      }
    }
    return buckets;
  }

  private static void checkDays(LocalDate from, LocalDate to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from (" + from + ") must be before to (" + to + ")");
    }
  }
}
