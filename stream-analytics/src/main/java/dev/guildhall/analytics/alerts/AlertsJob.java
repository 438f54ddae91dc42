package dev.guildhall.analytics.alerts;

import dev.guildhall.analytics.config.AnalyticsConfig;
import dev.guildhall.analytics.ingest.DecodedRecord;
import dev.guildhall.analytics.ingest.EventSources;
import dev.guildhall.analytics.runtime.AnalyticsJob;
import dev.guildhall.analytics.sink.ClickHouseSink;
import dev.guildhall.events.Topics;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Job "alerts": quality-monitor's {@code alert.voice} open/resolved events from {@code guildhall.alerts} → the
 * {@code alerts} table, one row per (region, alert, state); a redelivered event replaces its row.
 */
public final class AlertsJob implements AnalyticsJob {
    public static final String NAME = "alerts";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void build(StreamExecutionEnvironment env, AnalyticsConfig config) {
        DataStream<AlertEvent> alerts = EventSources.events(env, config, NAME, Topics.ALERTS, new AlertExtractor(),
                new TypeHint<DecodedRecord<AlertEvent>>() {
                }.getTypeInfo(), TypeInformation.of(AlertEvent.class));
        alerts.sinkTo(new ClickHouseSink<>(config, new AlertsTable()))
                .name("clickhouse-alerts")
                .uid(NAME + "-clickhouse");
    }
}
