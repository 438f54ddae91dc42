package dev.guildhall.analytics.automod;

import dev.guildhall.automod.ml.MessageClassifier;
import dev.guildhall.automod.ml.MessageClassifiers;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores messages in batches with AutoMod's classifier (the same library as core-server's inline check). Keyed by
 * a bucket of the message id: each bucket buffers its messages in checkpointed list state and scores them with
 * one {@code scoreBatch} call when {@code batchSize} are there or {@code maxWait} after the first (a processing-time
 * timer), so a restart loses no buffered message. The versions of a message (same id, same bucket) get strictly
 * increasing {@code scored_ms} ({@link Verdicts#scoredTimes}). Metrics {@code guildhall.messagesScored},
 * {@code guildhall.scoringBatches}.
 */
public final class BatchScorer extends KeyedProcessFunction<Integer, MessageToScore, VerdictRow> {
    private final VerdictJobSettings settings;
    private transient MessageClassifier classifier;
    private transient ListState<MessageToScore> buffer;
    private transient ValueState<Integer> size;
    private transient ValueState<Long> timer;
    private transient Counter scored;
    private transient Counter batches;
    /** The latest scored_ms handed out by this instance (see {@link Verdicts#scoredTimes}). */
    private transient long lastScoredAt;

    public BatchScorer(VerdictJobSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        classifier = settings.modelDir() == null ? MessageClassifiers.bundled()
                : MessageClassifiers.load(Path.of(settings.modelDir()));
        buffer = getRuntimeContext().getListState(new ListStateDescriptor<>("buffer",
                TypeInformation.of(MessageToScore.class)));
        size = getRuntimeContext().getState(new ValueStateDescriptor<>("size", Types.INT));
        timer = getRuntimeContext().getState(new ValueStateDescriptor<>("timer", Types.LONG));
        scored = getRuntimeContext().getMetricGroup().addGroup("guildhall").counter("messagesScored");
        batches = getRuntimeContext().getMetricGroup().addGroup("guildhall").counter("scoringBatches");
    }

    @Override
    public void processElement(MessageToScore m, Context ctx, Collector<VerdictRow> out) throws Exception {
        buffer.add(m);
        int n = size.value() == null ? 1 : size.value() + 1;
        if (n >= settings.batchSize()) {
            flush(ctx.timerService(), out);
            return;
        }
        size.update(n);
        if (timer.value() == null) {
            long at = ctx.timerService().currentProcessingTime() + settings.maxWait().toMillis();
            ctx.timerService().registerProcessingTimeTimer(at);
            timer.update(at);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<VerdictRow> out) throws Exception {
        timer.clear();
        flush(ctx.timerService(), out);
    }

    private void flush(org.apache.flink.streaming.api.TimerService timers, Collector<VerdictRow> out)
            throws Exception {
        List<MessageToScore> batch = new ArrayList<>();
        for (MessageToScore m : buffer.get()) {
            batch.add(m);
        }
        buffer.clear();
        size.clear();
        Long pending = timer.value();
        if (pending != null) {
            timers.deleteProcessingTimeTimer(pending);
            timer.clear();
        }
        if (batch.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        float[][] scores = classifier.scoreBatch(batch.stream().map(MessageToScore::content).toList());
        long perMessageMicros = (System.nanoTime() - start) / 1000 / batch.size();
        long[] scoredAt = Verdicts.scoredTimes(batch, System.currentTimeMillis(), lastScoredAt);
        for (int i = 0; i < batch.size(); i++) {
            out.collect(Verdicts.verdict(batch.get(i), classifier.labels(), scores[i], classifier.version(),
                    perMessageMicros, scoredAt[i], settings.flagThreshold()));
            lastScoredAt = Math.max(lastScoredAt, scoredAt[i]);
        }
        scored.inc(batch.size());
        batches.inc();
    }

    @Override
    public void close() {
        if (classifier != null) {
            classifier.close();
        }
    }
}
