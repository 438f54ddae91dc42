package dev.guildhall.analytics.ingest;

/**
 * What the Kafka source emits: either a usable event or a dead letter (exactly one is set).
 * A Flink POJO (public fields, no-arg constructor).
 */
public class DecodedRecord<T> {
    public T event;
    public DeadLetter deadLetter;
    /** Kafka partition and offset the record was read from (de-duplication is per partition). */
    public int partition;
    public long offset;

    public DecodedRecord() {
    }

    public static <T> DecodedRecord<T> ofEvent(T event) {
        DecodedRecord<T> r = new DecodedRecord<>();
        r.event = event;
        return r;
    }

    /** The same record, read from {@code partition} at {@code offset}. */
    public DecodedRecord<T> at(int partition, long offset) {
        this.partition = partition;
        this.offset = offset;
        return this;
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
