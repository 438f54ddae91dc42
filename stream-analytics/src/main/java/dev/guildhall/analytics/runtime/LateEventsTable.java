package dev.guildhall.analytics.runtime;

import dev.guildhall.analytics.sink.ClickHouseTable;
import dev.guildhall.analytics.sink.TabSeparatedRows;

import java.util.List;

/** Binding of {@link LateEvent} to {@code late_events} (warehouse migration V008). */
public final class LateEventsTable implements ClickHouseTable<LateEvent> {
    @Override
    public String name() {
        return "late_events";
    }

    @Override
    public List<String> columns() {
        return List.of("job", "occurred_at", "event_id", "event_type", "guild_id", "occurred_ms", "arrived_ms",
                "watermark_ms");
    }

    @Override
    public void write(TabSeparatedRows out, LateEvent e) {
        out.string(e.job());
        out.dateTime(e.occurredAt());
        out.string(e.eventId());
        out.string(e.eventType());
        out.number(e.guildId());
        out.number(e.occurredAt());
        out.number(e.arrivedMs());
        out.number(e.watermarkMs());
        out.endRow();
    }
}
