package dev.guildhall.analytics.alerts;

import dev.guildhall.analytics.sink.ClickHouseTable;
import dev.guildhall.analytics.sink.TabSeparatedRows;

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
    public void write(TabSeparatedRows out, AlertEvent a) {
        out.string(a.alertId());
        out.string(a.region());
        out.string(a.metric());
        out.string(a.state());
        out.float64(a.value());
        out.float64(a.threshold());
        out.dateTime(a.windowStart());
        out.dateTime(a.windowEnd());
        out.number(a.occurredAt());
        out.string(a.eventId());
        out.string(a.voiceServer());
        out.endRow();
    }
}
