package dev.guildhall.analytics.runtime;

import org.apache.flink.streaming.api.datastream.DataStream;

/** A windowed pipeline's rows and its events too late for their window (raw, for {@link LateEvents}). */
public record WindowedRows<R, E>(DataStream<R> rows, DataStream<E> late) {
}
