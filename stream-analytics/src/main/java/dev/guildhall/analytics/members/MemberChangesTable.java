package dev.guildhall.analytics.members;

import dev.guildhall.analytics.sink.ClickHouseTable;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Binding of {@link MemberChangesRow} to {@code member_changes_1d} (warehouse-schemas V004). */
public final class MemberChangesTable implements ClickHouseTable<MemberChangesRow> {
    @Override
    public String name() {
        return "member_changes_1d";
    }

    @Override
    public List<String> columns() {
        return List.of("guild_id", "day", "joins", "leaves", "version");
    }

    @Override
    public void bind(PreparedStatement ps, MemberChangesRow row) throws SQLException {
        ps.setLong(1, row.guildId());
        ps.setString(2, ClickHouseTable.date(row.day()));
        ps.setLong(3, row.joins());
        ps.setLong(4, row.leaves());
        ps.setLong(5, row.version());
    }
}
