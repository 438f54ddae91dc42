package dev.guildhall.systemtests.exactlyonce;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/** Expected rows: sums per key (each key and row a TSV line, as ClickHouse answers), and the time buckets. */
final class Rows {
    private final Map<String, long[]> sums = new TreeMap<>();
    private final Map<String, Set<Long>> distinct = new TreeMap<>();

    /** Adds {@code values} column-wise to the row of {@code key}. */
    void add(String key, long... values) {
        long[] row = sums.computeIfAbsent(key, k -> new long[values.length]);
        for (int i = 0; i < values.length; i++) {
            row[i] += values[i];
        }
    }

    /** Adds {@code value} to the distinct set of {@code key} (a uniq state's exact answer). */
    void addDistinct(String key, long value) {
        distinct.computeIfAbsent(key, k -> new TreeSet<>()).add(value);
    }

    List<String> lines() {
        List<String> lines = new ArrayList<>();
        sums.forEach((key, row) -> lines.add(key + "\t"
                + LongStream.of(row).mapToObj(Long::toString).collect(Collectors.joining("\t"))));
        distinct.forEach((key, set) -> lines.add(key + "\t" + set.size()));
        return lines;
    }

    static String key(Object... parts) {
        return Arrays.stream(parts).map(String::valueOf).collect(Collectors.joining("\t"));
    }

    /** toUInt32(minute) of a DateTime minute column. */
    static long minute(long epochMs) {
        return epochMs / 60_000 * 60;
    }

    /** toString(day) of a Date column (UTC). */
    static String day(long epochMs) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(epochMs), ZoneOffset.UTC).toString();
    }

    /** toString(toMonday(day)). */
    static String monday(long epochMs) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(epochMs), ZoneOffset.UTC).with(DayOfWeek.MONDAY).toString();
    }

    static String inList(long[] ids) {
        return LongStream.of(ids).mapToObj(Long::toString).collect(Collectors.joining(",", "(", ")"));
    }
}
