package dev.guildhall.analytics.members;

import dev.guildhall.analytics.sink.ClickHouseTable;
import dev.guildhall.analytics.sink.TabSeparatedRows;

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
    public void write(TabSeparatedRows out, MemberChangesRow row) {
        out.number(row.guildId());
        out.date(row.day());
        out.number(row.joins());
        out.number(row.leaves());
        out.number(row.version());
        out.endRow();
    }
}
