package dev.guildhall.analytics.engagement;

import dev.guildhall.analytics.sink.ClickHouseTable;

import java.sql.PreparedStatement;
import java.sql.SQLException;
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
    public void bind(PreparedStatement ps, UserActivityRow row) throws SQLException {
        ps.setLong(1, row.guildId());
        ps.setLong(2, row.userId());
        ps.setString(3, ClickHouseTable.date(row.day()));
        ps.setLong(4, row.messages());
        ps.setLong(5, row.version());
    }
}
