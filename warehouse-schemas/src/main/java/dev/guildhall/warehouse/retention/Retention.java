package dev.guildhall.warehouse.retention;

import dev.guildhall.warehouse.ClickHouseConnections;
import dev.guildhall.warehouse.ClickHouseUrl;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Drops whole monthly partitions older than a horizon (ClickHouse 18.16 has no TTL). Every analytics table is
 * partitioned by {@code toYYYYMM(<its time column>)}; a partition goes when its whole month lies before the cutoff
 * ({@code today - horizon}), so at most one month more than the horizon is kept and no month is cut in half.
 */
public final class Retention {
  /** The analytics tables (all partitioned by toYYYYMM). A new MergeTree table must be added here (RetentionIT). */
  public static final List<String> TABLES = List.of("message_counts_1m", "voice_quality_1m", "alerts",
      "user_activity_1d", "daily_active_users", "weekly_active_users", "member_changes_1d", "moderation_actions",
      "member_events",
      "voice_quality_samples", "voice_quality_channel_1m", "voice_quality_server_1m", "voice_session_days",
      "late_events", "automod_verdicts");

  private static final Pattern MONTH = Pattern.compile("\\d{6}");
  private static final DateTimeFormatter YYYYMM = DateTimeFormatter.ofPattern("yyyyMM");

  /** A dropped (or, in a dry run, droppable) partition. */
  public record Partition(String table, String month) {}

  private final ClickHouseUrl url;
  private final DataSource dataSource;
  private Consumer<String> progress = line -> {};

  public Retention(String jdbcUrl) {
    this.url = ClickHouseUrl.parse(jdbcUrl);
    this.dataSource = ClickHouseConnections.dataSource(jdbcUrl);
  }

  public Retention withProgress(Consumer<String> progress) {
    this.progress = Objects.requireNonNull(progress);
    return this;
  }

  /** The first day that is kept: {@code today - horizonDays}. */
  public static LocalDate cutoff(LocalDate today, int horizonDays) {
    if (horizonDays < 1) {
      throw new IllegalArgumentException("the retention horizon must be at least 1 day: " + horizonDays);
    }
    return today.minusDays(horizonDays);
  }

  /** Whether a {@code YYYYMM} partition lies wholly before {@code cutoff}. Other partition ids are never expired. */
  public static boolean expired(String partition, LocalDate cutoff) {
    if (!MONTH.matcher(partition).matches()) {
      return false;
    }
    YearMonth month = YearMonth.parse(partition, YYYYMM);
    return !month.plusMonths(1).atDay(1).isAfter(cutoff);
  }

  /** Drops (or with {@code dryRun} only lists) the expired partitions of {@link #TABLES}; returns them. */
  public List<Partition> apply(LocalDate today, int horizonDays, boolean dryRun) {
    LocalDate cutoff = cutoff(today, horizonDays);
    progress.accept("database " + url.database() + ": keeping months from " + YearMonth.from(cutoff)
        + " (cutoff " + cutoff + ", horizon " + horizonDays + " days)" + (dryRun ? ", dry run" : ""));
    List<Partition> expired = new ArrayList<>();
    try (Connection c = dataSource.getConnection()) {
      for (Partition p : partitions(c)) {
        if (!expired(p.month(), cutoff)) {
          continue;
        }
        if (!dryRun) {
          try (Statement s = c.createStatement()) {
            // validated as six digits above: safe to write into the statement
            s.execute("ALTER TABLE " + p.table() + " DROP PARTITION " + p.month());
          }
        }
        progress.accept((dryRun ? "would drop " : "dropped ") + p.table() + " partition " + p.month());
        expired.add(p);
      }
    } catch (SQLException e) {
      throw new RetentionException("retention on " + url.database() + " failed after dropping " + expired.size()
          + " partitions: " + e.getMessage(), e);
    }
    return expired;
  }

  private List<Partition> partitions(Connection c) throws SQLException {
    String sql = "SELECT DISTINCT table, partition FROM system.parts WHERE database = ? AND active"
        + " AND has([" + String.join(", ", TABLES.stream().map(t -> "'" + t + "'").toList()) + "], table)"
        + " ORDER BY table, partition";
    List<Partition> parts = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, url.database());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          parts.add(new Partition(rs.getString(1), rs.getString(2)));
        }
      }
    }
    return parts;
  }
}
