package dev.guildhall.analytics.automod;

import dev.guildhall.analytics.sink.ClickHouseTable;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Binding of {@link VerdictRow} to {@code automod_verdicts} (warehouse-schemas V006); {@code rule_ids} keeps its
 * default (empty: the stream job knows no rules).
 */
public final class AutoModVerdictsTable implements ClickHouseTable<VerdictRow> {
    @Override
    public String name() {
        return "automod_verdicts";
    }

    @Override
    public List<String> columns() {
        return List.of("guild_id", "day", "message_id", "channel_id", "author_id", "model_version", "safe", "spam",
                "toxic", "harassment", "label", "decision", "source", "latency_us", "message_created_ms",
                "scored_ms");
    }

    @Override
    public void bind(PreparedStatement ps, VerdictRow row) throws SQLException {
        ps.setLong(1, row.guildId());
        ps.setString(2, ClickHouseTable.date(row.messageCreatedAt()));
        ps.setLong(3, row.messageId());
        ps.setLong(4, row.channelId());
        ps.setLong(5, row.authorId());
        ps.setString(6, row.modelVersion());
        ps.setFloat(7, (float) row.safe());
        ps.setFloat(8, (float) row.spam());
        ps.setFloat(9, (float) row.toxic());
        ps.setFloat(10, (float) row.harassment());
        ps.setString(11, row.label());
        ps.setString(12, row.decision());
        ps.setString(13, "stream");
        ps.setLong(14, row.latencyMicros());
        ps.setLong(15, row.messageCreatedAt());
        ps.setLong(16, row.scoredAt());
    }
}
