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
 * Compares each closed (region, window) aggregate with the SLO and keeps, per (region, metric), whether an alert is
 * open. Emits an {@code alert.voice} envelope (key = region) only on a change: {@code open} when the SLO is first
 * breached, {@code resolved} (same alert id) when a later window is back within it. Windows older than the last one
 * evaluated for that region and metric are ignored, so a replay cannot flap the state.
 * <p>State value: {@code "<last window end>;<open alert id or empty>"}.
 */
final class AlertStateProcessor implements Processor<Windowed<String>, RegionWindowAggregate, String, byte[]> {
    private static final Logger log = LoggerFactory.getLogger(AlertStateProcessor.class);
    static final String GUILD_NONE = "0";

    private final String storeName;
    private final SloThresholds thresholds;
    private final Snowflakes ids;
    private final String source;
    private final MonitorListener listener;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, String> state;

    AlertStateProcessor(String storeName, SloThresholds thresholds, Snowflakes ids, String source,
                        MonitorListener listener) {
        this.storeName = storeName;
        this.thresholds = thresholds;
        this.ids = ids;
        this.source = source;
        this.listener = listener;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.state = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<Windowed<String>, RegionWindowAggregate> record) {
        Windowed<String> window = record.key();
        RegionWindowAggregate aggregate = record.value();
        if (window == null || aggregate == null) {
            return;
        }
        String region = window.key();
        long start = window.window().start();
        long end = window.window().end();
        listener.windowEvaluated(region, end, aggregate);
        log.debug("voice slo window region={} start={} end={} samples={} jitter_p95_ms={} loss_ratio={}", region,
                start, end, aggregate.samples(), aggregate.jitterP95Ms(), aggregate.lossRatio());
        evaluate(region, SloThresholds.METRIC_JITTER_P95, aggregate.jitterP95Ms(), thresholds.jitterP95Ms(),
                aggregate.samples() > 0, start, end, record.timestamp());
        evaluate(region, SloThresholds.METRIC_LOSS_RATIO, aggregate.lossRatio(), thresholds.lossRatio(),
                aggregate.expected() > 0, start, end, record.timestamp());
    }

    private void evaluate(String region, String metric, double value, double threshold, boolean measurable,
                          long start, long end, long timestamp) {
        if (!measurable) {
            return; // nothing measured in this window: keep the current state
        }
        String key = metric + ':' + region;
        String current = state.get(key);
        long lastEnd = Long.MIN_VALUE;
        String openId = null;
        if (current != null) {
            int sep = current.indexOf(';');
            lastEnd = Long.parseLong(current.substring(0, sep));
            openId = sep + 1 < current.length() ? current.substring(sep + 1) : null;
        }
        if (end <= lastEnd) {
            return; // an older (or the same) window: already decided
        }
        boolean breached = value > threshold;
        if (breached && openId == null) {
            openId = ids.nextString();
            emit(new VoiceAlert(openId, region, metric, "open", value, threshold, start, end), region, timestamp);
        } else if (!breached && openId != null) {
            emit(new VoiceAlert(openId, region, metric, "resolved", value, threshold, start, end), region, timestamp);
            openId = null;
        }
        state.put(key, end + ";" + (openId == null ? "" : openId));
    }

    private void emit(VoiceAlert alert, String region, long timestamp) {
        byte[] envelope = EventCodec.encode(EventCodec.wrap(ids, source, GUILD_NONE, context.currentSystemTimeMs(), alert));
        log.info("voice slo alert state={} region={} metric={} value={} threshold={} window_end={} alert_id={}",
                alert.state(), alert.region(), alert.metric(), alert.value(), alert.threshold(), alert.windowEnd(),
                alert.alertId());
        listener.alert(alert);
        context.forward(new Record<>(region, envelope, timestamp));
    }
}
