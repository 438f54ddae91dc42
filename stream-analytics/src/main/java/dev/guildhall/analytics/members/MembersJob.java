package dev.guildhall.analytics.members;

import dev.guildhall.analytics.config.AnalyticsConfig;
import dev.guildhall.analytics.ingest.DecodedRecord;
import dev.guildhall.analytics.ingest.EventSources;
import dev.guildhall.analytics.runtime.AnalyticsJob;
import dev.guildhall.analytics.runtime.CombinedWindows;
import dev.guildhall.analytics.runtime.LateEvents;
import dev.guildhall.analytics.runtime.WindowedRows;
import dev.guildhall.analytics.sink.ClickHouseSink;
import dev.guildhall.events.EventType;
import dev.guildhall.events.Topics;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.OutputTag;

import java.time.Duration;

/**
 * Job "members": {@code member.joined} / {@code member.left} from {@code guildhall.members} → joins and leaves per
 * guild and UTC day (event time) → {@code member_changes_1d}, and each change → {@code member_events} (retention
 * cohorts).
 */
public final class MembersJob implements AnalyticsJob {
    public static final String NAME = "members";
    public static final OutputTag<MemberChange> LATE = new OutputTag<>("late-member-changes") {
    };

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void build(StreamExecutionEnvironment env, AnalyticsConfig config) {
        DataStream<MemberChange> changes = EventSources.events(env, config, NAME, Topics.MEMBERS,
                new MemberChangeExtractor(), new TypeHint<DecodedRecord<MemberChange>>() {
                }.getTypeInfo(), TypeInformation.of(MemberChange.class));
        WindowedRows<MemberChangesRow, MemberChange> rows = dailyChanges(changes, config);
        LateEvents.keep(rows.late(), NAME, config,
                e -> (e.joined() ? EventType.MEMBER_JOINED : EventType.MEMBER_LEFT).wireName(), MemberChange::guildId);
        rows.rows().sinkTo(new ClickHouseSink<>(config, new MemberChangesTable()))
                .name("clickhouse-member_changes_1d")
                .uid(NAME + "-clickhouse");
        changes.sinkTo(new ClickHouseSink<>(config, new MemberEventsTable()))
                .name("clickhouse-member_events")
                .uid(NAME + "-events-clickhouse");
    }

    /** Joins and leaves per guild and UTC day; too-late events come out raw as {@code late}. */
    public static WindowedRows<MemberChangesRow, MemberChange> dailyChanges(DataStream<MemberChange> changes,
                                                                            AnalyticsConfig config) {
        return CombinedWindows.aggregated(changes, config, Duration.ofDays(1), MemberChange::guildId, Types.LONG,
                new MemberChangeAggregate(), Types.TUPLE(Types.LONG, Types.LONG), Types.TUPLE(Types.LONG, Types.LONG),
                new MemberChangesWindowFunction(), TypeInformation.of(MemberChangesRow.class), LATE,
                "member-changes-per-guild-day", NAME + "-window");
    }
}
