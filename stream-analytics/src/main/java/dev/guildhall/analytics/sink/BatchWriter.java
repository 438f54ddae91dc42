package dev.guildhall.analytics.sink;

import java.io.IOException;
import java.util.List;

/** Writes one batch of rows, or throws after it gave up. */
public interface BatchWriter<T> extends AutoCloseable {
    void insert(List<T> rows) throws IOException, InterruptedException;

    @Override
    void close();
}
