package dev.guildhall.testkit;

import java.time.Duration;
import java.util.Locale;

/** Progress lines on stdout (test output), e.g. "[testkit] starting ClickHouse on port 40123 ... ready in 0.4s". */
final class Progress {
  private Progress() {}

  static void line(String message) {
    System.out.println("[testkit] " + message);
    System.out.flush();
  }

  static String seconds(long startNanos) {
    return String.format(Locale.ROOT, "%.1fs", Duration.ofNanos(System.nanoTime() - startNanos).toMillis() / 1000.0);
  }
}
