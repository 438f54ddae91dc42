package dev.guildhall.core.automod;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** The inline budget: answers within it are used, a stalled, overloaded or failing model never holds the caller. */
class InlineModelTest {
    private static final List<String> LABELS = List.of("safe", "spam", "toxic", "harassment");
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CountDownLatch release = new CountDownLatch(1);
    private InlineModel model;

    @AfterEach
    void stop() {
        release.countDown();
        if (model != null) {
            model.close();
        }
    }

    private InlineModel model(Function<String, float[]> classifier, Duration budget, int queue) {
        model = new InlineModel(LABELS, "v7", classifier, budget, 1, queue, registry);
        return model;
    }

    private double unanswered(String reason) {
        return registry.get("guildhall.automod.model.unanswered").tag("reason", reason).counter().count();
    }

    private float[] stall(String text) {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new float[] {1, 0, 0, 0};
    }

    @Test
    void anAnswerWithinTheBudgetGivesScoresByLabel() {
        InlineModel m = model(text -> new float[] {0.1f, 0.2f, 0.6f, 0.1f}, Duration.ofSeconds(5), 4);
        InlineModel.Scores s = m.score("hello");
        assertThat(s.byLabel()).containsOnlyKeys(LABELS);
        assertThat(s.get("toxic")).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(s.version()).isEqualTo("v7");
        assertThat(registry.get("guildhall.automod.model.inline").timer().count()).isEqualTo(1);
    }

    @Test
    void aStalledModelCostsTheCallerTheBudgetAndNoMore() {
        InlineModel m = model(this::stall, Duration.ofMillis(20), 4);
        long start = System.nanoTime();
        assertThat(m.score("a")).isNull();
        assertThat(m.score("b")).isNull();
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(tookMs).isLessThan(1000);
        assertThat(unanswered("timeout")).isEqualTo(2);
    }

    @Test
    void theBudgetCountsFromTheStartOfTheDecision() {
        InlineModel m = model(text -> new float[] {0.1f, 0.2f, 0.6f, 0.1f}, Duration.ofSeconds(5), 4);
        // the decision began 6 s ago: its 5 s budget is spent, so the model is not even asked
        assertThat(m.score("late", System.nanoTime() - Duration.ofSeconds(6).toNanos())).isNull();
        assertThat(unanswered("timeout")).isEqualTo(1);
        assertThat(registry.get("guildhall.automod.model.inline").timer().count()).isZero();
        // one that began now still has its budget
        assertThat(m.score("in time", System.nanoTime())).isNotNull();
    }

    @Test
    void aZeroBudgetNeverWaits() {
        InlineModel m = model(this::stall, Duration.ZERO, 4);
        assertThat(m.score("a")).isNull();
        assertThat(unanswered("timeout")).isEqualTo(1);
    }

    @Test
    void aFullQueueIsOverloadNotWaiting() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        InlineModel m = model(text -> {
            started.countDown();
            return stall(text);
        }, Duration.ofSeconds(2), 1);
        Thread running = new Thread(() -> m.score("runs and stalls the only thread"));
        running.start();
        started.await();
        Thread queued = new Thread(() -> m.score("waits in the queue"));
        queued.start();
        while (m.queued() < 1) {
            Thread.onSpinWait();
        }
        long start = System.nanoTime();
        assertThat(m.score("rejected")).isNull();
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(100);
        assertThat(unanswered("overloaded")).isEqualTo(1);
        release.countDown();
        running.join();
        queued.join();
    }

    @Test
    void aFailingOrMisshapenModelIsUnanswered() {
        assertThat(model(text -> {
            throw new IllegalStateException("native crash");
        }, Duration.ofSeconds(5), 4).score("x")).isNull();
        model.close();
        assertThat(model(text -> new float[] {1f}, Duration.ofSeconds(5), 4).score("x")).isNull();
        assertThat(unanswered("failed")).isEqualTo(2);
    }
}
