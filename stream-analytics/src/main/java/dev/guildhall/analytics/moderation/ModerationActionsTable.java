package dev.guildhall.analytics.moderation;

import dev.guildhall.analytics.sink.ClickHouseTable;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Binding of {@link ModerationRow} to {@code moderation_actions} (warehouse-schemas V004). */
public final class ModerationActionsTable implements ClickHouseTable<ModerationRow> {
    @Override
    public String name() {
        return "moderation_actions";
    }

    @Override
    public List<String> columns() {
        return List.of("guild_id", "occurred_at", "event_id", "action", "actor_id", "target_id", "until_ms",
                "occurred_ms");
    }

    @Override
    public void bind(PreparedStatement ps, ModerationRow row) throws SQLException {
        ps.setLong(1, row.guildId());
        ps.setString(2, ClickHouseTable.dateTime(row.occurredAt()));
        ps.setLong(3, Long.parseLong(row.eventId()));
        ps.setString(4, row.action());
        ps.setLong(5, row.actorId());
        ps.setLong(6, row.targetId());
        ps.setLong(7, row.untilMs());
        ps.setLong(8, row.occurredAt());
    }
}
