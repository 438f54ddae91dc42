package dev.guildhall.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load: message {@code n} ({@code content = bench-<n>}) is due at {@code start + n / rate} whatever the
 * answers to earlier ones, is posted by author {@code n % authors}, and its latency is measured from that scheduled
 * time (so a stalled server shows up in the latencies instead of slowing the load: no coordinated omission).
 * Latencies of messages after the warm-up go to an HdrHistogram in microseconds.
 */
final class OpenLoopPoster {
    private final Rest rest;
    private final List<Rest.Account> authors;
    private final long channelId;
    private final double rate;
    private final int total;
    private final int warmup;
    private final AtomicLongArray scheduledNanos;
    private final AtomicIntegerArray status; // 0 = no answer yet, -1 = I/O error
    private final Recorder latency = new Recorder(3);
    private final Histogram measured = new Histogram(3);
    private final AtomicLong answered = new AtomicLong();
    private final java.util.function.IntFunction<String> content;
    private volatile int sent;
    private volatile long startNanos;

    OpenLoopPoster(Rest rest, List<Rest.Account> authors, long channelId, double rate, int total, int warmup) {
        this(rest, authors, channelId, rate, total, warmup, n -> "bench-" + n);
    }

    /** {@code content} gives the content of post {@code n}. */
    OpenLoopPoster(Rest rest, List<Rest.Account> authors, long channelId, double rate, int total, int warmup,
                   java.util.function.IntFunction<String> content) {
        this.content = content;
        this.rest = rest;
        this.authors = authors;
        this.channelId = channelId;
        this.rate = rate;
        this.total = total;
        this.warmup = warmup;
        this.scheduledNanos = new AtomicLongArray(total);
        this.status = new AtomicIntegerArray(total);
    }

    /** Posts every message on schedule (blocks until the last one is sent, not answered). */
    void run() {
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        startNanos = start;
        double period = 1e9 / rate;
        for (int n = 0; n < total; n++) {
            long due = start + (long) (n * period);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            scheduledNanos.set(n, due);
            int id = n;
            rest.postMessageAsync(authors.get(n % authors.size()), channelId, content.apply(n)).whenComplete((code, err) -> {
                long micros = (System.nanoTime() - due) / 1000;
                status.set(id, err != null ? -1 : code);
                answered.incrementAndGet();
                if (id >= warmup) {
                    latency.recordValue(Math.max(0, micros));
                }
            });
            sent = n + 1;
        }
    }

    long startNanos() {
        return startNanos;
    }

    /** When message n was due (0 before it was posted). */
    long scheduledNanos(int n) {
        return n < total ? scheduledNanos.get(n) : 0;
    }

    /** Posts answered so far (any status or an I/O error). */
    long answered() {
        return answered.get();
    }

    int sent() {
        return sent;
    }

    int total() {
        return total;
    }

    int warmup() {
        return warmup;
    }

    boolean succeeded(int n) {
        int s = status.get(n);
        return s >= 200 && s < 300;
    }

    /** Waits up to {@code timeoutMs} for every post to be answered; the number still unanswered. */
    int awaitAnswers(long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        int pending;
        do {
            pending = 0;
            for (int i = 0; i < total; i++) {
                if (status.get(i) == 0) {
                    pending++;
                }
            }
            if (pending == 0) {
                return 0;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return pending;
    }

    /** Answers by status code (-1: I/O error, 0: none). */
    Map<Integer, Integer> statusCounts() {
        Map<Integer, Integer> m = new TreeMap<>();
        for (int i = 0; i < total; i++) {
            m.merge(status.get(i), 1, Integer::sum);
        }
        return m;
    }

    /** Moves what was recorded since the last call into the total and returns that interval. */
    synchronized Histogram interval() {
        Histogram h = latency.getIntervalHistogram();
        measured.add(h);
        return h;
    }

    /** Every latency after the warm-up recorded so far (µs). */
    synchronized Histogram measured() {
        measured.add(latency.getIntervalHistogram());
        return measured.copy();
    }
}
