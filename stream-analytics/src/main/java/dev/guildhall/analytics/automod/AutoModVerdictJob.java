package dev.guildhall.analytics.automod;

import dev.guildhall.analytics.config.AnalyticsConfig;
import dev.guildhall.analytics.ingest.DecodedRecord;
import dev.guildhall.analytics.ingest.EventSources;
import dev.guildhall.analytics.runtime.AnalyticsJob;
import dev.guildhall.analytics.sink.ClickHouseSink;
import dev.guildhall.events.Topics;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Job "automod-verdicts": every {@code message.created} and {@code message.updated} (an edit's new content) from
 * {@code guildhall.messages} is scored in batches by AutoMod's classifier ({@link BatchScorer}) and its verdict
 * (scores and ids, no content) goes to {@code automod_verdicts} in ClickHouse (key guild, day, message: a replay
 * replaces the row, and so does the verdict on an edit) and, as an {@code automod.verdict} event with source
 * "stream", to {@code guildhall.automod.verdicts} (at least once; the event id is the message id, or the edit's
 * event id, and core-server applies a verdict once per content version). Bad input goes to the dead
 * letters like every job. No windows: each message is scored whatever its age, so no event is late here.
 */
public final class AutoModVerdictJob implements AnalyticsJob {
    public static final String NAME = "automod-verdicts";
    /** Batches are formed per bucket of message ids (keyed state and timers need a keyed stream). */
    static final int BUCKETS = 16;

    private final VerdictJobSettings settings;

    /** With the settings of the process environment. */
    public AutoModVerdictJob() {
        this(null);
    }

    /** {@code settings}: null to read them from the environment when the job is built. */
    public AutoModVerdictJob(VerdictJobSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void build(StreamExecutionEnvironment env, AnalyticsConfig config) {
        VerdictJobSettings s = settings != null ? settings : VerdictJobSettings.from(System.getenv());
        DataStream<VerdictRow> verdicts = EventSources.events(env, config, NAME, Topics.MESSAGES,
                        new MessageToScoreExtractor(), new TypeHint<DecodedRecord<MessageToScore>>() {
                        }.getTypeInfo(), TypeInformation.of(MessageToScore.class))
                .keyBy(m -> (int) Math.floorMod(m.messageId(), (long) BUCKETS), Types.INT)
                .process(new BatchScorer(s), TypeInformation.of(VerdictRow.class))
                .name(NAME + "-score")
                .uid(NAME + "-score");
        verdicts.sinkTo(new ClickHouseSink<>(config, new AutoModVerdictsTable()))
                .name("clickhouse-automod_verdicts")
                .uid(NAME + "-clickhouse");
        verdicts.sinkTo(KafkaSink.<VerdictRow>builder()
                        .setBootstrapServers(config.kafkaBootstrap())
                        .setRecordSerializer(new VerdictSerializer(config.topic(Topics.AUTOMOD_VERDICTS)))
                        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                        .setProperty("client.id", config.groupId(NAME) + "-verdicts")
                        .build())
                .name("kafka-automod-verdicts")
                .uid(NAME + "-kafka");
    }
}
