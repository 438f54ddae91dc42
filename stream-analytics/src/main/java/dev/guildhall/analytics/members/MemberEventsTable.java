package dev.guildhall.analytics.members;

import dev.guildhall.analytics.sink.ClickHouseTable;
import dev.guildhall.analytics.sink.TabSeparatedRows;

import java.util.List;

/** Binding of each {@link MemberChange} to {@code member_events} (warehouse-schemas V005), for retention cohorts. */
public final class MemberEventsTable implements ClickHouseTable<MemberChange> {
    @Override
    public String name() {
        return "member_events";
    }

    @Override
    public List<String> columns() {
        return List.of("guild_id", "occurred_at", "event_id", "user_id", "joined", "occurred_ms");
    }

    @Override
    public void write(TabSeparatedRows out, MemberChange row) {
        out.number(row.guildId());
        out.dateTime(row.occurredAt());
        out.number(Long.parseLong(row.eventId()));
        out.number(row.userId());
        out.flag(row.joined());
        out.number(row.occurredAt());
        out.endRow();
    }
}
