package dev.guildhall.monitor.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guildhall.events.EventCodec;
import dev.guildhall.events.Snowflakes;
import dev.guildhall.events.payload.VoiceServerHealth;
import dev.guildhall.events.payload.VoiceServerHeartbeat;
import dev.guildhall.monitor.slo.AlertPolicy;
import dev.guildhall.monitor.slo.MonitorListener;
import dev.guildhall.monitor.slo.SloThresholds;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Per voice server: the health verdict ({@link VoiceServerHealth}, key = server id) from its closed windows and the
 * liveness of its heartbeats.
 * <ul>
 *   <li>each closed window is scored ({@link HealthScore}); the status becomes {@code unhealthy} only after
 *       {@link AlertPolicy#openWindows()} consecutive unhealthy windows (before that it reads degraded) and stays
 *       so until {@link AlertPolicy#clearWindows()} consecutive windows are not unhealthy — core-server moves
 *       connections off an unhealthy server, so one bad window must not do that;</li>
 *   <li>{@code down} when the latest heartbeat is older than the heartbeat timeout (checked on the wall clock every
 *       second) or said "stopping"; the next heartbeat brings the window-based status back at once;</li>
 *   <li>a verdict is sent for every closed window and every liveness change; servers that never heartbeat (an
 *       embedded relay) are judged by their windows alone.</li>
 * </ul>
 */
public final class HealthProcessor implements Processor<String, HealthInput, String, byte[]> {
    private static final Logger log = LoggerFactory.getLogger(HealthProcessor.class);
    private static final ObjectMapper JSON = EventCodec.mapper();

    /** What is kept per server (JSON in the store). */
    record ServerState(String region, Long lastHeartbeatAt, boolean down, String status, double score,
                       List<String> reasons, Double rttP95Ms, Double jitterP95Ms, Double lossRatio, long samples,
                       long windowStart, long windowEnd, int unhealthyStreak, int okStreak) {
    }

    private final String storeName;
    private final SloThresholds thresholds;
    private final AlertPolicy policy;
    private final Duration heartbeatTimeout;
    private final Snowflakes ids;
    private final String source;
    private final MonitorListener listener;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, String> store;

    public HealthProcessor(String storeName, SloThresholds thresholds, AlertPolicy policy, Duration heartbeatTimeout,
                           Snowflakes ids, String source, MonitorListener listener) {
        this.storeName = storeName;
        this.thresholds = thresholds;
        this.policy = policy;
        this.heartbeatTimeout = heartbeatTimeout;
        this.ids = ids;
        this.source = source;
        this.listener = listener;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        context.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, this::checkLiveness);
    }

    @Override
    public void process(Record<String, HealthInput> record) {
        HealthInput in = record.value();
        if (in == null || record.key() == null) {
            return;
        }
        ServerState s = read(record.key());
        if (HealthInput.HEARTBEAT.equals(in.kind())) {
            heartbeat(record.key(), s, in);
        } else {
            window(record.key(), s, in);
        }
    }

    private void heartbeat(String server, ServerState s, HealthInput in) {
        long last = s == null || s.lastHeartbeatAt() == null ? in.at() : Math.max(s.lastHeartbeatAt(), in.at());
        boolean stopping = VoiceServerHeartbeat.STOPPING.equals(in.heartbeatState());
        ServerState base = s != null ? s : new ServerState(in.region(), null, true, VoiceServerHealth.HEALTHY, 100,
                List.of(), null, null, null, 0, 0, 0, 0, 0);
        boolean wasDown = base.down() || base.lastHeartbeatAt() == null;
        ServerState next = with(base, in.region(), last, stopping);
        write(server, next);
        if (stopping && !base.down()) {
            emit(server, next, List.of("stopping"));
        } else if (!stopping && wasDown) {
            emit(server, next, next.reasons());
        }
    }

    private void window(String server, ServerState s, HealthInput in) {
        if (s != null && in.at() <= s.windowEnd()) {
            return; // an older window than the last one scored
        }
        HealthScore raw = HealthScore.of(in.rttP95Ms(), in.jitterP95Ms(), in.lossRatio(), thresholds);
        boolean rawUnhealthy = VoiceServerHealth.UNHEALTHY.equals(raw.status());
        int unhealthyStreak = rawUnhealthy ? (s == null ? 0 : s.unhealthyStreak()) + 1 : 0;
        int okStreak = rawUnhealthy ? 0 : (s == null ? 0 : s.okStreak()) + 1;
        boolean wasUnhealthy = s != null && VoiceServerHealth.UNHEALTHY.equals(s.status());
        String status;
        if (wasUnhealthy) {
            status = okStreak >= policy.clearWindows() ? raw.status() : VoiceServerHealth.UNHEALTHY;
        } else if (rawUnhealthy && unhealthyStreak < policy.openWindows()) {
            status = VoiceServerHealth.DEGRADED;
        } else {
            status = raw.status();
        }
        ServerState next = new ServerState(in.region(), s == null ? null : s.lastHeartbeatAt(),
                s != null && s.down(), status, raw.score(), raw.reasons(), in.rttP95Ms(), in.jitterP95Ms(),
                in.lossRatio(), in.samples(), in.windowStart(), in.at(), unhealthyStreak, okStreak);
        write(server, next);
        emit(server, next, next.down() ? withHeartbeatMissing(raw.reasons()) : raw.reasons());
    }

    private void checkLiveness(long now) {
        List<KeyValue<String, ServerState>> dead = new ArrayList<>();
        try (KeyValueIterator<String, String> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, String> kv = all.next();
                ServerState s = parse(kv.value);
                if (!s.down() && s.lastHeartbeatAt() != null
                        && now - s.lastHeartbeatAt() > heartbeatTimeout.toMillis()) {
                    dead.add(KeyValue.pair(kv.key, s));
                }
            }
        }
        for (KeyValue<String, ServerState> kv : dead) {
            ServerState next = with(kv.value, kv.value.region(), kv.value.lastHeartbeatAt(), true);
            write(kv.key, next);
            emit(kv.key, next, withHeartbeatMissing(next.reasons()));
        }
    }

    private static List<String> withHeartbeatMissing(List<String> reasons) {
        List<String> r = new ArrayList<>(reasons);
        r.add("heartbeat_missing");
        return r;
    }

    private static ServerState with(ServerState s, String region, Long lastHeartbeatAt, boolean down) {
        return new ServerState(region, lastHeartbeatAt, down, s.status(), s.score(), s.reasons(), s.rttP95Ms(),
                s.jitterP95Ms(), s.lossRatio(), s.samples(), s.windowStart(), s.windowEnd(), s.unhealthyStreak(),
                s.okStreak());
    }

    private void emit(String server, ServerState s, List<String> reasons) {
        String status = s.down() ? VoiceServerHealth.DOWN : s.status();
        VoiceServerHealth health = new VoiceServerHealth(server, s.region(), status, s.down() ? 0 : s.score(),
                s.rttP95Ms(), s.jitterP95Ms(), s.lossRatio(), s.samples(), s.lastHeartbeatAt(), s.windowStart(),
                s.windowEnd(), reasons);
        long now = context.currentSystemTimeMs();
        byte[] envelope = EventCodec.encode(EventCodec.wrap(ids, source, "0", now, health));
        log.debug("voice server health voice_server={} status={} score={} reasons={}", server, status,
                health.score(), reasons);
        listener.health(health);
        context.forward(new Record<>(server, envelope, now));
    }

    private ServerState read(String server) {
        String text = store.get(server);
        return text == null ? null : parse(text);
    }

    private static ServerState parse(String text) {
        try {
            return JSON.readValue(text, ServerState.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String server, ServerState s) {
        try {
            store.put(server, JSON.writeValueAsString(s));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
