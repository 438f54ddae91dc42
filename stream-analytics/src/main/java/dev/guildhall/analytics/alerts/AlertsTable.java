package dev.guildhall.analytics.alerts;

import dev.guildhall.analytics.sink.ClickHouseTable;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Binding of {@link AlertEvent} to the {@code alerts} table (warehouse-schemas V003, voice_server since V009). */
public final class AlertsTable implements ClickHouseTable<AlertEvent> {
    @Override
    public String name() {
        return "alerts";
    }

    @Override
    public List<String> columns() {
        return List.of("alert_id", "region", "metric", "state", "value", "threshold", "window_start", "window_end",
                "occurred_at", "event_id", "voice_server");
    }

    @Override
    public void bind(PreparedStatement ps, AlertEvent a) throws SQLException {
        ps.setString(1, a.alertId());
        ps.setString(2, a.region());
        ps.setString(3, a.metric());
        ps.setString(4, a.state());
        ps.setDouble(5, a.value());
        ps.setDouble(6, a.threshold());
        ps.setString(7, ClickHouseTable.dateTime(a.windowStart()));
        ps.setString(8, ClickHouseTable.dateTime(a.windowEnd()));
        ps.setLong(9, a.occurredAt());
        ps.setString(10, a.eventId());
        ps.setString(11, a.voiceServer());
    }
}
