package dev.guildhall.analytics.voice;

import dev.guildhall.analytics.sink.ClickHouseTable;
import dev.guildhall.analytics.sink.TabSeparatedRows;

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
    public void write(TabSeparatedRows out, VoiceQualityRow row) {
        out.string(row.region());
        out.string(row.voiceServer());
        out.dateTime(row.minute());
        out.number(row.samples());
        out.float64(row.jitterP50Ms());
        out.float64(row.jitterP95Ms());
        out.float64(row.lossRatio());
        out.number(row.version());
        out.endRow();
    }
}
