package dev.guildhall.monitor.slo;

import dev.guildhall.events.EventCodec;
import dev.guildhall.events.Snowflakes;
import dev.guildhall.events.payload.VoiceAlert;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares each closed (scope, window) aggregate with the SLO and keeps, per (scope, metric), the alert lifecycle of
 * {@link AlertPolicy}: {@code open}, {@code update}, {@code resolved} (same alert id), as {@code alert.voice}
 * envelopes (key = region). Windows ending at or before the last one evaluated for that scope and metric are ignored
 * (hopping windows close in order; a replay cannot flap the state). A window without a measurement of the metric
 * (no samples, no RTT, nothing expected) leaves the state as it is.
 * <p>State value: {@code "<last window end>;<open alert id or empty>;<breach streak>;<clear streak>;<last value
 * sent>"} (a version-1 value {@code "<end>;<id>"} reads with zero streaks).
 */
final class AlertStateProcessor implements Processor<Windowed<String>, QualityWindowAggregate, String, byte[]> {
    private static final Logger log = LoggerFactory.getLogger(AlertStateProcessor.class);
    static final String GUILD_NONE = "0";

    private final String storeName;
    private final SloThresholds thresholds;
    private final AlertPolicy policy;
    private final Snowflakes ids;
    private final String source;
    private final MonitorListener listener;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, String> state;

    AlertStateProcessor(String storeName, SloThresholds thresholds, AlertPolicy policy, Snowflakes ids, String source,
                        MonitorListener listener) {
        this.storeName = storeName;
        this.thresholds = thresholds;
        this.policy = policy;
        this.ids = ids;
        this.source = source;
        this.listener = listener;
    }

    private record State(long lastEnd, String openId, int breachStreak, int clearStreak, double lastSent) {
        static State parse(String text) {
            if (text == null) {
                return new State(Long.MIN_VALUE, null, 0, 0, 0);
            }
            String[] f = text.split(";", -1);
            String id = f.length > 1 && !f[1].isEmpty() ? f[1] : null;
            return new State(Long.parseLong(f[0]), id, f.length > 2 ? Integer.parseInt(f[2]) : 0,
                    f.length > 3 ? Integer.parseInt(f[3]) : 0, f.length > 4 ? Double.parseDouble(f[4]) : 0);
        }

        String format() {
            return lastEnd + ";" + (openId == null ? "" : openId) + ";" + breachStreak + ";" + clearStreak + ";"
                    + lastSent;
        }
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.state = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<Windowed<String>, QualityWindowAggregate> record) {
        Windowed<String> window = record.key();
        QualityWindowAggregate aggregate = record.value();
        if (window == null || aggregate == null) {
            return;
        }
        Scope scope = Scope.parse(window.key());
        long start = window.window().start();
        long end = window.window().end();
        listener.windowEvaluated(scope, end, aggregate);
        log.debug("voice slo window scope={} start={} end={} samples={} rtt_p95_ms={} jitter_p95_ms={} loss_ratio={}",
                window.key(), start, end, aggregate.samples(), aggregate.rttP95Ms(), aggregate.jitterP95Ms(),
                aggregate.lossRatio());
        Double rtt = aggregate.rttP95Ms();
        evaluate(scope, SloThresholds.METRIC_RTT_P95, rtt == null ? 0 : rtt, thresholds.rttP95Ms(), rtt != null,
                start, end, record.timestamp());
        evaluate(scope, SloThresholds.METRIC_JITTER_P95, aggregate.jitterP95Ms(), thresholds.jitterP95Ms(),
                aggregate.samples() > 0, start, end, record.timestamp());
        evaluate(scope, SloThresholds.METRIC_LOSS_RATIO, aggregate.lossRatio(), thresholds.lossRatio(),
                aggregate.expected() > 0, start, end, record.timestamp());
    }

    private void evaluate(Scope scope, String metric, double value, double threshold, boolean measurable,
                          long start, long end, long timestamp) {
        if (!measurable) {
            return;
        }
        String key = metric + ':' + scope.key();
        State s = State.parse(state.get(key));
        if (end <= s.lastEnd()) {
            return;
        }
        boolean breached = value > threshold;
        boolean clear = value <= threshold * policy.clearRatio();
        String openId = s.openId();
        int breachStreak = breached ? s.breachStreak() + 1 : 0;
        int clearStreak = clear ? s.clearStreak() + 1 : 0;
        double lastSent = s.lastSent();
        if (openId == null) {
            if (breachStreak >= policy.openWindows()) {
                openId = ids.nextString();
                lastSent = value;
                emit(new VoiceAlert(openId, scope.region(), metric, VoiceAlert.OPEN, value, threshold, start, end,
                        scope.voiceServer()), timestamp);
            }
        } else if (clearStreak >= policy.clearWindows()) {
            emit(new VoiceAlert(openId, scope.region(), metric, VoiceAlert.RESOLVED, value, threshold, start, end,
                    scope.voiceServer()), timestamp);
            openId = null;
            breachStreak = 0;
        } else if (breached && Math.abs(value - lastSent) >= policy.updateChange() * Math.abs(lastSent)) {
            lastSent = value;
            emit(new VoiceAlert(openId, scope.region(), metric, VoiceAlert.UPDATE, value, threshold, start, end,
                    scope.voiceServer()), timestamp);
        }
        state.put(key, new State(end, openId, breachStreak, clearStreak, lastSent).format());
    }

    private void emit(VoiceAlert alert, long timestamp) {
        byte[] envelope = EventCodec.encode(EventCodec.wrap(ids, source, GUILD_NONE, context.currentSystemTimeMs(),
                alert));
        log.info("voice slo alert state={} region={} voice_server={} metric={} value={} threshold={} window_end={}"
                        + " alert_id={}", alert.state(), alert.region(), alert.voiceServer(), alert.metric(),
                alert.value(), alert.threshold(), alert.windowEnd(), alert.alertId());
        listener.alert(alert);
        context.forward(new Record<>(alert.region(), envelope, timestamp));
    }
}
