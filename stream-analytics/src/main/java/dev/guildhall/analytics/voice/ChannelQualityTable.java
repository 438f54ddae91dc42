package dev.guildhall.analytics.voice;

import dev.guildhall.analytics.sink.ClickHouseTable;
import dev.guildhall.analytics.sink.TabSeparatedRows;

import java.util.ArrayList;
import java.util.List;

/**
 * Binding of {@link ChannelQualityRow} to {@code voice_quality_channel_1m_input} (warehouse migration V007): a Null
 * table whose materialized view builds the quantile-digest states and writes {@code voice_quality_channel_1m}.
 */
public final class ChannelQualityTable implements ClickHouseTable<ChannelQualityRow> {
    @Override
    public String name() {
        return "voice_quality_channel_1m_input";
    }

    @Override
    public List<String> columns() {
        List<String> columns = new ArrayList<>(List.of("region", "voice_server", "guild_id", "channel_id", "minute"));
        columns.addAll(QualityColumns.NAMES);
        return columns;
    }

    @Override
    public void write(TabSeparatedRows out, ChannelQualityRow row) {
        out.string(row.region());
        out.string(row.voiceServer());
        out.number(row.guildId());
        out.number(row.channelId());
        out.dateTime(row.minute());
        QualityColumns.write(out, row.quality(), row.version());
        out.endRow();
    }
}
