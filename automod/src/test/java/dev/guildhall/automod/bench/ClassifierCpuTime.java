package dev.guildhall.automod.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Companion to {@link ClassifierBenchmark} for a shared, overloaded machine: wall and thread-CPU time per
 * {@code score} (PyTorch runs its one intra-op thread on the caller's thread, so thread CPU is the work itself),
 * and batch messages per wall second and per CPU second.
 * Usage: {@code java -Xmx512m -cp ... dev.guildhall.automod.bench.ClassifierCpuTime [messages]}.
 */
public final class ClassifierCpuTime {
    private ClassifierCpuTime() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        ClassifierBenchmark bench = new ClassifierBenchmark();
        bench.setUp();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        List<String> messages = bench.messages;
        for (int i = 0; i < n; i++) {
            bench.classifier.score(messages.get(i % messages.size())); // warm-up
        }
        long[] wall = new long[n];
        long[] cpu = new long[n];
        for (int i = 0; i < n; i++) {
            String m = messages.get(i % messages.size());
            long c0 = mx.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            bench.classifier.score(m);
            wall[i] = System.nanoTime() - w0;
            cpu[i] = mx.getCurrentThreadCpuTime() - c0;
        }
        System.out.println("single wall " + percentiles(wall) + " | cpu " + percentiles(cpu));
        int rounds = Math.max(1, n / messages.size());
        for (int i = 0; i < 3; i++) {
            bench.classifier.scoreBatch(messages); // warm-up
        }
        long c0 = mx.getCurrentThreadCpuTime();
        long w0 = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            bench.classifier.scoreBatch(messages);
        }
        double wallSeconds = (System.nanoTime() - w0) / 1e9;
        double cpuSeconds = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
        long total = (long) rounds * messages.size();
        System.out.printf(Locale.ROOT, "batch %d messages in batches of %d: %.0f messages/s wall, %.0f messages per CPU second%n",
                total, messages.size(), total / wallSeconds, total / cpuSeconds);
        bench.tearDown();
    }

    private static String percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        StringBuilder sb = new StringBuilder();
        for (double q : new double[] {0.50, 0.90, 0.99, 0.999}) {
            long v = sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
            sb.append(String.format(Locale.ROOT, "p%s=%.0fus ", String.valueOf(q * 100).replaceAll("\\.0$", ""),
                    v / 1000.0));
        }
        return sb.toString().trim();
    }
}
