package dev.guildhall.automod.bench;

import dev.guildhall.automod.engine.MessageContext;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * Companion to the JMH benchmark for a shared, overloaded machine: per evaluation it records both wall time and
 * the thread's CPU time, so the percentiles of the work itself can be told apart from time spent descheduled.
 * Usage: {@code java -Xmx512m -cp ... dev.guildhall.automod.bench.RuleEvaluationCpuTime [evaluations]}.
 */
public final class RuleEvaluationCpuTime {
    private RuleEvaluationCpuTime() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        RuleEvaluationBenchmark bench = new RuleEvaluationBenchmark();
        bench.setUp();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (MessageContext message : new MessageContext[] {bench.clean, bench.obfuscated, bench.triggering}) {
            for (int i = 0; i < n; i++) {
                bench.rules.evaluate(message); // warm-up
            }
            long[] wall = new long[n];
            long[] cpu = new long[n];
            for (int i = 0; i < n; i++) {
                long c0 = mx.getCurrentThreadCpuTime();
                long w0 = System.nanoTime();
                bench.rules.evaluate(message);
                wall[i] = System.nanoTime() - w0;
                cpu[i] = mx.getCurrentThreadCpuTime() - c0;
            }
            String name = message == bench.clean ? "clean" : message == bench.obfuscated ? "obfuscated" : "triggering";
            System.out.println(name + " wall " + percentiles(wall) + " | cpu " + percentiles(cpu));
        }
    }

    private static String percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        StringBuilder sb = new StringBuilder();
        for (double q : new double[] {0.50, 0.90, 0.99, 0.999}) {
            long v = sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
            sb.append(String.format(Locale.ROOT, "p%s=%.0fus ", q * 100 == Math.floor(q * 100) ? String.valueOf((int) (q * 100)) : String.valueOf(q * 100), v / 1000.0));
        }
        return sb.toString().trim();
    }
}
