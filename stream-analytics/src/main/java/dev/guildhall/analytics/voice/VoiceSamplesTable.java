package dev.guildhall.analytics.voice;

import dev.guildhall.analytics.sink.ClickHouseTable;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/** Binding of {@link VoiceSample} to {@code voice_quality_samples} (warehouse migration V007): every sample raw. */
public final class VoiceSamplesTable implements ClickHouseTable<VoiceSample> {
    @Override
    public String name() {
        return "voice_quality_samples";
    }

    @Override
    public List<String> columns() {
        return List.of("region", "voice_server", "guild_id", "channel_id", "user_id", "ssrc", "occurred_at",
                "event_id", "window_ms", "packets_expected", "packets_received", "packets_lost", "jitter_ms", "rtt_ms",
                "packets_late", "bitrate_kbps", "mos", "occurred_ms");
    }

    @Override
    public void bind(PreparedStatement ps, VoiceSample s) throws SQLException {
        ps.setString(1, s.region());
        ps.setString(2, s.voiceServer());
        ps.setLong(3, s.guildId());
        ps.setLong(4, s.channelId());
        ps.setLong(5, s.userId());
        ps.setLong(6, s.ssrc());
        ps.setString(7, ClickHouseTable.dateTime(s.occurredAt()));
        ps.setString(8, s.eventId());
        ps.setInt(9, s.windowMs());
        ps.setLong(10, s.packetsExpected());
        ps.setLong(11, s.packetsReceived());
        ps.setLong(12, s.packetsLost());
        ps.setDouble(13, s.jitterMs());
        setNullable(ps, 14, s.rttMs());
        if (s.packetsLate() == null) {
            ps.setNull(15, Types.BIGINT);
        } else {
            ps.setLong(15, s.packetsLate());
        }
        setNullable(ps, 16, s.bitrateKbps());
        setNullable(ps, 17, s.mos());
        ps.setLong(18, s.occurredAt());
    }

    private static void setNullable(PreparedStatement ps, int index, Double value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.DOUBLE);
        } else {
            ps.setDouble(index, value);
        }
    }
}
