package dev.guildhall.analytics.automod;

import dev.guildhall.analytics.sink.ClickHouseTable;
import dev.guildhall.analytics.sink.TabSeparatedRows;

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
    public void write(TabSeparatedRows out, VerdictRow row) {
        out.number(row.guildId());
        out.date(row.messageCreatedAt());
        out.number(row.messageId());
        out.number(row.channelId());
        out.number(row.authorId());
        out.string(row.modelVersion());
        out.float32((float) row.safe());
        out.float32((float) row.spam());
        out.float32((float) row.toxic());
        out.float32((float) row.harassment());
        out.string(row.label());
        out.string(row.decision());
        out.string("stream");
        out.number(row.latencyMicros());
        out.number(row.messageCreatedAt());
        out.number(row.scoredAt());
        out.endRow();
    }
}
