package dev.guildhall.analytics.voice;

import dev.guildhall.analytics.sink.ClickHouseTable;

import java.sql.PreparedStatement;
import java.sql.SQLException;
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
        return List.of("region", "voice_server", "guild_id", "channel_id", "minute", "samples", "rtt_values",
                "jitter_values", "packets_expected", "packets_lost", "packets_late", "mos_samples", "mos_sum",
                "bitrate_samples", "bitrate_sum", "version");
    }

    @Override
    public void bind(PreparedStatement ps, ChannelQualityRow row) throws SQLException {
        ChannelQuality q = row.quality();
        ps.setString(1, row.region());
        ps.setString(2, row.voiceServer());
        ps.setLong(3, row.guildId());
        ps.setLong(4, row.channelId());
        ps.setString(5, ClickHouseTable.dateTime(row.minute()));
        ps.setLong(6, q.samples());
        ps.setArray(7, ps.getConnection().createArrayOf("Float64", boxed(q.rttMs())));
        ps.setArray(8, ps.getConnection().createArrayOf("Float64", boxed(q.jitterMs())));
        ps.setLong(9, q.packetsExpected());
        ps.setLong(10, q.packetsLost());
        ps.setLong(11, q.packetsLate());
        ps.setLong(12, q.mosSamples());
        ps.setDouble(13, q.mosSum());
        ps.setLong(14, q.bitrateSamples());
        ps.setDouble(15, q.bitrateSum());
        ps.setLong(16, row.version());
    }

    private static Double[] boxed(double[] values) {
        Double[] boxed = new Double[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }
}
