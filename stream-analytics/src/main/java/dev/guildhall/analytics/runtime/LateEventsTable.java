package dev.guildhall.analytics.runtime;

import dev.guildhall.analytics.sink.ClickHouseTable;

import java.sql.PreparedStatement;
import java.sql.SQLException;
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
    public void bind(PreparedStatement ps, LateEvent e) throws SQLException {
        ps.setString(1, e.job());
        ps.setString(2, ClickHouseTable.dateTime(e.occurredAt()));
        ps.setString(3, e.eventId());
        ps.setString(4, e.eventType());
        ps.setLong(5, e.guildId());
        ps.setLong(6, e.occurredAt());
        ps.setLong(7, e.arrivedMs());
        ps.setLong(8, e.watermarkMs());
    }
}
