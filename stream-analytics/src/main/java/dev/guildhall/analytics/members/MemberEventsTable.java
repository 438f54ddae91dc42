package dev.guildhall.analytics.members;

import dev.guildhall.analytics.sink.ClickHouseTable;

import java.sql.PreparedStatement;
import java.sql.SQLException;
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
    public void bind(PreparedStatement ps, MemberChange row) throws SQLException {
        ps.setLong(1, row.guildId());
        ps.setString(2, ClickHouseTable.dateTime(row.occurredAt()));
        ps.setLong(3, Long.parseLong(row.eventId()));
        ps.setLong(4, row.userId());
        ps.setInt(5, row.joined() ? 1 : 0);
        ps.setLong(6, row.occurredAt());
    }
}
