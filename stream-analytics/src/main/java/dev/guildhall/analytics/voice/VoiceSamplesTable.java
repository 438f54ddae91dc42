package dev.guildhall.analytics.voice;

import dev.guildhall.analytics.sink.ClickHouseTable;
import dev.guildhall.analytics.sink.TabSeparatedRows;

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
    public void write(TabSeparatedRows out, VoiceSample s) {
        out.string(s.region());
        out.string(s.voiceServer());
        out.number(s.guildId());
        out.number(s.channelId());
        out.number(s.userId());
        out.number(s.ssrc());
        out.dateTime(s.occurredAt());
        out.string(s.eventId());
        out.number(s.windowMs());
        out.number(s.packetsExpected());
        out.number(s.packetsReceived());
        out.number(s.packetsLost());
        out.float64(s.jitterMs());
        out.nullableFloat64(s.rttMs());
        out.nullableNumber(s.packetsLate());
        out.nullableFloat64(s.bitrateKbps());
        out.nullableFloat64(s.mos());
        out.number(s.occurredAt());
        out.endRow();
    }
}
