package dev.guildhall.warehouse.queries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.guildhall.testkit.ClickHouseEngine;
import dev.guildhall.testkit.Engines;
import dev.guildhall.warehouse.ClickHouseConnections;
import dev.guildhall.warehouse.Migrator;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SRE voice queries on per-channel and per-server minutes seeded through their input tables (as the job writes
 * them: the views build the digests), one insert per row so every row is its own part, with re-emitted
 * minutes of higher and lower versions. Percentiles are compared with ClickHouse's quantilesTDigest over the raw
 * values of the same minutes (the brute force), sums and means exactly.
 */
class VoiceQueriesIT {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

  private final ClickHouseEngine ch = Engines.clickhouse();
  private String db;
  private VoiceQueries queries;

  @BeforeEach
  void freshWarehouse() {
    db = ch.createDatabase("voice");
    String url = ch.jdbcUrl(db);
    new Migrator(url).migrate();
    queries = new VoiceQueries(ClickHouseConnections.dataSource(url));
  }

  private static String at(int minutesAfterT0) {
    return "'" + T0.plusSeconds(60L * minutesAfterT0).toString().replace("T", " ").replace("Z", "") + "'";
  }

  /**
   * One channel minute into both inputs: the seeded servers have one channel per minute, so the server minute (the
   * job's roll-up) holds the same values.
   */
  private void minute(String region, String server, long guild, long channel, int minute, double[] rtt,
                      double[] jitter, long expected, long lost, long late, double[] mos, double[] bitrate,
                      long version) {
    String values = jitter.length + ", " + array(rtt) + ", " + array(jitter) + ", " + expected + ", " + lost + ", "
        + late + ", " + mos.length + ", " + Arrays.stream(mos).sum() + ", " + bitrate.length + ", "
        + Arrays.stream(bitrate).sum() + ", " + version + ")";
    ch.query(db, "INSERT INTO voice_quality_channel_1m_input VALUES ('" + region + "', '" + server + "', " + guild
        + ", " + channel + ", " + at(minute) + ", " + values);
    ch.query(db, "INSERT INTO voice_quality_server_1m_input VALUES ('" + region + "', '" + server + "', "
        + at(minute) + ", " + values);
  }

  private static String array(double[] values) {
    return "[" + String.join(",", Arrays.stream(values).mapToObj(v -> v + "").toList()) + "]";
  }

  private static double[] v(double... values) {
    return values;
  }

  /** Brute force: ClickHouse's t-digest over the raw values in one pass. */
  private double[] tdigest(double... values) {
    String out = ch.query(db, "SELECT arrayStringConcat(arrayMap(x -> toString(x), quantilesTDigest(0.5, 0.95, 0.99)(x)), ' ')"
        + " FROM (SELECT arrayJoin(" + array(values) + ") AS x)").trim();
    return Arrays.stream(out.split(" ")).mapToDouble(Double::parseDouble).toArray();
  }

  private void seed() {
    minute("eu", "eu-1", 1, 10, 0, v(20, 40), v(2, 4, 6), 300, 3, 1, v(4, 4), v(32, 32), 100);
    // re-emitted minute with a higher version replaces the row above; one with a lower version is ignored
    minute("eu", "eu-1", 1, 10, 0, v(20, 40, 60), v(2, 4, 6, 8), 400, 4, 2, v(4, 4, 4, 4), v(32, 32, 32, 32), 200);
    minute("eu", "eu-1", 1, 10, 0, v(10), v(1, 1), 200, 100, 0, v(), v(), 50);
    minute("eu", "eu-2", 2, 20, 0, v(200, 300), v(30, 50), 200, 20, 4, v(2, 3), v(), 100);
    minute("eu", "eu-1", 2, 21, 1, v(), v(3, 5), 200, 0, 0, v(), v(), 100);            // version-1 samples: no rtt
    minute("us", "us-1", 3, 30, 0, v(80, 90, 100), v(10, 12, 14), 300, 30, 3, v(3, 3, 3), v(30, 30, 30), 100);
    minute("us", "us-1", 3, 30, 9, v(500), v(99), 100, 90, 0, v(1), v(8), 100);          // after the range
    minute("eu", "eu-1", 1, 10, -1, v(900), v(99), 100, 90, 0, v(1), v(8), 100);         // before the range
  }

