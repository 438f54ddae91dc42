package dev.guildhall.warehouse.queries;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The SRE's named voice queries over {@code voice_quality_server_1m} (per region, voice server and minute: time
 * series, heatmap, server ranking), {@code voice_quality_channel_1m} (per region, voice server, guild, channel and
 * minute: guild ranking), both read with FINAL so a re-emitted minute counts once, and {@code alerts}. Percentiles merge the minutes'
 * t-digest states ({@code quantilesTDigestMerge}); loss and late-packet ratios are Σ / Σ; MOS and bitrate are means
 * over the samples that carried them. Time buckets are aligned to multiples of their length since the epoch;
 * ranges are half-open {@code [from, to)} on the minute. Every answer is bounded: time series have at most
 * {@link TimeBuckets#MAX_POINTS} buckets per series (a longer range gets a coarser bucket), rankings and alert
 * lists a limit (1..{@value #MAX_LIMIT}). Runs on ClickHouse 18.16 and current servers.
 */
public final class VoiceQueries {
  public static final int MAX_BUCKET_MINUTES = 1440;
  public static final int MAX_RECENT_MINUTES = 1440;
  public static final int MAX_LIMIT = 1000;

  /** The aggregate columns every query selects (aliases distinct from the table's columns). */
  private static final String STATS = """
      sum(samples) AS n_samples, sum(rtt_samples) AS n_rtt,
      quantilesTDigestMerge(0.5, 0.95, 0.99)(rtt_ms) AS rtt_q,
      quantilesTDigestMerge(0.5, 0.95, 0.99)(jitter_ms) AS jitter_q,
      if(n_rtt = 0, 0, rtt_q[1]) AS rtt_p50, if(n_rtt = 0, 0, rtt_q[2]) AS rtt_p95,
      if(n_rtt = 0, 0, rtt_q[3]) AS rtt_p99,
      jitter_q[1] AS jitter_p50, jitter_q[2] AS jitter_p95, jitter_q[3] AS jitter_p99,
      sum(packets_expected) AS n_expected, sum(packets_lost) AS n_lost, sum(packets_late) AS n_late,
      sum(mos_samples) AS n_mos, sum(mos_sum) AS s_mos, sum(bitrate_samples) AS n_bitrate,
      sum(bitrate_sum) AS s_bitrate""";

  static final String QUALITY_BY_REGION = """
      SELECT region, intDiv(toUInt32(minute), ?) * ? AS bucket_s,
      """ + STATS + """

      FROM voice_quality_server_1m FINAL
      WHERE minute >= toDateTime(?) AND minute < toDateTime(?)
      GROUP BY region, bucket_s
      ORDER BY bucket_s, region""";

  static final String QUALITY_BY_SERVER = """
      SELECT region, voice_server, intDiv(toUInt32(minute), ?) * ? AS bucket_s,
      """ + STATS + """

      FROM voice_quality_server_1m FINAL
      WHERE minute >= toDateTime(?) AND minute < toDateTime(?) AND (? = '' OR region = ?)
      GROUP BY region, voice_server, bucket_s
      ORDER BY bucket_s, region, voice_server""";

  static final String HEATMAP = """
      SELECT region, bucket_s, n_samples, %s AS value
      FROM (
        SELECT region, intDiv(toUInt32(minute), ?) * ? AS bucket_s,
        """ + STATS + """

        FROM voice_quality_server_1m FINAL
        WHERE minute >= toDateTime(?) AND minute < toDateTime(?)
        GROUP BY region, bucket_s
      )
      ORDER BY region, bucket_s""";

  static final String WORST_SERVERS = """
      SELECT region, voice_server,
      """ + STATS + """
      , %s AS rank_value
      FROM voice_quality_server_1m FINAL
      WHERE minute >= toDateTime(?) AND minute < toDateTime(?)
      GROUP BY region, voice_server
      HAVING n_samples >= ?
      ORDER BY rank_value %s, region, voice_server
      LIMIT ?""";

  static final String WORST_GUILDS = """
      SELECT guild_id,
      """ + STATS + """
      , %s AS rank_value
      FROM voice_quality_channel_1m FINAL
      WHERE minute >= toDateTime(?) AND minute < toDateTime(?)
      GROUP BY guild_id
      HAVING n_samples >= ?
      ORDER BY rank_value %s, guild_id
      LIMIT ?""";

  /**
   * Each alert's open state: its newest "open" row (what FINAL keeps of the key (region, alert_id, 'open')), from the
   * rows of that state alone. {@code %s}: a further condition on the rows.
   */
  private static final String OPEN_ROWS = """
      SELECT alert_id, region, voice_server AS vs, metric AS m, threshold AS th, occurred_at AS opened,
             value AS open_value, toUInt32(window_start) AS ws, toUInt32(window_end) AS open_we
      FROM alerts
      WHERE state = 'open'%s
      ORDER BY opened DESC
      LIMIT 1 BY region, alert_id""";

  /** Alerts with a "resolved" row. */
  private static final String RESOLVED_KEYS = "SELECT region, alert_id FROM alerts WHERE state = 'resolved'";

  /** The alerts without a resolved row: open rows whose key is not resolved (no GROUP BY over all alerts). */
  static final String OPEN_ALERTS = """
      SELECT alert_id, region, vs, m, th, opened, open_value, 0 AS resolved_flag, 0 AS resolved,
             0 AS resolved_value, ws, open_we AS we
      FROM (""" + OPEN_ROWS.formatted(" AND (region, alert_id) NOT IN (" + RESOLVED_KEYS + ")") + """
      )
      ORDER BY opened DESC, region, alert_id
      LIMIT ?""";

  static final String OPEN_ALERT_COUNT = """
      SELECT uniqExact(region, alert_id)
      FROM alerts
      WHERE state = 'open' AND (region, alert_id) NOT IN (""" + RESOLVED_KEYS + ")";

  /**
   * Each opened alert with its resolution, if any (the newest "resolved" row, as FINAL keeps it); the window end is
   * the resolution's once resolved.
   */
  static final String ALERTS_BETWEEN = """
      SELECT alert_id, region, vs, m, th, opened, open_value, resolved_flag, resolved, resolved_value, ws,
             if(resolved_flag = 0, open_we, resolved_we) AS we
      FROM (""" + OPEN_ROWS.formatted("") + """
      )
      ANY LEFT JOIN (
        SELECT region, alert_id, toUInt8(1) AS resolved_flag, max(occurred_at) AS resolved,
               argMax(value, occurred_at) AS resolved_value, toUInt32(argMax(window_end, occurred_at)) AS resolved_we
        FROM alerts
        WHERE state = 'resolved'
        GROUP BY region, alert_id
      ) USING (region, alert_id)
      WHERE opened < ? AND (resolved_flag = 0 OR resolved >= ?)
      ORDER BY opened DESC, region, alert_id
      LIMIT ?""";

  private final SqlQueries sql;

  public VoiceQueries(DataSource dataSource) {
    this.sql = new SqlQueries(dataSource);
  }

  /**
   * Quality per region and bucket over [from, to), ordered by bucket, then region; the bucket is
   * {@link TimeBuckets#forRange} of {@code bucket} (coarser when the range would have more than
   * {@value TimeBuckets#MAX_POINTS} buckets).
   */
  public List<VoiceQualityPoint> qualityByRegion(Instant from, Instant to, Duration bucket) {
    long bucketS = TimeBuckets.forRange(from, to, bucket).toSeconds();
    return sql.query("qualityByRegion", QUALITY_BY_REGION, ps -> {
      ps.setLong(1, bucketS);
      ps.setLong(2, bucketS);
      ps.setLong(3, from.getEpochSecond());
      ps.setLong(4, to.getEpochSecond());
    }, rs -> new VoiceQualityPoint(rs.getString("region"), "", Instant.ofEpochSecond(rs.getLong("bucket_s")),
        stats(rs)));
  }

  /**
   * Quality per voice server and bucket over [from, to) (of one region, or of all when {@code region} is null); the
   * bucket as for {@link #qualityByRegion}.
   */
  public List<VoiceQualityPoint> qualityByServer(String region, Instant from, Instant to, Duration bucket) {
    long bucketS = TimeBuckets.forRange(from, to, bucket).toSeconds();
    String r = region == null ? "" : region;
    return sql.query("qualityByServer", QUALITY_BY_SERVER, ps -> {
      ps.setLong(1, bucketS);
      ps.setLong(2, bucketS);
      ps.setLong(3, from.getEpochSecond());
      ps.setLong(4, to.getEpochSecond());
      ps.setString(5, r);
      ps.setString(6, r);
    }, rs -> new VoiceQualityPoint(rs.getString("region"), rs.getString("voice_server"),
        Instant.ofEpochSecond(rs.getLong("bucket_s")), stats(rs)));
  }

  /** Region × time: one metric per region and bucket, ordered by region, then bucket (bucket as above). */
  public List<HeatCell> regionHeatmap(VoiceMetric metric, Instant from, Instant to, Duration bucket) {
    long bucketS = TimeBuckets.forRange(from, to, bucket).toSeconds();
    return sql.query("regionHeatmap", HEATMAP.formatted(metric.sql), ps -> {
      ps.setLong(1, bucketS);
      ps.setLong(2, bucketS);
      ps.setLong(3, from.getEpochSecond());
      ps.setLong(4, to.getEpochSecond());
    }, rs -> new HeatCell(rs.getString("region"), Instant.ofEpochSecond(rs.getLong("bucket_s")),
        rs.getLong("n_samples"), nullableDouble(rs, "value")));
  }

  /**
   * The voice servers with the worst {@code metric} over the last {@code minutes} before {@code now} (servers with
   * fewer than {@code minSamples} samples are left out; a server without the metric ranks last).
   */
  public List<VoiceServerQuality> worstVoiceServers(VoiceMetric metric, Instant now, int minutes, long minSamples,
                                                    int limit) {
    checkRecent(now, minutes, limit);
    return sql.query("worstVoiceServers", WORST_SERVERS.formatted(metric.sql, metric.worseHigh ? "DESC" : "ASC"),
        ps -> bindRecent(ps, now, minutes, minSamples, limit),
        rs -> new VoiceServerQuality(rs.getString("region"), rs.getString("voice_server"), stats(rs)));
  }

  /** The guilds with the worst {@code metric} over the last {@code minutes} before {@code now}, as for servers. */
  public List<GuildVoiceQuality> worstGuilds(VoiceMetric metric, Instant now, int minutes, long minSamples,
                                             int limit) {
    checkRecent(now, minutes, limit);
    return sql.query("worstGuilds", WORST_GUILDS.formatted(metric.sql, metric.worseHigh ? "DESC" : "ASC"),
        ps -> bindRecent(ps, now, minutes, minSamples, limit),
        rs -> new GuildVoiceQuality(rs.getLong("guild_id"), stats(rs)));
  }

  /** The {@code limit} newest alerts open now (opened, not resolved), newest first; {@link #openAlertCount} all. */
  public List<AlertSpan> openAlerts(int limit) {
    checkLimit(limit);
    return sql.query("openAlerts", OPEN_ALERTS, ps -> ps.setInt(1, limit), VoiceQueries::alertSpan);
  }

  /** How many alerts are open now (what {@link #openAlerts} would list without a limit). */
  public long openAlertCount() {
    return sql.query("openAlertCount", OPEN_ALERT_COUNT, ps -> { }, rs -> rs.getLong(1)).get(0);
  }

  /** Alerts open at any time within [from, to) (still open ones included), newest opening first. */
  public List<AlertSpan> alertsBetween(Instant from, Instant to, int limit) {
    ConsoleQueries.checkRange(from, to);
    checkLimit(limit);
    return sql.query("alertsBetween", ALERTS_BETWEEN, ps -> {
      ps.setLong(1, to.toEpochMilli());
      ps.setLong(2, from.toEpochMilli());
      ps.setInt(3, limit);
    }, VoiceQueries::alertSpan);
  }

  private static AlertSpan alertSpan(ResultSet rs) throws SQLException {
    boolean resolved = rs.getInt("resolved_flag") == 1;
    return new AlertSpan(rs.getString("alert_id"), rs.getString("region"), rs.getString("vs"), rs.getString("m"),
        rs.getDouble("th"),
        Instant.ofEpochMilli(rs.getLong("opened")), rs.getDouble("open_value"),
        resolved ? Instant.ofEpochMilli(rs.getLong("resolved")) : null,
        resolved ? rs.getDouble("resolved_value") : null, Instant.ofEpochSecond(rs.getLong("ws")),
        Instant.ofEpochSecond(rs.getLong("we")));
  }

  private static VoiceQualityStats stats(ResultSet rs) throws SQLException {
    long samples = rs.getLong("n_samples");
    long rttSamples = rs.getLong("n_rtt");
    long expected = rs.getLong("n_expected");
    long lost = rs.getLong("n_lost");
    long late = rs.getLong("n_late");
    long mosSamples = rs.getLong("n_mos");
    long bitrateSamples = rs.getLong("n_bitrate");
    boolean rtt = rttSamples > 0;
    return new VoiceQualityStats(samples, rttSamples,
        rtt ? rs.getDouble("rtt_p50") : null, rtt ? rs.getDouble("rtt_p95") : null,
        rtt ? rs.getDouble("rtt_p99") : null,
        rs.getDouble("jitter_p50"), rs.getDouble("jitter_p95"), rs.getDouble("jitter_p99"),
        expected, lost, late, expected == 0 ? 0 : (double) lost / expected,
        expected == 0 ? 0 : (double) late / expected,
        mosSamples == 0 ? null : rs.getDouble("s_mos") / mosSamples,
        bitrateSamples == 0 ? null : rs.getDouble("s_bitrate") / bitrateSamples);
  }

  private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? null : v;
  }

  private static void bindRecent(PreparedStatement ps, Instant now, int minutes, long minSamples,
                                 int limit) throws SQLException {
    ps.setLong(1, now.getEpochSecond() - 60L * minutes);
    ps.setLong(2, now.getEpochSecond());
    ps.setLong(3, Math.max(1, minSamples));
    ps.setInt(4, limit);
  }

  static long bucketSeconds(Duration bucket) {
    if (bucket == null || bucket.toSeconds() % 60 != 0 || bucket.toMinutes() < 1
        || bucket.toMinutes() > MAX_BUCKET_MINUTES) {
      throw new IllegalArgumentException("bucket must be whole minutes between 1 and " + MAX_BUCKET_MINUTES + ": "
          + bucket);
    }
    return bucket.toSeconds();
  }

  private static void checkRecent(Instant now, int minutes, int limit) {
    Objects.requireNonNull(now, "now");
    if (minutes < 1 || minutes > MAX_RECENT_MINUTES) {
      throw new IllegalArgumentException("minutes must be between 1 and " + MAX_RECENT_MINUTES + ": " + minutes);
    }
    checkLimit(limit);
  }

  private static void checkLimit(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ": " + limit);
    }
  }
}
