package dev.guildhall.console.voice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guildhall.warehouse.queries.AlertSpan;
import dev.guildhall.warehouse.queries.GuildVoiceQuality;
import dev.guildhall.warehouse.queries.HeatCell;
import dev.guildhall.warehouse.queries.TimeBuckets;
import dev.guildhall.warehouse.queries.VoiceMetric;
import dev.guildhall.warehouse.queries.VoiceQualityPoint;
import dev.guildhall.warehouse.queries.VoiceQualityStats;
import dev.guildhall.warehouse.queries.VoiceServerQuality;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link VoiceDashboard} over a recording reader: which queries it runs with which bounds. */
class VoiceDashboardTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:07:30Z");
    private static final VoiceQualityStats STATS = new VoiceQualityStats(4, 4, 20.0, 40.0, 50.0, 1, 2, 3, 100, 5, 0,
            0.05, 0, 4.1, 32.0);

    private static final AlertSpan REGION_ALERT = new AlertSpan("a1", "eu", "", "loss_ratio", 0.05, NOW, 0.09, null,
            null, NOW, NOW);
    private static final AlertSpan SERVER_ALERT = new AlertSpan("a2", "eu", "eu-2", "rtt_p95_ms", 250, NOW, 400, null,
            null, NOW, NOW);

    private final List<String> calls = new ArrayList<>();
    private final VoiceDashboard dashboard = new VoiceDashboard(new Recording(), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void allRegionsReadsPerRegionWithAlignedHalfOpenBoundsAndRanksTheLastMinutes() {
        VoiceDashboardReport r = dashboard.load(TimeRange.LAST_6_HOURS, null, VoiceMetric.RTT_P95);
        // to = end of the current minute; from aligned down to the 5-minute bucket
        assertThat(r.to()).isEqualTo(Instant.parse("2026-01-01T10:08:00Z"));
        assertThat(r.from()).isEqualTo(Instant.parse("2026-01-01T04:05:00Z"));
        assertThat(calls).containsExactly(
                "qualityByRegion 2026-01-01T04:05:00Z 2026-01-01T10:08:00Z PT5M",
                "regionHeatmap RTT_P95 2026-01-01T04:05:00Z 2026-01-01T10:08:00Z PT5M",
                "worstVoiceServers RTT_P95 2026-01-01T10:08:00Z 5 10",
                "worstGuilds RTT_P95 2026-01-01T10:08:00Z 5 10",
                "openAlerts 50",
                "openAlertCount",
                "alertsBetween 2026-01-01T04:05:00Z 2026-01-01T10:08:00Z 50");
        assertThat(r.regions()).containsExactly("eu", "us");
        assertThat(r.region()).isNull();
        assertThat(r.series()).extracting(r::seriesKey).containsExactly("us", "eu");
        assertThat(r.isEmpty()).isFalse();
    }

    @Test
    void aRegionBreaksDownPerVoiceServerAndAnUnknownRegionFallsBackToAll() {
        VoiceDashboardReport r = dashboard.load(TimeRange.LAST_HOUR, "eu", VoiceMetric.MOS);
        assertThat(calls).contains("qualityByServer eu 2026-01-01T09:08:00Z 2026-01-01T10:08:00Z PT1M");
        assertThat(r.region()).isEqualTo("eu");
        assertThat(r.series()).extracting(r::seriesKey).containsExactly("eu-1");
        calls.clear();
        VoiceDashboardReport unknown = dashboard.load(TimeRange.LAST_HOUR, "mars", VoiceMetric.MOS);
        assertThat(unknown.region()).isNull();
        assertThat(calls).noneMatch(c -> c.startsWith("qualityByServer"));
    }

    @Test
    void openAlertsAreTheNewestPageWithTheCountOfAllAndNameTheirVoiceServer() {
        VoiceDashboardReport r = dashboard.load(TimeRange.LAST_HOUR, null, VoiceMetric.LOSS_RATIO);
        assertThat(r.openAlerts()).containsExactly(REGION_ALERT, SERVER_ALERT);
        assertThat(r.openAlertCount()).isEqualTo(66_772);
        assertThat(r.openAlertsNotShown()).isEqualTo(66_770);
        assertThat(VoiceDashboardReport.voiceServerOf(REGION_ALERT)).isEqualTo("—");
        assertThat(VoiceDashboardReport.voiceServerOf(SERVER_ALERT)).isEqualTo("eu-2");
    }

    @Test
    void everyRangeAsksForAtMostAThousandPointsPerSeries() {
        for (TimeRange range : TimeRange.values()) {
            calls.clear();
            VoiceDashboardReport r = dashboard.load(range, null, VoiceMetric.MOS);
            long points = Duration.between(r.from(), r.to()).toSeconds() / r.bucket().toSeconds();
            assertThat(points).as(range.name()).isBetween(1L, (long) TimeBuckets.MAX_POINTS);
            assertThat(calls.get(0)).endsWith(" " + r.bucket());
        }
    }

    @Test
    void measuresPickTheirNumberAndRttIsAbsentWithoutSamples() {
        assertThat(QualityMeasure.rtt(99).of(STATS)).isEqualTo(50.0);
        assertThat(QualityMeasure.jitter(50).of(STATS)).isEqualTo(1.0);
        assertThat(QualityMeasure.LOSS_RATIO.of(STATS)).isEqualTo(0.05);
        assertThat(QualityMeasure.MOS.of(STATS)).isEqualTo(4.1);
        VoiceQualityStats noRtt = new VoiceQualityStats(1, 0, null, null, null, 1, 1, 1, 0, 0, 0, 0, 0, null, null);
        assertThat(QualityMeasure.RTT_P95.of(noRtt)).isNull();
        assertThat(QualityMeasure.MOS.of(noRtt)).isNull();
    }

    private final class Recording implements VoiceDashboardReader {
        @Override
        public List<VoiceQualityPoint> qualityByRegion(Instant from, Instant to, Duration bucket) {
            calls.add("qualityByRegion " + from + " " + to + " " + bucket);
            return List.of(new VoiceQualityPoint("us", "", from, STATS), new VoiceQualityPoint("eu", "", from, STATS));
        }

        @Override
        public List<VoiceQualityPoint> qualityByServer(String region, Instant from, Instant to, Duration bucket) {
            calls.add("qualityByServer " + region + " " + from + " " + to + " " + bucket);
            return List.of(new VoiceQualityPoint(region, region + "-1", from, STATS));
        }

        @Override
        public List<HeatCell> regionHeatmap(VoiceMetric metric, Instant from, Instant to, Duration bucket) {
            calls.add("regionHeatmap " + metric + " " + from + " " + to + " " + bucket);
            return List.of();
        }

        @Override
        public List<VoiceServerQuality> worstVoiceServers(VoiceMetric metric, Instant now, int minutes, int limit) {
            calls.add("worstVoiceServers " + metric + " " + now + " " + minutes + " " + limit);
            return List.of();
        }

        @Override
        public List<GuildVoiceQuality> worstGuilds(VoiceMetric metric, Instant now, int minutes, int limit) {
            calls.add("worstGuilds " + metric + " " + now + " " + minutes + " " + limit);
            return List.of();
        }

        @Override
        public List<AlertSpan> openAlerts(int limit) {
            calls.add("openAlerts " + limit);
            return List.of(REGION_ALERT, SERVER_ALERT);
        }

        @Override
        public long openAlertCount() {
            calls.add("openAlertCount");
            return 66_772;
        }

        @Override
        public List<AlertSpan> alertsBetween(Instant from, Instant to, int limit) {
            calls.add("alertsBetween " + from + " " + to + " " + limit);
            return List.of();
        }
    }
}
