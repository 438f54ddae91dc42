package dev.guildhall.warehouse.queries;

import java.time.Instant;

/**
 * One voice SLO alert from its opening to its resolution (resolvedAt / resolvedValue null while it is open).
 *
 * @param voiceServer the voice server the alert is about, or "" for an alert about its whole region
 * @param openValue   the measured value that opened it
 * @param windowStart start of the SLO window that opened it
 * @param windowEnd   end of the SLO window that resolved it (of the opening window while open)
 */
public record AlertSpan(String alertId, String region, String voiceServer, String metric, double threshold,
                        Instant openedAt, double openValue, Instant resolvedAt, Double resolvedValue, Instant windowStart,
                        Instant windowEnd) {
  public boolean open() {
    return resolvedAt == null;
  }
}
