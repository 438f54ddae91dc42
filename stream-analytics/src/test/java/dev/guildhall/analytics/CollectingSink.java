package dev.guildhall.analytics;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Appends every element to a list in this JVM, by sink id, in arrival order (one subtask): for pipelines run in a
 * local Flink cluster inside the test JVM.
 */
public record CollectingSink<T>(String id) implements Sink<T> {
    private static final Map<String, List<Object>> COLLECTED = new ConcurrentHashMap<>();

    /** What the sink with this id received so far (empty when nothing). */
    @SuppressWarnings("unchecked")
    public static <T> List<T> collected(String id) {
        return List.copyOf((List<T>) (List<?>) COLLECTED.getOrDefault(id, List.of()));
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        List<Object> target = COLLECTED.computeIfAbsent(id, k -> Collections.synchronizedList(new ArrayList<>()));
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context ctx) {
                target.add(element);
            }

            @Override
            public void flush(boolean endOfInput) {
            }

            @Override
            public void close() {
            }
        };
    }
}
