package dev.guildhall.monitor.slo;

import dev.guildhall.events.payload.VoiceAlert;
import dev.guildhall.events.payload.VoiceServerHealth;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Publishes what the topology does as Prometheus metrics (per region gauges, alert and rejection counters). */
public final class MicrometerMonitorListener implements MonitorListener {
    private static final Logger log = LoggerFactory.getLogger(MicrometerMonitorListener.class);

    private final MeterRegistry registry;
    private final Counter rejected;
    private final Map<String, Counter> accepted = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> jitterP95Micros = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> lossRatioPpm = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> openAlerts = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> rttP95Micros = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> healthScores = new ConcurrentHashMap<>();
    private final AtomicLong lastRejectLog = new AtomicLong();
    private final AtomicLong unloggedRejects = new AtomicLong();

    public MicrometerMonitorListener(MeterRegistry registry) {
        this.registry = registry;
        this.rejected = Counter.builder("guildhall.monitor.records.rejected")
                .description("voice.quality records that could not be used (dead-lettered)").register(registry);
    }

    @Override
    public void badRecord(String reason) {
        rejected.increment();
        long now = System.nanoTime();
        long last = lastRejectLog.get();
        if ((last == 0 || now - last > 10_000_000_000L) && lastRejectLog.compareAndSet(last, now)) {
            log.warn("voice.quality record rejected reason=\"{}\" (rejected since last report: {})", reason,
                    unloggedRejects.getAndSet(0) + 1);
        } else {
            unloggedRejects.incrementAndGet();
        }
    }

    @Override
    public void sampleAccepted(String region) {
        accepted.computeIfAbsent(region, r -> Counter.builder("guildhall.monitor.samples.accepted")
                .tag("region", r).register(registry)).increment();
    }

    @Override
    public void windowEvaluated(Scope scope, long windowEnd, QualityWindowAggregate aggregate) {
        if (scope.isServer()) {
            return; // per-server values travel in voice.server.health (guildhall_monitor_server_health_score)
        }
        String region = scope.region();
        gauge(jitterP95Micros, region, "guildhall.monitor.region.jitter.p95.ms", 1e-3)
                .set(Math.round(aggregate.jitterP95Ms() * 1000));
        gauge(lossRatioPpm, region, "guildhall.monitor.region.loss.ratio", 1e-6)
                .set(Math.round(aggregate.lossRatio() * 1_000_000));
        Double rtt = aggregate.rttP95Ms();
        if (rtt != null) {
            gauge(rttP95Micros, region, "guildhall.monitor.region.rtt.p95.ms", 1e-3).set(Math.round(rtt * 1000));
        }
    }

    @Override
    public void health(VoiceServerHealth health) {
        healthScores.computeIfAbsent(health.voiceServer(), id -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("guildhall.monitor.server.health.score", value, v -> v.get() / 10.0).tag("voice_server", id)
                    .description("latest health score of the voice server (0 down … 100)").register(registry);
            return value;
        }).set(Math.round(health.score() * 10));
        Counter.builder("guildhall.monitor.server.health.verdicts").tag("status", health.status())
                .register(registry).increment();
    }

    @Override
    public void alert(VoiceAlert alert) {
        Counter.builder("guildhall.monitor.alerts").tag("metric", alert.metric()).tag("state", alert.state())
                .register(registry).increment();
        if (alert.voiceServer() != null) {
            return; // the open-alert gauge is per region
        }
        openAlerts.computeIfAbsent(alert.metric() + ':' + alert.region(), k -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("guildhall.monitor.alerts.open", value, AtomicLong::get)
                    .tag("metric", alert.metric()).tag("region", alert.region()).register(registry);
            return value;
        }).set(VoiceAlert.RESOLVED.equals(alert.state()) ? 0 : 1);
    }

    private AtomicLong gauge(Map<String, AtomicLong> values, String region, String name, double scale) {
        return values.computeIfAbsent(region, r -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(name, value, v -> v.get() * scale).tag("region", r)
                    .description("value of the last closed window").register(registry);
            return value;
        });
    }
}