  private void assertQuantiles(Double p50, Double p95, Double p99, double[] expected) {
    assertThat(p50).isCloseTo(expected[0], within(1e-3));
    assertThat(p95).isCloseTo(expected[1], within(1e-3));
    assertThat(p99).isCloseTo(expected[2], within(1e-3));
  }

  @Test
  void qualityPerRegionMergesTheChannelMinutesOfABucket() {
    seed();
    List<VoiceQualityPoint> rows = queries.qualityByRegion(T0, T0.plus(FIVE_MINUTES), FIVE_MINUTES);
    assertThat(rows).extracting(VoiceQualityPoint::region, VoiceQualityPoint::bucket).containsExactly(
        org.assertj.core.groups.Tuple.tuple("eu", T0), org.assertj.core.groups.Tuple.tuple("us", T0));
    VoiceQualityStats eu = rows.get(0).stats();
    assertThat(eu.samples()).isEqualTo(8);
    assertThat(eu.rttSamples()).isEqualTo(5);
    assertQuantiles(eu.rttP50Ms(), eu.rttP95Ms(), eu.rttP99Ms(), tdigest(20, 40, 60, 200, 300));
    assertQuantiles(eu.jitterP50Ms(), eu.jitterP95Ms(), eu.jitterP99Ms(), tdigest(2, 4, 6, 8, 30, 50, 3, 5));
    assertThat(eu.rttP50Ms()).isEqualTo(60.0);
    assertThat(eu.packetsExpected()).isEqualTo(800);
    assertThat(eu.lossRatio()).isCloseTo(24.0 / 800, within(1e-12));
    assertThat(eu.latePacketRatio()).isCloseTo(6.0 / 800, within(1e-12));
    assertThat(eu.mos()).isCloseTo((16.0 + 5.0) / 6, within(1e-12));
    assertThat(eu.bitrateKbps()).isCloseTo(32.0, within(1e-12));
    VoiceQualityStats us = rows.get(1).stats();
    assertThat(us.samples()).isEqualTo(3);
    assertQuantiles(us.rttP50Ms(), us.rttP95Ms(), us.rttP99Ms(), tdigest(80, 90, 100));
    assertThat(us.lossRatio()).isCloseTo(0.1, within(1e-12));
    assertThat(us.mos()).isCloseTo(3.0, within(1e-12));

    List<VoiceQualityPoint> perMinute = queries.qualityByRegion(T0, T0.plus(FIVE_MINUTES), Duration.ofMinutes(1));
    assertThat(perMinute).extracting(p -> p.region() + "@" + p.bucket()).containsExactly(
        "eu@" + T0, "us@" + T0, "eu@" + T0.plusSeconds(60));
    VoiceQualityStats euMinute1 = perMinute.get(2).stats();
    assertThat(euMinute1.rttSamples()).isZero();
    assertThat(euMinute1.rttP95Ms()).isNull();
    assertThat(euMinute1.mos()).isNull();
    assertThat(euMinute1.bitrateKbps()).isNull();
    assertThat(euMinute1.jitterP50Ms()).isCloseTo(tdigest(3, 5)[0], within(1e-3));
  }

  @Test
  void qualityPerVoiceServerOfAllOrOneRegion() {
    seed();
    List<VoiceQualityPoint> all = queries.qualityByServer(null, T0, T0.plus(FIVE_MINUTES), FIVE_MINUTES);
    assertThat(all).extracting(p -> p.region() + "/" + p.voiceServer())
        .containsExactly("eu/eu-1", "eu/eu-2", "us/us-1");
    VoiceQualityStats eu1 = all.get(0).stats();
    assertThat(eu1.samples()).isEqualTo(6);
    assertThat(eu1.rttSamples()).isEqualTo(3);
    assertQuantiles(eu1.rttP50Ms(), eu1.rttP95Ms(), eu1.rttP99Ms(), tdigest(20, 40, 60));
    assertThat(eu1.lossRatio()).isCloseTo(4.0 / 600, within(1e-12));
    assertThat(queries.qualityByServer("us", T0, T0.plus(FIVE_MINUTES), FIVE_MINUTES))
        .extracting(VoiceQualityPoint::voiceServer).containsExactly("us-1");
    assertThat(queries.qualityByServer("ap", T0, T0.plus(FIVE_MINUTES), FIVE_MINUTES)).isEmpty();
  }

