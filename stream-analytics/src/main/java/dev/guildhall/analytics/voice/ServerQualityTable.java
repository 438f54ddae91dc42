package dev.guildhall.analytics.voice;

import dev.guildhall.analytics.sink.ClickHouseTable;

import java.sql.PreparedStatement;
import java.sql.SQLException;
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
    public void bind(PreparedStatement ps, ServerQualityRow row) throws SQLException {
        ps.setString(1, row.region());
        ps.setString(2, row.voiceServer());
        ps.setString(3, ClickHouseTable.dateTime(row.minute()));
        QualityColumns.bind(ps, 4, row.quality(), row.version());
    }
}
