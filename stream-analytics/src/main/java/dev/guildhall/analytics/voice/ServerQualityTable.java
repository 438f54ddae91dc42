package dev.guildhall.analytics.voice;

import dev.guildhall.analytics.sink.ClickHouseTable;
import dev.guildhall.analytics.sink.TabSeparatedRows;

import java.util.ArrayList;
import java.util.List;

/**
 * Binding of {@link ServerQualityRow} to {@code voice_quality_server_1m_input} (warehouse migration V007): a Null
 * table whose materialized view builds the quantile-digest states and writes {@code voice_quality_server_1m}.
 */
public final class ServerQualityTable implements ClickHouseTable<ServerQualityRow> {
    @Override
    public String name() {
        return "voice_quality_server_1m_input";
    }

    @Override
    public List<String> columns() {
        List<String> columns = new ArrayList<>(List.of("region", "voice_server", "minute"));
        columns.addAll(QualityColumns.NAMES);
        return columns;
    }

    @Override
    public void write(TabSeparatedRows out, ServerQualityRow row) {
        out.string(row.region());
        out.string(row.voiceServer());
        out.dateTime(row.minute());
        QualityColumns.write(out, row.quality(), row.version());
        out.endRow();
    }
}