  @Test
  void regionHeatmapOfRttP95AndMos() {
    seed();
    List<HeatCell> mos = queries.regionHeatmap(VoiceMetric.MOS, T0.minusSeconds(600), T0.plusSeconds(600),
        FIVE_MINUTES);
    assertThat(mos).extracting(c -> c.region() + "@" + c.bucket() + "=" + c.value()).containsExactly(
        "eu@" + T0.minusSeconds(300) + "=1.0",
        "eu@" + T0 + "=3.5",
        "us@" + T0 + "=3.0",
        "us@" + T0.plusSeconds(300) + "=1.0");
    List<HeatCell> rtt = queries.regionHeatmap(VoiceMetric.RTT_P95, T0, T0.plusSeconds(120), Duration.ofMinutes(1));
    assertThat(rtt).extracting(HeatCell::region, HeatCell::bucket, HeatCell::samples).containsExactly(
        org.assertj.core.groups.Tuple.tuple("eu", T0, 6L),
        org.assertj.core.groups.Tuple.tuple("eu", T0.plusSeconds(60), 2L),
        org.assertj.core.groups.Tuple.tuple("us", T0, 3L));
    assertThat(rtt.get(0).value()).isCloseTo(tdigest(20, 40, 60, 200, 300)[1], within(1e-3));
    assertThat(rtt.get(1).value()).as("no RTT in that minute").isNull();
  }

  @Test
  void worstVoiceServersAndGuildsOfTheLastMinutes() {
    seed();
    Instant now = T0.plus(FIVE_MINUTES);
    assertThat(queries.worstVoiceServers(VoiceMetric.RTT_P95, now, 5, 1, 10))
        .extracting(VoiceServerQuality::voiceServer).containsExactly("eu-2", "us-1", "eu-1");
    assertThat(queries.worstVoiceServers(VoiceMetric.MOS, now, 5, 1, 10))
        .extracting(VoiceServerQuality::voiceServer).containsExactly("eu-2", "us-1", "eu-1");
    assertThat(queries.worstVoiceServers(VoiceMetric.LOSS_RATIO, now, 5, 1, 2))
        .extracting(VoiceServerQuality::voiceServer).containsExactly("eu-2", "us-1");
    assertThat(queries.worstVoiceServers(VoiceMetric.JITTER_P95, now, 5, 3, 10))
        .as("servers with fewer than 3 samples left out")
        .extracting(VoiceServerQuality::voiceServer).containsExactly("us-1", "eu-1");
    // the minute 10:09 is in the last 5 minutes of 10:10 only
    assertThat(queries.worstVoiceServers(VoiceMetric.RTT_P95, T0.plusSeconds(600), 5, 1, 10))
        .extracting(s -> s.voiceServer() + ":" + s.stats().rttP95Ms()).containsExactly("us-1:500.0");

    List<GuildVoiceQuality> guilds = queries.worstGuilds(VoiceMetric.MOS, now, 5, 1, 10);
    assertThat(guilds).extracting(GuildVoiceQuality::guildId).containsExactly(2L, 3L, 1L);
    assertThat(guilds.get(0).stats().mos()).isCloseTo(2.5, within(1e-12));
    assertThat(guilds.get(0).stats().samples()).isEqualTo(4);
    assertThat(queries.worstGuilds(VoiceMetric.RTT_P95, now, 5, 1, 1)).extracting(GuildVoiceQuality::guildId)
        .containsExactly(2L);
  }

