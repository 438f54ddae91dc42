package dev.guildhall.analytics.sink;

import java.io.Serializable;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** How rows of type {@code T} are inserted into one ClickHouse table. */
public interface ClickHouseTable<T> extends Serializable {
    DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    String name();

    List<String> columns();

    /** Sets parameters 1..columns().size() for one row. */
    void bind(PreparedStatement ps, T row) throws SQLException;

    default String insertSql() {
        return "INSERT INTO " + name() + " (" + String.join(", ", columns()) + ") VALUES ("
                + String.join(", ", columns().stream().map(c -> "?").toList()) + ")";
    }

    /** A DateTime('UTC') value as text: works on ClickHouse 18.16 and current servers, whatever the JVM zone. */
    static String dateTime(long epochMillis) {
        return DATE_TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    /** A Date value (the UTC day of the instant) as text. */
    static String date(long epochMillis) {
        return DATE.format(Instant.ofEpochMilli(epochMillis));
    }
}
