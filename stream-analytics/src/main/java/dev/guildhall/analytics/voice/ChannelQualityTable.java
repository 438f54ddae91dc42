package dev.guildhall.analytics.voice;

import dev.guildhall.analytics.sink.ClickHouseTable;

import java.sql.PreparedStatement;
import java.sql.SQLException;
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
    public void bind(PreparedStatement ps, ChannelQualityRow row) throws SQLException {
        ps.setString(1, row.region());
        ps.setString(2, row.voiceServer());
        ps.setLong(3, row.guildId());
        ps.setLong(4, row.channelId());
        ps.setString(5, ClickHouseTable.dateTime(row.minute()));
        QualityColumns.bind(ps, 6, row.quality(), row.version());
    }
}
