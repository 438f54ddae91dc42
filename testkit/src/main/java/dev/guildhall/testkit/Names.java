package dev.guildhall.testkit;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Unique, SQL-safe object names: a sanitised prefix + a counter + random suffix. */
final class Names {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private Names() {}

  static String unique(String prefix) {
    String clean = (prefix == null ? "" : prefix).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    if (clean.isEmpty() || !Character.isLetter(clean.charAt(0))) {
      clean = "t_" + clean;
    }
    if (clean.length() > 40) {
      clean = clean.substring(0, 40);
    }
    return clean + "_" + COUNTER.incrementAndGet() + "_"
        + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20, 1 << 25), 36);
  }
}
