package dev.guildhall.analytics.moderation;

import dev.guildhall.analytics.sink.ClickHouseTable;
import dev.guildhall.analytics.sink.TabSeparatedRows;

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
    public void write(TabSeparatedRows out, ModerationRow row) {
        out.number(row.guildId());
        out.dateTime(row.occurredAt());
        out.number(Long.parseLong(row.eventId()));
        out.string(row.action());
        out.number(row.actorId());
        out.number(row.targetId());
        out.number(row.untilMs());
        out.number(row.occurredAt());
        out.endRow();
    }
}
