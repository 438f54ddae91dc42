package dev.guildhall.analytics.runtime;

/**
 * A combiner's partial result: {@code count} events of key (a, b) in the tumbling event-time window starting at
 * {@code windowStart} (epoch ms). The window downstream sums them.
 */
public record KeyedCount(long a, long b, long windowStart, long count) {
}
