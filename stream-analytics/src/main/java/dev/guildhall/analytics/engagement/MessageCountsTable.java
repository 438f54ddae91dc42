package dev.guildhall.analytics.engagement;

import dev.guildhall.analytics.sink.ClickHouseTable;
import dev.guildhall.analytics.sink.TabSeparatedRows;

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
    public void write(TabSeparatedRows out, MessageCountRow row) {
        out.number(row.guildId());
        out.number(row.channelId());
        out.dateTime(row.minute());
        out.number(row.messages());
        out.number(row.version());
        out.endRow();
    }
}
