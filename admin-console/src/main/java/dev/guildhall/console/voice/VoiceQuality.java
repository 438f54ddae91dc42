package dev.guildhall.console.voice;

import dev.guildhall.console.config.ConsoleProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/** p95 jitter and loss ratio per region over the configured window, plus recent alerts. */
@Service
public class VoiceQuality {

    static final int ALERT_LIMIT = 20;

    private final VoiceQualityReader reader;
    private final Duration window;
    private final Clock clock;

    @Autowired
    public VoiceQuality(VoiceQualityReader reader, ConsoleProperties properties) {
        this(reader, properties.window(), Clock.systemUTC());
    }

    public VoiceQuality(VoiceQualityReader reader, Duration window, Clock clock) {
        this.reader = reader;
        this.window = window;
        this.clock = clock;
    }

    public VoiceQualityReport lastWindow() {
        Instant to = clock.instant().truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        Instant from = to.minus(window);
        List<RegionMinute> rows = reader.voiceQualityByRegion(from, to).stream()
                .filter(r -> !r.minute().isBefore(from) && r.minute().isBefore(to))
                .toList();
        Map<String, List<RegionMinute>> byRegion = rows.stream()
                .sorted(Comparator.comparing(RegionMinute::minute))
                .collect(Collectors.groupingBy(RegionMinute::region, TreeMap::new, Collectors.toList()));
        List<RegionMinute> table = rows.stream()
                .sorted(Comparator.comparing(RegionMinute::minute).reversed().thenComparing(RegionMinute::region))
                .toList();
        return new VoiceQualityReport(from, to, byRegion, table, reader.recentAlerts(ALERT_LIMIT));
    }
}
