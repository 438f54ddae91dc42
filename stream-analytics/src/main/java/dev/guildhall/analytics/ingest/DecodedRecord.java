package dev.guildhall.analytics.ingest;

/**
 * What the Kafka source emits: either a usable event or a dead letter (exactly one is set).
 * A Flink POJO (public fields, no-arg constructor).
 */
public class DecodedRecord<T> {
    public T event;
    public DeadLetter deadLetter;

    public DecodedRecord() {
    }

    public static <T> DecodedRecord<T> ofEvent(T event) {
        DecodedRecord<T> r = new DecodedRecord<>();
        r.event = event;
        return r;
    }

    public static <T> DecodedRecord<T> ofDeadLetter(DeadLetter deadLetter) {
        DecodedRecord<T> r = new DecodedRecord<>();
        r.deadLetter = deadLetter;
        return r;
    }

    @Override
    public String toString() {
        return event != null ? "DecodedRecord[event=" + event + "]" : "DecodedRecord[deadLetter=" + deadLetter + "]";
    }
}
