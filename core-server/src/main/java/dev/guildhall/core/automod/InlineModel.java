package dev.guildhall.core.automod;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The classifier on the sending path, within a budget: a message is scored on a small dedicated pool (bounded
 * queue) and the sending thread waits at most the budget for the answer. A model that stalls, a full queue or a
 * failing model never holds the request (nor its DB transaction) longer than the budget: the caller gets no
 * scores, the rules decide alone and the message is marked for the stream verdict. A task that missed its budget
 * is cancelled if it has not started; one already running finishes and its answer is dropped. A budget of zero
 * scores nothing inline.
 *
 * <p>Metrics: {@code guildhall.automod.model.inline} (time to an answer within the budget, p50/p99/p99.9 over
 * Micrometer's sliding window, like the other AutoMod timers),
 * {@code guildhall.automod.model.unanswered{reason=timeout|overloaded|failed}}.
 */
final class InlineModel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InlineModel.class);

    /** The model's answer for one message: score by label, the model's version and the time to the answer. */
    record Scores(Map<String, Double> byLabel, String version, long latencyMicros) {
        Double get(String label) {
            return byLabel.get(label);
        }
    }

    private final List<String> labels;
    private final String version;
    private final Function<String, float[]> classifier;
    private final long budgetNanos;
    private final ThreadPoolExecutor pool;
    private final Timer answered;
    private final Counter timeouts;
    private final Counter overloaded;
    private final Counter failed;

    /**
     * @param labels     the classifier's labels, in the order of its scores
     * @param classifier scores one text (one float per label)
     */
    InlineModel(List<String> labels, String version, Function<String, float[]> classifier, Duration budget,
                int threads, int queue, MeterRegistry registry) {
        this.labels = List.copyOf(labels);
        this.version = version;
        this.classifier = classifier;
        this.budgetNanos = budget.toNanos();
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queue),
                r -> {
                    Thread t = new Thread(r, "automod-model-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        this.answered = Timer.builder("guildhall.automod.model.inline")
                .description("Time from submitting a message to the model's answer, for answers within the budget")
                .publishPercentiles(0.5, 0.99, 0.999).register(registry);
        this.timeouts = unanswered(registry, "timeout");
        this.overloaded = unanswered(registry, "overloaded");
        this.failed = unanswered(registry, "failed");
    }

    private static Counter unanswered(MeterRegistry registry, String reason) {
        return Counter.builder("guildhall.automod.model.unanswered")
                .description("Messages the model did not score within the budget (they are marked automod_pending)")
                .tag("reason", reason).register(registry);
    }

    /** Messages waiting for a scoring thread. */
    int queued() {
        return pool.getQueue().size();
    }

    /** The scores of {@code content}, or null when the model did not answer within the budget from now. */
    Scores score(String content) {
        return score(content, System.nanoTime());
    }

    /**
     * The scores of {@code content}, or null when the model did not answer within the budget counted from
     * {@code budgetStart} ({@link System#nanoTime()} when the inline decision began): the whole decision, rule lookup
     * and context included, waits at most the budget for the model.
     */
    Scores score(String content, long budgetStart) {
        if (budgetNanos == 0) {
            timeouts.increment(); // a zero budget leaves every message to the stream verdict
            return null;
        }
        long start = System.nanoTime();
        long remaining = budgetNanos - (start - budgetStart);
        if (remaining <= 0) {
            timeouts.increment();
            return null;
        }
        Future<Map<String, Double>> task;
        try {
            task = pool.submit(() -> byLabel(classifier.apply(content)));
        } catch (RejectedExecutionException e) {
            overloaded.increment();
            return null;
        }
        try {
            Map<String, Double> scores = task.get(remaining, TimeUnit.NANOSECONDS);
            long took = System.nanoTime() - start;
            answered.record(took, TimeUnit.NANOSECONDS);
            return new Scores(scores, version, took / 1000);
        } catch (TimeoutException e) {
            task.cancel(false);
            timeouts.increment();
            return null;
        } catch (ExecutionException e) {
            failed.increment();
            LOG.warn("event=automod_model_failed error={}", String.valueOf(e.getCause()));
            return null;
        } catch (InterruptedException e) {
            task.cancel(false);
            Thread.currentThread().interrupt();
            failed.increment();
            return null;
        }
    }

    private Map<String, Double> byLabel(float[] scores) {
        if (scores.length != labels.size()) {
            throw new IllegalStateException("the model returned " + scores.length + " scores for " + labels.size()
                    + " labels");
        }
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < scores.length; i++) {
            m.put(labels.get(i), (double) scores[i]);
        }
        return m;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
