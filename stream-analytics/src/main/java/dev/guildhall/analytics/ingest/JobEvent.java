package dev.guildhall.analytics.ingest;

/** What every job works on: the envelope's event id (unique, for de-duplication) and event time. */
public interface JobEvent {
    /** The envelope's event_id. */
    String eventId();

    /** The envelope's occurred_at, epoch ms UTC: the event time. */
    long occurredAt();
}
