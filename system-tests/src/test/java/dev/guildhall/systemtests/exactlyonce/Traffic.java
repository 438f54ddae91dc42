package dev.guildhall.systemtests.exactlyonce;

import java.util.List;

/**
 * One stream-analytics job's share of the event stream: the events it sends, and what ClickHouse must hold once
 * every event sent so far is processed. Not thread-safe: the stream's producer thread calls {@link #next}; checks are
 * read after the stream stopped. A new job is covered by adding an implementation to {@link ExactlyOnceIT#traffic}.
 */
interface Traffic {
    /** The Kafka topic the job reads. */
    String topic();

    /** The next event, at event time {@code at} (epoch ms); its effect on the expected rows is recorded. */
    Event next(long at);

    /** An event at {@code at} outside the checked keys, sent to every partition to advance its watermark. */
    byte[] watermarkEvent(long at);

    /** Every table (or aggregate of one) and the exact rows it must hold for the events recorded so far. */
    List<Check> checks();

    /** A Kafka record: key and encoded envelope. */
    record Event(String key, byte[] value) {
    }

    /** A query over the warehouse and the rows (TSV lines, any order) it must answer. */
    record Check(String name, String sql, List<String> expected) {
    }
}
