package dev.guildhall.analytics.sink;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * A batch of rows in ClickHouse's {@code TabSeparated} input format, written straight into one reused byte buffer
 * (no per-value strings for numbers, dates and ASCII text). Values of a row are written in the table's column order
 * and the row is closed with {@link #endRow()}. The text is the one the legacy JDBC driver sent for the same
 * values ({@code Long.toString}, {@code Double.toString}, {@code yyyy-MM-dd HH:mm:ss} in UTC, {@code [a,b]} arrays,
 * {@code \N} for NULL), which ClickHouse 18.16 and current servers parse alike. Not thread-safe.
 */
public final class TabSeparatedRows {
    private static final byte[] NULL = {'\\', 'N'};
    private byte[] buf;
    private int length;
    private int rows;
    private boolean rowStarted;
    private final byte[] digits = new byte[19];

    public TabSeparatedRows(int initialCapacity) {
        buf = new byte[Math.max(64, initialCapacity)];
    }

    /** Empties the batch, keeping the buffer. */
    public void clear() {
        length = 0;
        rows = 0;
        rowStarted = false;
    }

    public byte[] buffer() {
        return buf;
    }

    public int length() {
        return length;
    }

    public int rows() {
        return rows;
    }

    public void endRow() {
        put((byte) '\n');
        rows++;
        rowStarted = false;
    }

    /** An integer column (UInt8 … UInt64, Int8 … Int64) as decimal text. */
    public TabSeparatedRows number(long value) {
        separate();
        writeLong(value);
        return this;
    }

    /** A UInt8 flag: 1 or 0. */
    public TabSeparatedRows flag(boolean value) {
        separate();
        put((byte) (value ? '1' : '0'));
        return this;
    }

    /** A Nullable integer column. */
    public TabSeparatedRows nullableNumber(Long value) {
        separate();
        if (value == null) {
            putAll(NULL);
        } else {
            writeLong(value);
        }
        return this;
    }

    /** A Float64 column ({@code Double.toString}). */
    public TabSeparatedRows float64(double value) {
        separate();
        writeAscii(Double.toString(value));
        return this;
    }

    /** A Float32 column ({@code Float.toString}). */
    public TabSeparatedRows float32(float value) {
        separate();
        writeAscii(Float.toString(value));
        return this;
    }

    /** A Nullable(Float64) column. */
    public TabSeparatedRows nullableFloat64(Double value) {
        separate();
        if (value == null) {
            putAll(NULL);
        } else {
            writeAscii(Double.toString(value));
        }
        return this;
    }

    /** An Array(Float64) column: {@code [v1,v2,...]}. */
    public TabSeparatedRows float64Array(double[] values) {
        separate();
        put((byte) '[');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                put((byte) ',');
            }
            writeAscii(Double.toString(values[i]));
        }
        put((byte) ']');
        return this;
    }

    /** A String column, UTF-8, with tab, newline, backslash and the other control characters escaped. */
    public TabSeparatedRows string(String value) {
        separate();
        int n = value.length();
        for (int i = 0; i < n; i++) {
            if (value.charAt(i) >= 0x80) {
                for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
                    escaped(b);
                }
                return this;
            }
        }
        ensure(n * 2);
        for (int i = 0; i < n; i++) {
            escaped((byte) value.charAt(i));
        }
        return this;
    }

    /** A DateTime('UTC') column: the instant's UTC second as {@code yyyy-MM-dd HH:mm:ss}. */
    public TabSeparatedRows dateTime(long epochMillis) {
        separate();
        long seconds = Math.floorDiv(epochMillis, 1000L);
        long day = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        ensure(19);
        if (!writeDay(day)) {
            writeAscii(ClickHouseTable.DATE_TIME.format(Instant.ofEpochMilli(epochMillis)));
            return this;
        }
        buf[length++] = ' ';
        twoDigits(secondOfDay / 3600);
        buf[length++] = ':';
        twoDigits(secondOfDay / 60 % 60);
        buf[length++] = ':';
        twoDigits(secondOfDay % 60);
        return this;
    }

    /** A Date column: the instant's UTC day as {@code yyyy-MM-dd}. */
    public TabSeparatedRows date(long epochMillis) {
        separate();
        ensure(10);
        if (!writeDay(Math.floorDiv(epochMillis, 86_400_000L))) {
            writeAscii(ClickHouseTable.DATE.format(Instant.ofEpochMilli(epochMillis)));
        }
        return this;
    }

    /** The batch as text (tests and error messages). */
    @Override
    public String toString() {
        return new String(buf, 0, length, StandardCharsets.UTF_8);
    }

    private void separate() {
        if (rowStarted) {
            put((byte) '\t');
        }
        rowStarted = true;
    }

    private void escaped(byte b) {
        byte escape = switch (b) {
            case '\\' -> '\\';
            case '\t' -> 't';
            case '\n' -> 'n';
            case '\r' -> 'r';
            case '\b' -> 'b';
            case '\f' -> 'f';
            case 0 -> '0';
            default -> -1;
        };
        if (escape == -1) {
            put(b);
        } else {
            put((byte) '\\');
            put(escape);
        }
    }

    /**
     * Days since 1970-01-01 as {@code yyyy-MM-dd} (proleptic Gregorian), digit by digit; false (nothing written) for
     * years outside 1000–9999, which the caller writes through the formatter (ClickHouse's range is 1970–2105).
     */
    private boolean writeDay(long epochDay) {
        // civil-from-days (H. Hinnant), valid for any day in the long range used here
        long z = epochDay + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int d = (int) (doy - (153 * mp + 2) / 5 + 1);
        int m = (int) (mp < 10 ? mp + 3 : mp - 9);
        long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
        if (y < 1000 || y > 9999) {
            return false;
        }
        int year = (int) y;
        twoDigits(year / 100);
        twoDigits(year % 100);
        buf[length++] = '-';
        twoDigits(m);
        buf[length++] = '-';
        twoDigits(d);
        return true;
    }

    private void twoDigits(int value) {
        buf[length++] = (byte) ('0' + value / 10);
        buf[length++] = (byte) ('0' + value % 10);
    }

    private void writeLong(long value) {
        if (value == Long.MIN_VALUE) {
            writeAscii(Long.toString(value));
            return;
        }
        ensure(20);
        if (value < 0) {
            buf[length++] = '-';
            value = -value;
        }
        int at = digits.length;
        do {
            long q = value / 10;
            digits[--at] = (byte) ('0' + (value - q * 10));
            value = q;
        } while (value != 0);
        int n = digits.length - at;
        System.arraycopy(digits, at, buf, length, n);
        length += n;
    }

    private void writeAscii(String text) {
        int n = text.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[length++] = (byte) text.charAt(i);
        }
    }

    private void put(byte b) {
        ensure(1);
        buf[length++] = b;
    }

    private void putAll(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, length, bytes.length);
        length += bytes.length;
    }

    private void ensure(int more) {
        if (length + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, length + more));
        }
    }
}
