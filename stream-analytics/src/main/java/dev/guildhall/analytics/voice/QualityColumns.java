package dev.guildhall.analytics.voice;

import dev.guildhall.analytics.sink.TabSeparatedRows;

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

    /** Writes the values of {@link #NAMES}, in that order. */
    static void write(TabSeparatedRows out, MinuteQuality q, long version) {
        out.number(q.samples());
        out.float64Array(q.rttMs());
        out.float64Array(q.jitterMs());
        out.number(q.packetsExpected());
        out.number(q.packetsLost());
        out.number(q.packetsLate());
        out.number(q.mosSamples());
        out.float64(q.mosSum());
        out.number(q.bitrateSamples());
        out.float64(q.bitrateSum());
        out.number(version);
    }
}
