package dev.guildhall.analytics.engagement;

import dev.guildhall.analytics.sink.ClickHouseTable;
import dev.guildhall.analytics.sink.TabSeparatedRows;

import java.util.List;

/**
 * Binding of {@link UserActivityRow} to {@code user_activity_1d} (warehouse-schemas V004); its materialized views
 * fill the daily and weekly active-user states.
 */
public final class UserActivityTable implements ClickHouseTable<UserActivityRow> {
    @Override
    public String name() {
        return "user_activity_1d";
    }

    @Override
    public List<String> columns() {
        return List.of("guild_id", "user_id", "day", "messages", "version");
    }

    @Override
    public void write(TabSeparatedRows out, UserActivityRow row) {
        out.number(row.guildId());
        out.number(row.userId());
        out.date(row.day());
        out.number(row.messages());
        out.number(row.version());
        out.endRow();
    }
}
