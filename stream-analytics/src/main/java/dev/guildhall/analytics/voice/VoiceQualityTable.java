package dev.guildhall.analytics.voice;

import dev.guildhall.analytics.sink.ClickHouseTable;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Binding of {@link VoiceQualityRow} to {@code voice_quality_1m} (see docs/runtime-contract.md). */
public final class VoiceQualityTable implements ClickHouseTable<VoiceQualityRow> {
    @Override
    public String name() {
        return "voice_quality_1m";
    }

    @Override
    public List<String> columns() {
        return List.of("region", "voice_server", "minute", "samples", "jitter_p50_ms", "jitter_p95_ms", "loss_ratio",
                "version");
    }

    @Override
    public void bind(PreparedStatement ps, VoiceQualityRow row) throws SQLException {
        ps.setString(1, row.region());
        ps.setString(2, row.voiceServer());
        ps.setString(3, ClickHouseTable.dateTime(row.minute()));
        ps.setLong(4, row.samples());
        ps.setDouble(5, row.jitterP50Ms());
        ps.setDouble(6, row.jitterP95Ms());
        ps.setDouble(7, row.lossRatio());
        ps.setLong(8, row.version());
    }
}
