package dev.guildhall.console.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VoiceQualityTest {

    @Test
    void groupsByRegionForChartsAndSortsTableNewestFirst() {
        Instant m1 = Instant.parse("2026-11-28T10:00:00Z");
        Instant m2 = Instant.parse("2026-11-28T10:01:00Z");
        VoiceQualityReader reader = new VoiceQualityReader() {
            @Override
            public List<RegionMinute> voiceQualityByRegion(Instant from, Instant to) {
                return List.of(new RegionMinute("us", m1, 4, 12, 0.01), new RegionMinute("eu", m1, 5, 20, 0.02),
                        new RegionMinute("eu", m2, 6, 25, 0.03));
            }

            @Override
            public Optional<List<VoiceAlert>> recentAlerts(int limit) {
                assertThat(limit).isEqualTo(VoiceQuality.ALERT_LIMIT);
                return Optional.of(List.of());
            }
        };
        VoiceQualityReport r = new VoiceQuality(reader, Duration.ofMinutes(60),
                Clock.fixed(Instant.parse("2026-11-28T10:30:00Z"), ZoneOffset.UTC)).lastWindow();
        assertThat(r.byRegion()).containsOnlyKeys("eu", "us");
        assertThat(r.byRegion().get("eu")).extracting(RegionMinute::minute).containsExactly(m1, m2);
        assertThat(r.rows()).extracting(RegionMinute::region, RegionMinute::minute)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("eu", m2),
                        org.assertj.core.groups.Tuple.tuple("eu", m1),
                        org.assertj.core.groups.Tuple.tuple("us", m1));
        assertThat(r.alerts()).contains(List.of());
    }
}
