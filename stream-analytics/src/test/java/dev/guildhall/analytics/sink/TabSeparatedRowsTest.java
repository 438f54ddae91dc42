package dev.guildhall.analytics.sink;

import dev.guildhall.analytics.engagement.MessageCountRow;
import dev.guildhall.analytics.engagement.MessageCountsTable;
import dev.guildhall.analytics.voice.VoiceSample;
import dev.guildhall.analytics.voice.VoiceSamplesTable;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class TabSeparatedRowsTest {
    private final TabSeparatedRows rows = new TabSeparatedRows(16);

    @Test
    void valuesAreTabSeparatedAndRowsEndWithANewline() {
        rows.number(1).string("a").endRow();
        rows.number(-2).flag(true).flag(false).endRow();
        assertThat(rows.toString()).isEqualTo("1\ta\n-2\t1\t0\n");
        assertThat(rows.rows()).isEqualTo(2);
        rows.clear();
        assertThat(rows.length()).isZero();
        assertThat(rows.rows()).isZero();
        rows.number(3).endRow();
        assertThat(rows.toString()).isEqualTo("3\n");
    }

    @Test
    void numbersAreTheirDecimalText() {
        SplittableRandom random = new SplittableRandom(7);
        long[] edges = {0, 1, -1, 9, 10, 99, 100, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1,
                1_234_567_890_123_456_789L};
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 100_000 + edges.length; i++) {
            long v = i < edges.length ? edges[i] : random.nextLong() >> random.nextInt(64);
            rows.number(v).endRow();
            expected.append(v).append('\n');
        }
        assertThat(rows.toString()).isEqualTo(expected.toString());
    }

    @Test
    void floatsNullsAndArraysAreWhatTheJdbcDriverSent() {
        rows.float64(1.5).float64(1e-7).float64(-0.0).float32(0.1f).nullableFloat64(null).nullableFloat64(2.25)
                .nullableNumber(null).nullableNumber(42L).float64Array(new double[0])
                .float64Array(new double[]{1, 2.5, 1e20}).endRow();
        assertThat(rows.toString())
                .isEqualTo("1.5\t1.0E-7\t-0.0\t0.1\t\\N\t2.25\t\\N\t42\t[]\t[1.0,2.5,1.0E20]\n");
    }

    @Test
    void stringsEscapeTabNewlineBackslashAndControlCharactersAndAreUtf8() {
        rows.string("a\tb\nc\\d\re\u0000f\bg\fh'\"").string("héllo 🎮\tx").string("").endRow();
        assertThat(rows.toString())
                .isEqualTo("a\\tb\\nc\\\\d\\re\\0f\\bg\\fh'\"\théllo 🎮\\tx\t\n");
    }

    @Test
    void dateTimeAndDateTextEqualTheFormatters() {
        SplittableRandom random = new SplittableRandom(5);
        long[] edges = {0, -1, 999, 1000, 86_399_999, 86_400_000, -62_135_596_800_000L, 253_402_300_799_999L,
                253_402_300_800_000L, -62_167_219_200_001L, 951_782_400_000L, 4_107_542_399_999L};
        for (int i = 0; i < 200_000 + edges.length; i++) {
            long ms = i < edges.length ? edges[i] : random.nextLong(-3_000_000_000_000L, 5_000_000_000_000L);
            Instant instant = Instant.ofEpochMilli(ms);
            rows.clear();
            rows.dateTime(ms).date(ms);
            assertThat(rows.toString()).as("%d", ms).isEqualTo(
                    ClickHouseTable.DATE_TIME.format(instant) + "\t" + ClickHouseTable.DATE.format(instant));
        }
    }

    @Test
    void tablesWriteOneValuePerColumn() {
        new MessageCountsTable().write(rows, new MessageCountRow(1, 2, 1_764_300_060_000L, 3, 4));
        assertThat(rows.toString()).isEqualTo("1\t2\t2025-11-28 03:21:00\t3\t4\n");
        rows.clear();
        VoiceSamplesTable samples = new VoiceSamplesTable();
        samples.write(rows, new VoiceSample("9", "eu", "eu-1", 1, 2, 3, 4, 0, 20, 50, 49, 1, 2.5, null, null, 64.0,
                null));
        assertThat(rows.toString().split("\t", -1)).hasSize(samples.columns().size());
        assertThat(rows.toString()).isEqualTo(
                "eu\teu-1\t1\t2\t3\t4\t1970-01-01 00:00:00\t9\t20\t50\t49\t1\t2.5\t\\N\t\\N\t64.0\t\\N\t0\n");
    }
}
