package dev.guildhall.automod.ml.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This JVM's resident memory from /proc/self/status (NaN where /proc is not there). */
public final class ProcessMemory {
    private ProcessMemory() {
    }

    /** Resident set size now, MiB. */
    public static double rssMib() {
        return field("VmRSS:");
    }

    /** Peak resident set size, MiB. */
    public static double peakRssMib() {
        return field("VmHWM:");
    }

    public static double heapUsedMib() {
        Runtime r = Runtime.getRuntime();
        return (r.totalMemory() - r.freeMemory()) / 1048576.0;
    }

    private static double field(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).replace("kB", "").strip()) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