  @Test
  void openAlertsAndTheAlertTimeline() {
    String window = at(0) + ", " + at(1);
    for (String row : List.of(
        "'a1', 'eu', '', 'jitter_p95_ms', 'open', 40, 30, " + window + ", 1000, 'e1'",
        "'a1', 'eu', '', 'jitter_p95_ms', 'open', 41, 30, " + window + ", 1500, 'e1b'",   // re-emitted open
        "'a1', 'eu', '', 'jitter_p95_ms', 'resolved', 20, 30, " + at(1) + ", " + at(2) + ", 2000, 'e2'",
        "'a2', 'us', '', 'loss_ratio', 'open', 0.09, 0.05, " + window + ", 3000, 'e3'",
        "'a2', 'us', '', 'loss_ratio', 'open', 0.09, 0.05, " + window + ", 3000, 'e3'",     // redelivered
        "'a4', 'us', 'us-2', 'rtt_p95_ms', 'open', 400, 250, " + window + ", 2500, 'e6'",  // one voice server
        "'a3', 'eu', '', 'loss_ratio', 'open', 0.2, 0.05, " + window + ", 500, 'e4'",
        "'a3', 'eu', '', 'loss_ratio', 'resolved', 0.01, 0.05, " + window + ", 800, 'e5'")) {
      ch.query(db, "INSERT INTO alerts (alert_id, region, voice_server, metric, state, value, threshold,"
          + " window_start, window_end, occurred_at, event_id) VALUES (" + row + ")");
    }
    // a row written before V009 (no voice_server column named) reads as a region-level alert
    ch.query(db, "INSERT INTO alerts (alert_id, region, metric, state, value, threshold, window_start, window_end,"
        + " occurred_at, event_id) VALUES ('a5', 'ap', 'loss_ratio', 'open', 0.3, 0.05, " + window + ", 100, 'e7')");
    assertThat(queries.openAlerts(10)).containsExactly(
        new AlertSpan("a2", "us", "", "loss_ratio", 0.05, Instant.ofEpochMilli(3000), 0.09, null, null, T0,
            T0.plusSeconds(60)),
        new AlertSpan("a4", "us", "us-2", "rtt_p95_ms", 250, Instant.ofEpochMilli(2500), 400, null, null, T0,
            T0.plusSeconds(60)),
        new AlertSpan("a5", "ap", "", "loss_ratio", 0.05, Instant.ofEpochMilli(100), 0.3, null, null, T0,
            T0.plusSeconds(60)));
    assertThat(queries.openAlertCount()).isEqualTo(3);
    List<AlertSpan> timeline = queries.alertsBetween(Instant.ofEpochMilli(900), Instant.ofEpochMilli(4000), 10);
    assertThat(timeline).extracting(AlertSpan::alertId).containsExactly("a2", "a4", "a1", "a5");
    assertThat(timeline.get(2)).isEqualTo(new AlertSpan("a1", "eu", "", "jitter_p95_ms", 30,
        Instant.ofEpochMilli(1500), 41, Instant.ofEpochMilli(2000), 20.0, T0, T0.plusSeconds(120)));
    assertThat(timeline.get(0).open()).isTrue();
    assertThat(queries.alertsBetween(Instant.ofEpochMilli(0), Instant.ofEpochMilli(600), 10))
        .extracting(AlertSpan::alertId).containsExactly("a3", "a5");
    assertThat(queries.alertsBetween(Instant.ofEpochMilli(0), Instant.ofEpochMilli(4000), 1))
        .extracting(AlertSpan::alertId).containsExactly("a2");
  }

