package dev.guildhall.analytics.moderation;

import dev.guildhall.analytics.config.AnalyticsConfig;
import dev.guildhall.analytics.ingest.DecodedRecord;
import dev.guildhall.analytics.ingest.EventSources;
import dev.guildhall.analytics.runtime.AnalyticsJob;
import dev.guildhall.analytics.sink.ClickHouseSink;
import dev.guildhall.events.Topics;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Job "moderation": {@code moderation.action} from {@code guildhall.moderation} → one row per event in
 * {@code moderation_actions} (key guild, time, event id: a redelivered event replaces its row).
 */
public final class ModerationJob implements AnalyticsJob {
    public static final String NAME = "moderation";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void build(StreamExecutionEnvironment env, AnalyticsConfig config) {
        EventSources.events(env, config, NAME, Topics.MODERATION, new ModerationExtractor(),
                        new TypeHint<DecodedRecord<ModerationRow>>() {
                        }.getTypeInfo(), TypeInformation.of(ModerationRow.class))
                .sinkTo(new ClickHouseSink<>(config, new ModerationActionsTable()))
                .name("clickhouse-moderation_actions")
                .uid(NAME + "-clickhouse");
    }
}
