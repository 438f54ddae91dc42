package dev.guildhall.bench;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The results block of one run: machine, date, command, configuration, results and verdicts (Markdown). */
final class Report {
    private final String name;
    private final Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final String loadAtStart = loadAverage();
    private final List<String> config = new ArrayList<>();
    private final List<String> results = new ArrayList<>();
    private final List<String> verdicts = new ArrayList<>();
    private boolean allMet = true;
    private double serverCpu0;
    private double ownCpu0;
    private long cpuNanos0;

    Report(String name) {
        this.name = name;
    }

    void config(String line) {
        config.add(line);
    }

    void result(String line) {
        results.add(line);
    }

    void target(String what, boolean met) {
        verdicts.add((met ? "MET     " : "MISSED  ") + what);
        allMet &= met;
    }

    /** Whether the target whose description starts with {@code prefix} was met (false if there is none). */
    boolean met(String prefix) {
        return verdicts.stream().anyMatch(v -> v.startsWith("MET     " + prefix));
    }

    boolean allMet() {
        return allMet;
    }

    static String ms(long micros) {
        return String.format(Locale.ROOT, "%.1f", micros / 1000.0);
    }

    /** p50 / p95 / p99 / p99.9 / max of a histogram in µs, printed in ms. */
    static String percentiles(Histogram h) {
        if (h.getTotalCount() == 0) {
            return "no samples";
        }
        return "p50 " + ms(h.getValueAtPercentile(50)) + " ms, p95 " + ms(h.getValueAtPercentile(95)) + " ms, p99 "
                + ms(h.getValueAtPercentile(99)) + " ms, p99.9 " + ms(h.getValueAtPercentile(99.9)) + " ms, max "
                + ms(h.getMaxValue()) + " ms (n=" + h.getTotalCount() + ")";
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1024.0 / 1024.0);
    }

    /** Starts a CPU window for {@link #cpuResult}. */
    void cpuStart(BenchServer server) {
        serverCpu0 = server.cpuSeconds();
        ownCpu0 = BenchServer.procCpuSeconds(Path.of("/proc/self/stat"));
        cpuNanos0 = System.nanoTime();
    }

    /**
     * A result line: CPU used by the server and by this load generator since {@link #cpuStart}, as a share of one
     * core, next to the machine's load: shows whether the server was busy or starved by other processes.
     */
    void cpuResult(BenchServer server, String window) {
        double wall = (System.nanoTime() - cpuNanos0) / 1e9;
        double serverCpu = server.cpuSeconds() - serverCpu0;
        double own = BenchServer.procCpuSeconds(Path.of("/proc/self/stat")) - ownCpu0;
        result(String.format(Locale.ROOT, "CPU over the %s (%.0f s wall, %d cores): core-server %.1f s (%.0f%% of one"
                        + " core), load generator %.1f s (%.0f%%); 1-min load average now %s", window, wall,
                Runtime.getRuntime().availableProcessors(), serverCpu, 100 * serverCpu / wall, own, 100 * own / wall,
                loadAverage().split(" ")[0]));
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String machine() {
        String cpu = "unknown";
        String mem = "unknown";
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version");
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
            mem = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> mib(Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024)).orElse(mem);
            os = Files.readAllLines(Path.of("/etc/os-release")).stream().filter(l -> l.startsWith("PRETTY_NAME="))
                    .findFirst().map(l -> l.substring(13, l.length() - 1)).orElse(os) + ", kernel "
                    + System.getProperty("os.version");
        } catch (IOException e) {
            // keep what we have
        }
        return "nproc " + Runtime.getRuntime().availableProcessors() + ", " + mem + " RAM, CPU " + cpu + ", " + os
                + ", JDK " + System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version")
                + " (load generator JVM: " + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()
                .stream().filter(a -> a.startsWith("-Xm")).toList()) + ")";
    }

    String render(String command) {
        StringBuilder b = new StringBuilder();
        b.append("### ").append(name).append(" — ").append(started).append("\n\n");
        b.append("- command: `").append(command).append("`\n");
        b.append("- machine: ").append(machine()).append("\n");
        b.append("- load average (1/5/15 min) at start: ").append(loadAtStart).append(", at end: ")
                .append(loadAverage()).append("\n");
        b.append("- configuration:\n");
        config.forEach(c -> b.append("  - ").append(c).append("\n"));
        b.append("- results:\n");
        results.forEach(r -> b.append("  - ").append(r).append("\n"));
        b.append("- targets:\n");
        verdicts.forEach(v -> b.append("  - `").append(v).append("`\n"));
        return b.toString();
    }

    /** Prints the block and writes it to {@code <dir>/<name>-<time>.md}; returns the file. */
    Path write(Path dir, String command) throws IOException {
        String text = render(command);
        System.out.println();
        System.out.println(text);
        Files.createDirectories(dir);
        Path file = dir.resolve(name + "-" + started.toString().replace(':', '-') + ".md");
        Files.writeString(file, text);
        Log.line("results written to " + file);
        return file;
    }

    static String settings(Map<String, String> s) {
        StringBuilder b = new StringBuilder();
        s.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return b.toString();
    }
}
