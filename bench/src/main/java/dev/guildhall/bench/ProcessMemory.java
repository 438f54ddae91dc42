package dev.guildhall.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Memory of a process from {@code /proc/PID/status}. */
final class ProcessMemory {
    private ProcessMemory() {
    }

    /** Resident set size now (VmRSS), in bytes. */
    static long rss(long pid) {
        return field(pid, "VmRSS:");
    }

    /** Peak resident set size since the process started (VmHWM), in bytes. */
    static long peakRss(long pid) {
        return field(pid, "VmHWM:");
    }

    private static long field(long pid, String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + "/status", e);
        }
        throw new IllegalStateException("no " + name + " for pid " + pid);
    }
}
