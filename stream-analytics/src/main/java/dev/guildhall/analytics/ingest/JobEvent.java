package dev.guildhall.analytics.ingest;

/** An event that carries its own event time (the envelope's occurred_at, epoch ms UTC). */
public interface Timestamped {
    long occurredAt();
}