  /**
   * Open alerts are a bounded page, newest first, with the count of all: 1,500 generated alerts of which every
   * second one was resolved.
   */
  @Test
  void openAlertsAreTheNewestPageAndACountOfAll() {
    String alert = "concat('bulk-', toString(number)), 'eu', if(modulo(number, 3) = 0, '', concat('eu-', toString(modulo(number, 3))))"
        + ", 'loss_ratio', %s, 0.1, 0.05, toDateTime(" + T0.getEpochSecond() + "), toDateTime("
        + (T0.getEpochSecond() + 60) + "), %s, toString(number) FROM numbers(1500)";
    String columns = "INSERT INTO alerts (alert_id, region, voice_server, metric, state, value, threshold,"
        + " window_start, window_end, occurred_at, event_id) SELECT ";
    ch.query(db, columns + alert.formatted("'open'", "10000 + number"));
    ch.query(db, columns + alert.formatted("'resolved'", "20000 + number") + " WHERE number % 2 = 1");

    assertThat(queries.openAlertCount()).isEqualTo(750);
    List<AlertSpan> all = queries.openAlerts(VoiceQueries.MAX_LIMIT);
    assertThat(all).hasSize(750).allMatch(AlertSpan::open);
    assertThat(all).extracting(AlertSpan::openedAt).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    assertThat(all.get(0)).isEqualTo(new AlertSpan("bulk-1498", "eu", "eu-1", "loss_ratio", 0.05,
        Instant.ofEpochMilli(11498), 0.1, null, null, T0, T0.plusSeconds(60)));
    assertThat(all.get(1).voiceServer()).as("bulk-1496: 1496 %% 3 = 2").isEqualTo("eu-2");
    assertThat(all.get(2).voiceServer()).as("bulk-1494: a region-level alert").isEmpty();
    List<AlertSpan> page = queries.openAlerts(50);
    assertThat(page).containsExactlyElementsOf(all.subList(0, 50));
    assertThatThrownBy(() -> queries.openAlerts(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> queries.openAlerts(VoiceQueries.MAX_LIMIT + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * A long range at a fine bucket is answered at a coarser one, at most TimeBuckets.MAX_POINTS per series, with the
   * values of the coarser bucket: 3,000 minutes of two servers (one per region) generated in ClickHouse.
   */
  @Test
  void longRangesAreDownsampledToACoarserBucket() {
    int minutes = 3000;
    for (String[] server : new String[][] {{"eu", "eu-1", "7"}, {"us", "us-1", "3"}}) {
      ch.query(db, "INSERT INTO voice_quality_server_1m_input SELECT '" + server[0] + "', '" + server[1] + "', "
          + "toDateTime(" + T0.getEpochSecond() + " + number * 60), 1, [toFloat64(number % 100)], [1.0], 100, "
          + "number % " + server[2] + ", 0, 1, toFloat64(number % 11), 0, 0, 1 FROM numbers(" + minutes + ")");
    }
    Instant to = T0.plusSeconds(60L * minutes);
    Duration bucket = TimeBuckets.forRange(T0, to, Duration.ofMinutes(1));
    assertThat(bucket).isEqualTo(Duration.ofMinutes(5));

    List<VoiceQualityPoint> byRegion = queries.qualityByRegion(T0, to, Duration.ofMinutes(1));
    assertThat(byRegion).hasSize(2 * 600);
    for (VoiceQualityPoint p : byRegion) {
      long first = (p.bucket().getEpochSecond() - T0.getEpochSecond()) / 60;
      assertThat(first % 5).isZero();
      long mod = p.region().equals("eu") ? 7 : 3;
      long lost = 0;
      double mos = 0;
      for (long m = first; m < first + 5; m++) {
        lost += m % mod;
        mos += m % 11;
      }
      assertThat(p.stats().samples()).isEqualTo(5);
      assertThat(p.stats().packetsExpected()).isEqualTo(500);
      assertThat(p.stats().packetsLost()).as("%s", p).isEqualTo(lost);
      assertThat(p.stats().mos()).isCloseTo(mos / 5, within(1e-9));
    }
    VoiceQualityStats last = byRegion.get(byRegion.size() - 1).stats();
    assertQuantiles(last.rttP50Ms(), last.rttP95Ms(), last.rttP99Ms(), tdigest(95, 96, 97, 98, 99));

    assertThat(queries.qualityByServer("eu", T0, to, Duration.ofMinutes(1))).hasSize(600)
        .extracting(VoiceQualityPoint::stats).extracting(VoiceQualityStats::packetsLost)
        .containsExactlyElementsOf(byRegion.stream().filter(p -> p.region().equals("eu"))
            .map(p -> p.stats().packetsLost()).toList());
    List<HeatCell> heat = queries.regionHeatmap(VoiceMetric.LOSS_RATIO, T0, to, Duration.ofMinutes(2));
    assertThat(heat).hasSize(2 * 600);
    assertThat(heat.get(0).value()).isCloseTo((0 + 1 + 2 + 3 + 4) / 500.0, within(1e-12));
    // a bucket that already fits is kept
    assertThat(queries.qualityByRegion(T0, T0.plusSeconds(6000), Duration.ofMinutes(1))).hasSize(2 * 100);
  }

  @Test
  void badArgumentsAreClearErrorsAndAnEmptyWarehouseAnswersEmpty() {
    assertThatThrownBy(() -> queries.qualityByRegion(T0, T0.plusSeconds(60), Duration.ofSeconds(90)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole minutes");
    assertThatThrownBy(() -> queries.qualityByRegion(T0, T0, FIVE_MINUTES))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be before");
    assertThatThrownBy(() -> queries.worstGuilds(VoiceMetric.MOS, T0, 0, 1, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> queries.worstVoiceServers(VoiceMetric.MOS, T0, 5, 1, VoiceQueries.MAX_LIMIT + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(queries.qualityByRegion(T0, T0.plusSeconds(60), FIVE_MINUTES)).isEmpty();
    assertThat(queries.worstVoiceServers(VoiceMetric.RTT_P95, T0, 5, 1, 10)).isEmpty();
    assertThat(queries.openAlerts(10)).isEmpty();
    assertThat(queries.openAlertCount()).isZero();
  }
}
