package dev.guildhall.console.clickhouse;

import dev.guildhall.console.insights.MessageCountsReader;
import dev.guildhall.console.insights.MinuteMessages;
import dev.guildhall.console.voice.RegionMinute;
import dev.guildhall.console.voice.VoiceAlert;
import dev.guildhall.console.voice.VoiceQualityReader;
import dev.guildhall.warehouse.queries.ConsoleQueries;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The console's readers over {@link ConsoleQueries} (ClickHouse). */
@Component
public class ClickHouseWarehouse implements MessageCountsReader, VoiceQualityReader {

    private static final Logger log = LoggerFactory.getLogger(ClickHouseWarehouse.class);

    private final ConsoleQueries queries;

    public ClickHouseWarehouse(ConsoleQueries queries) {
        this.queries = queries;
    }

    @Override
    public List<MinuteMessages> messagesPerMinute(long guildId, Instant from, Instant to) {
        return queries.messagesPerMinute(guildId, from, to).stream()
                .map(m -> new MinuteMessages(m.minute(), m.messages()))
                .toList();
    }

    @Override
    public List<RegionMinute> voiceQualityByRegion(Instant from, Instant to) {
        return queries.voiceQualityByRegion(from, to).stream()
                .map(r -> new RegionMinute(r.region(), r.minute(), r.samples(), r.jitterP95Ms(), r.lossRatio()))
                .toList();
    }

    @Override
    public Optional<List<VoiceAlert>> recentAlerts(int limit) {
        try {
            return Optional.of(queries.recentAlerts(limit).stream()
                    .map(a -> new VoiceAlert(a.occurredAt(), a.region(), a.metric(), a.state(), a.value(),
                            a.threshold()))
                    .toList());
        } catch (RuntimeException e) {
            log.warn("event=alerts_query_failed error={}", e.getMessage());
            return Optional.empty();
        }
    }
}
