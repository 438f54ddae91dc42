package dev.guildhall.analytics.voice;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The value columns shared by {@code voice_quality_channel_1m_input} and {@code voice_quality_server_1m_input}
 * (warehouse migration V007): a {@link MinuteQuality} and the row version.
 */
final class QualityColumns {
    static final List<String> NAMES = List.of("samples", "rtt_values", "jitter_values", "packets_expected",
            "packets_lost", "packets_late", "mos_samples", "mos_sum", "bitrate_samples", "bitrate_sum", "version");

    private QualityColumns() {
    }

    /** Sets parameters {@code first} .. {@code first + NAMES.size() - 1}. */
    static void bind(PreparedStatement ps, int first, MinuteQuality q, long version) throws SQLException {
        int i = first;
        ps.setLong(i++, q.samples());
        ps.setArray(i++, ps.getConnection().createArrayOf("Float64", boxed(q.rttMs())));
        ps.setArray(i++, ps.getConnection().createArrayOf("Float64", boxed(q.jitterMs())));
        ps.setLong(i++, q.packetsExpected());
        ps.setLong(i++, q.packetsLost());
        ps.setLong(i++, q.packetsLate());
        ps.setLong(i++, q.mosSamples());
        ps.setDouble(i++, q.mosSum());
        ps.setLong(i++, q.bitrateSamples());
        ps.setDouble(i++, q.bitrateSum());
        ps.setLong(i, version);
    }

    private static Double[] boxed(double[] values) {
        Double[] boxed = new Double[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }
}
