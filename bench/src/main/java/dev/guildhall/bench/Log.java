package dev.guildhall.bench;

import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Progress lines on stdout. */
final class Log {
    private Log() {
    }

    static void line(String message) {
        System.out.println("[bench " + LocalTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS) + "] " + message);
        System.out.flush();
    }
}
