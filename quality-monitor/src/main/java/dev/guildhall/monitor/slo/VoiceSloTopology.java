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

import dev.guildhall.events.EventCodec;
import dev.guildhall.events.EventEnvelope;
import dev.guildhall.events.EventType;
import dev.guildhall.events.payload.VoiceServerHeartbeat;
import dev.guildhall.monitor.health.HealthInput;
import dev.guildhall.monitor.health.HealthProcessor;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.Windowed;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The quality monitor's Kafka Streams topology:
 * <pre>
 * guildhall.voice.quality (envelopes, key = guild id)
 *   → decode + validate ──invalid──→ guildhall.dead-letter (raw value, header guildhall.error = reason)
 *   → one point per scope: region/&lt;region&gt; and server/&lt;region&gt;/&lt;voice server&gt;
 *   → hopping windows (size, advance, grace) → aggregate {samples, jitter and RTT histograms, lost, expected}
 *   → suppress until the window closes
 *   ├→ per (scope, metric) alert lifecycle with hysteresis (store voice-slo-alert-state)
 *   │    → alert.voice envelopes → guildhall.alerts (key = region)
 *   └→ server scopes, merged with guildhall.voice.servers heartbeats, repartitioned by voice server id
 *        → health verdict with liveness (store voice-server-health-state)
 *        → voice.server.health envelopes → guildhall.voice.health (compacted, key = voice server id)
 * </pre>
 */
public final class VoiceSloTopology {
    public static final String ALERT_STATE_STORE = "voice-slo-alert-state";
    public static final String HEALTH_STATE_STORE = "voice-server-health-state";
    public static final String WINDOW_STORE = "voice-slo-windows";
    public static final String ERROR_HEADER = "guildhall.error";

    /**
     * @param window           window size (30 s in production)
     * @param advance          how far consecutive windows are apart (10 s; equal to {@code window}: tumbling)
     * @param grace            how long after a window's end late samples are still accepted
     * @param policy           hysteresis of alerts and of the unhealthy status
     * @param heartbeatTimeout a voice server whose latest heartbeat is older than this is down
     * @param deadLetter       whether rejected records are written to {@link Topics#DEAD_LETTER} (they are always
     *                         counted)
     */
    public record Settings(SloThresholds thresholds, Duration window, Duration advance, Duration grace,
                           AlertPolicy policy, Duration heartbeatTimeout, boolean deadLetter) {
        public Settings {
            Objects.requireNonNull(thresholds, "thresholds");
            Objects.requireNonNull(policy, "policy");
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("window must be positive");
            }
            if (advance.isNegative() || advance.isZero() || advance.compareTo(window) > 0) {
                throw new IllegalArgumentException("window advance must be positive and at most the window size");
            }
            if (grace.isNegative()) {
                throw new IllegalArgumentException("grace must be >= 0");
            }
            if (heartbeatTimeout.isNegative() || heartbeatTimeout.isZero()) {
                throw new IllegalArgumentException("heartbeat timeout must be positive");
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
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HEALTH_STATE_STORE),
                Serdes.String(), Serdes.String()));

        KStream<Windowed<String>, QualityWindowAggregate> closed = branches.get("sample-valid")
                .peek((key, sample) -> listener.sampleAccepted(sample.region()), Named.as("count-sample"))
                .flatMap((key, sample) -> {
                    List<KeyValue<String, QualityPoint>> points = new ArrayList<>(2);
                    points.add(KeyValue.pair(Scope.region(sample.region()).key(), sample.point()));
                    if (sample.voiceServer() != null) {
                        points.add(KeyValue.pair(Scope.server(sample.region(), sample.voiceServer()).key(),
                                sample.point()));
                    }
                    return points;
                }, Named.as("by-scope"))
                .groupByKey(Grouped.with("scope", Serdes.String(), QualityPoint.serde()))
                .windowedBy(TimeWindows.ofSizeAndGrace(settings.window(), settings.grace())
                        .advanceBy(settings.advance()))
                .aggregate(QualityWindowAggregate::new, (scope, point, aggregate) -> aggregate.add(point),
                        Named.as("aggregate"),
                        Materialized.<String, QualityWindowAggregate, WindowStore<Bytes, byte[]>>as(WINDOW_STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(QualityWindowAggregate.serde())
                                .withRetention(settings.window().plus(settings.grace()).multipliedBy(2)))
                .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()).withName("until-close"))
                .toStream(Named.as("closed-windows"));

        closed.process(() -> new AlertStateProcessor(ALERT_STATE_STORE, settings.thresholds(), settings.policy(), ids,
                        source, listener), Named.as("alert-state"), ALERT_STATE_STORE)
                .to(Topics.ALERTS, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("alerts"));

        KStream<String, HealthInput> serverWindows = closed
                .filter((window, aggregate) -> window != null && Scope.parse(window.key()).isServer(),
                        Named.as("server-windows"))
                .map((window, a) -> {
                    Scope scope = Scope.parse(window.key());
                    return KeyValue.pair(scope.voiceServer(), HealthInput.window(scope.voiceServer(), scope.region(),
                            window.window().start(), window.window().end(), a.samples(), a.rttP95Ms(),
                            a.jitterP95Ms(), a.expected() > 0 ? a.lossRatio() : null));
                }, Named.as("window-health-input"));
        KStream<String, HealthInput> heartbeats = builder
                .stream(Topics.VOICE_SERVERS, Consumed.with(Serdes.String(), Serdes.ByteArray())
                        .withName("voice-servers"))
                .flatMap((key, value) -> {
                    HealthInput beat = heartbeat(value, listener);
                    return beat == null ? List.<KeyValue<String, HealthInput>>of()
                            : List.of(KeyValue.pair(beat.voiceServer(), beat));
                }, Named.as("heartbeat-health-input"));
        serverWindows.merge(heartbeats, Named.as("health-inputs"))
                .repartition(Repartitioned.with(Serdes.String(), HealthInput.serde()).withName("health-by-server"))
                .process(() -> new HealthProcessor(HEALTH_STATE_STORE, settings.thresholds(), settings.policy(),
                        settings.heartbeatTimeout(), ids, source, listener), Named.as("health"), HEALTH_STATE_STORE)
                .to(Topics.VOICE_HEALTH, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("voice-health"));
        return builder.build();
    }

    /** A voice.server.heartbeat as health input; anything else on the topic is counted and skipped. */
    private static HealthInput heartbeat(byte[] value, MonitorListener listener) {
        if (value == null) {
            return null;
        }
        try {
            EventEnvelope env = EventCodec.decode(value);
            if (!EventType.VOICE_SERVER_HEARTBEAT.wireName().equals(env.type())) {
                listener.badRecord("unexpected event type " + env.type() + " on " + Topics.VOICE_SERVERS);
                return null;
            }
            VoiceServerHeartbeat beat = EventCodec.payload(env, VoiceServerHeartbeat.class);
            if (beat.voiceServer() == null || beat.voiceServer().isBlank() || beat.region() == null) {
                listener.badRecord("voice.server.heartbeat without voice_server or region");
                return null;
            }
            return HealthInput.heartbeat(beat.voiceServer(), beat.region(), beat.sentAt(), beat.state());
        } catch (RuntimeException e) {
            listener.badRecord("undecodable voice.server.heartbeat: " + e);
            return null;
        }
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
