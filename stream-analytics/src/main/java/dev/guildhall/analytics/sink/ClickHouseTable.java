package dev.guildhall.analytics.sink;

import java.io.Serializable;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
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

    /**
     * A DateTime('UTC') value as text ({@link #DATE_TIME}): works on ClickHouse 18.16 and current servers, whatever
     * the JVM zone. Written digit by digit for years 1000–9999 (the formatter's cost showed in the sink's profile).
     */
    static String dateTime(long epochMillis) {
        long seconds = Math.floorDiv(epochMillis, 1000L);
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400L));
        if (day.getYear() < 1000 || day.getYear() > 9999) {
            return DATE_TIME.format(Instant.ofEpochMilli(epochMillis));
        }
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        char[] text = new char[19];
        writeDate(text, day);
        text[10] = ' ';
        twoDigits(text, 11, secondOfDay / 3600);
        text[13] = ':';
        twoDigits(text, 14, secondOfDay / 60 % 60);
        text[16] = ':';
        twoDigits(text, 17, secondOfDay % 60);
        return new String(text);
    }

    /** A Date value (the UTC day of the instant) as text ({@link #DATE}). */
    static String date(long epochMillis) {
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(epochMillis, 86_400_000L));
        if (day.getYear() < 1000 || day.getYear() > 9999) {
            return DATE.format(Instant.ofEpochMilli(epochMillis));
        }
        char[] text = new char[10];
        writeDate(text, day);
        return new String(text);
    }

    private static void writeDate(char[] text, LocalDate day) {
        int year = day.getYear();
        twoDigits(text, 0, year / 100);
        twoDigits(text, 2, year % 100);
        text[4] = '-';
        twoDigits(text, 5, day.getMonthValue());
        text[7] = '-';
        twoDigits(text, 8, day.getDayOfMonth());
    }

    private static void twoDigits(char[] text, int at, int value) {
        text[at] = (char) ('0' + value / 10);
        text[at + 1] = (char) ('0' + value % 10);
    }
}
