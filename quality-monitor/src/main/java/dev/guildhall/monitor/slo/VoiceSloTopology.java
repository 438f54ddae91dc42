package dev.guildhall.monitor.slo;

import dev.guildhall.events.Snowflakes;
import dev.guildhall.events.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The quality monitor's Kafka Streams topology:
 * <pre>
 * guildhall.voice.quality (envelopes, key = guild id)
 *   → decode + validate ──invalid──→ guildhall.dead-letter (raw value, header guildhall.error = reason)
 *   → group by region → tumbling windows (size, grace) → aggregate {samples, jitter histogram, lost, expected}
 *   → suppress until the window closes
 *   → per (region, metric) alert state (store voice-slo-alert-state) → alert.voice envelopes on change
 *   → guildhall.alerts (key = region)
 * </pre>
 */
public final class VoiceSloTopology {
    public static final String ALERT_STATE_STORE = "voice-slo-alert-state";
    public static final String WINDOW_STORE = "voice-slo-windows";
    public static final String ERROR_HEADER = "guildhall.error";

    /**
     * @param window    tumbling window size (1 minute in production)
     * @param grace     how long after a window's end late samples are still accepted
     * @param deadLetter whether rejected records are written to {@link Topics#DEAD_LETTER} (they are always counted)
     */
    public record Settings(SloThresholds thresholds, Duration window, Duration grace, boolean deadLetter) {
        public Settings {
            Objects.requireNonNull(thresholds, "thresholds");
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("window must be positive");
            }
            if (grace.isNegative()) {
                throw new IllegalArgumentException("grace must be >= 0");
            }
        }
    }

    private VoiceSloTopology() {
    }

    public static Topology build(Settings settings, Snowflakes ids, String source, MonitorListener listener) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, DecodedSample> decoded = builder
                .stream(Topics.VOICE_QUALITY, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("voice-quality"))
                .mapValues(DecodedSample::decode, Named.as("decode"));

        Map<String, KStream<String, DecodedSample>> branches = decoded.split(Named.as("sample-"))
                .branch((key, sample) -> sample.valid(), Branched.as("valid"))
                .defaultBranch(Branched.as("invalid"));

        KStream<String, byte[]> rejected = branches.get("sample-invalid")
                .processValues(() -> new RejectProcessor(listener), Named.as("reject"));
        if (settings.deadLetter()) {
            rejected.to(Topics.DEAD_LETTER, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("dead-letter"));
        }

        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ALERT_STATE_STORE),
                Serdes.String(), Serdes.String()));

        branches.get("sample-valid")
                .peek((key, sample) -> listener.sampleAccepted(sample.region()), Named.as("count-sample"))
                .map((key, sample) -> org.apache.kafka.streams.KeyValue.pair(sample.region(), sample.point()),
                        Named.as("by-region"))
                .groupByKey(Grouped.with("region", Serdes.String(), QualityPoint.serde()))
                .windowedBy(TimeWindows.ofSizeAndGrace(settings.window(), settings.grace()))
                .aggregate(RegionWindowAggregate::new, (region, point, aggregate) -> aggregate.add(point),
                        Named.as("aggregate"),
                        Materialized.<String, RegionWindowAggregate, WindowStore<Bytes, byte[]>>as(WINDOW_STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(RegionWindowAggregate.serde())
                                .withRetention(settings.window().plus(settings.grace()).multipliedBy(2)))
                .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()).withName("until-close"))
                .toStream(Named.as("closed-windows"))
                .process(() -> new AlertStateProcessor(ALERT_STATE_STORE, settings.thresholds(), ids, source, listener),
                        Named.as("alert-state"), ALERT_STATE_STORE)
                .to(Topics.ALERTS, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("alerts"));
        return builder.build();
    }

    /** Counts a rejected record and turns it back into its raw bytes with the reason in a header. */
    private static final class RejectProcessor implements FixedKeyProcessor<String, DecodedSample, byte[]> {
        private final MonitorListener listener;
        private FixedKeyProcessorContext<String, byte[]> context;

        RejectProcessor(MonitorListener listener) {
            this.listener = listener;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, byte[]> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, DecodedSample> record) {
            String reason = record.value().error();
            listener.badRecord(reason);
            FixedKeyRecord<String, byte[]> out = record.withValue(record.value().raw());
            out.headers().add(ERROR_HEADER, reason.getBytes(StandardCharsets.UTF_8));
            context.forward(out);
        }
    }
}
