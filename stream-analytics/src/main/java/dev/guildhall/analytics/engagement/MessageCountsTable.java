package dev.guildhall.analytics.engagement;

import dev.guildhall.analytics.sink.ClickHouseTable;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Binding of {@link MessageCountRow} to {@code message_counts_1m} (see docs/runtime-contract.md). */
public final class MessageCountsTable implements ClickHouseTable<MessageCountRow> {
    @Override
    public String name() {
        return "message_counts_1m";
    }

    @Override
    public List<String> columns() {
        return List.of("guild_id", "channel_id", "minute", "messages", "version");
    }

    @Override
    public void bind(PreparedStatement ps, MessageCountRow row) throws SQLException {
        ps.setLong(1, row.guildId());
        ps.setLong(2, row.channelId());
        ps.setString(3, ClickHouseTable.dateTime(row.minute()));
        ps.setLong(4, row.messages());
        ps.setLong(5, row.version());
    }
}
