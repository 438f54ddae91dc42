package dev.guildhall.analytics.sink;

import java.io.Serializable;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** How rows of type {@code T} are inserted into one ClickHouse table. */
public interface ClickHouseTable<T> extends Serializable {
    /** DateTime('UTC') text; {@link TabSeparatedRows} writes the same digit by digit. */
    DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    /** Date text (the UTC day). */
    DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    String name();

    List<String> columns();

    /** Writes one row: a value per column of {@link #columns()}, in that order, then {@code out.endRow()}. */
    void write(TabSeparatedRows out, T row);

    /** The statement a batch is posted with (its rows follow in the request body). */
    default String insertQuery() {
        return "INSERT INTO " + name() + " (" + String.join(", ", columns()) + ") FORMAT TabSeparated";
    }
}
