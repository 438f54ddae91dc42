package dev.guildhall.analytics.sink;

import dev.guildhall.analytics.automod.AutoModVerdictsTable;
import dev.guildhall.analytics.automod.VerdictRow;
import dev.guildhall.analytics.engagement.UserActivityRow;
import dev.guildhall.analytics.engagement.UserActivityTable;
import dev.guildhall.analytics.moderation.ModerationActionsTable;
import dev.guildhall.analytics.moderation.ModerationRow;
import dev.guildhall.analytics.voice.ChannelQualityRow;
import dev.guildhall.analytics.voice.ChannelQualityTable;
import dev.guildhall.analytics.voice.MinuteQuality;
import dev.guildhall.analytics.voice.VoiceSample;
import dev.guildhall.analytics.voice.VoiceSamplesTable;
import dev.guildhall.testkit.ClickHouseEngine;
import dev.guildhall.testkit.Engines;
import dev.guildhall.warehouse.Migrator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sink's HTTP TabSeparated inserts against the real ClickHouse (18.16 here): every kind of column the tables use
 * (DateTime('UTC'), Date, Nullable, Array(Float64), Float32, UInt8, escaped and non-ASCII text) reads back as
 * written, a batch of many rows arrives whole over reused connections, and ClickHouse's error text is reported.
 */
class ClickHouseInsertIT {
    private static final long MINUTE = 1_764_300_060_000L;   // 2025-11-28 03:21:00 UTC
    private static ClickHouseEngine clickhouse;
    private static String database;

    @BeforeAll
    static void migrate() {
        clickhouse = Engines.clickhouse();
        database = clickhouse.createDatabase("sink_insert");
        new Migrator(clickhouse.jdbcUrl(database)).migrate();
    }

    private static <T> void insert(ClickHouseTable<T> table, List<T> rows) throws Exception {
        try (BatchInserter<T> inserter = new BatchInserter<>(clickhouse.jdbcUrl(database), table, 1,
                new Backoff(Duration.ofMillis(1), Duration.ofMillis(1)), (attempt, error) -> {
        }, d -> {
        })) {
            inserter.insert(rows);
        }
    }

    @Test
    void voiceSamplesWithNullsEscapesAndUnicodeReadBack() throws Exception {
        insert(new VoiceSamplesTable(), List.of(
                new VoiceSample("id\t1\\x", "eu\nwest", "srv-é🎮", 1, 2, 3, 4_000_000_000L, MINUTE + 1_500, 20, 50,
                        49, 1, 2.5, null, null, 64.0, null),
                new VoiceSample("id2", "eu", "srv", 1, 2, 3, 5, MINUTE, 20, 50, 50, 0, 0.125, 31.5, 2L, null, 4.2)));
        assertThat(clickhouse.query(database, "SELECT event_id, region, voice_server, ssrc, toUInt32(occurred_at),"
                + " occurred_ms, jitter_ms, rtt_ms, packets_late, bitrate_kbps, mos FROM voice_quality_samples"
                + " ORDER BY event_id FORMAT TabSeparated")).isEqualTo(
                "id\\t1\\\\x\teu\\nwest\tsrv-é🎮\t4000000000\t" + (MINUTE / 1000 + 1) + "\t" + (MINUTE + 1_500)
                        + "\t2.5\t\\N\t\\N\t64\t\\N\n"
                        + "id2\teu\tsrv\t5\t" + MINUTE / 1000 + "\t" + MINUTE + "\t0.125\t31.5\t2\t\\N\t4.2\n");
    }

    @Test
    void arraysReachTheDigestView() throws Exception {
        MinuteQuality q = new MinuteQuality(3, new double[]{10, 20, 30.5}, new double[]{1, 2, 3}, 150, 3, 1, 2, 8.4,
                0, 0);
        insert(new ChannelQualityTable(), List.of(new ChannelQualityRow("eu", "eu-1", 7, 8, MINUTE, q, 99)));
        assertThat(clickhouse.query(database, "SELECT guild_id, channel_id, toUInt32(minute), samples, rtt_samples,"
                + " packets_lost, mos_sum, version FROM voice_quality_channel_1m FORMAT TabSeparated")).isEqualTo(
                "7\t8\t" + MINUTE / 1000 + "\t3\t3\t3\t8.4\t99\n");
    }

    @Test
    void datesDateTimesFloat32AndManyRowsReadBack() throws Exception {
        List<UserActivityRow> many = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            many.add(new UserActivityRow(5, i, MINUTE, i % 7, 1));
        }
        for (int batch = 0; batch < 3; batch++) {   // the same rows three times over pooled connections
            insert(new UserActivityTable(), many);
        }
        assertThat(clickhouse.query(database, "SELECT count(), sum(messages), min(day), max(day) FROM user_activity_1d"
                + " FINAL WHERE guild_id = 5 FORMAT TabSeparated"))
                .isEqualTo("50000\t" + many.stream().mapToLong(UserActivityRow::messages).sum()
                        + "\t2025-11-28\t2025-11-28\n");

        insert(new ModerationActionsTable(), List.of(new ModerationRow("123456789012345678", 5, "time\tout", 1, 2,
                MINUTE + 3_600_000, MINUTE + 59_999)));
        assertThat(clickhouse.query(database, "SELECT event_id, action, toString(occurred_at), until_ms"
                + " FROM moderation_actions FORMAT TabSeparated"))
                .isEqualTo("123456789012345678\ttime\\tout\t2025-11-28 03:21:59\t" + (MINUTE + 3_600_000) + "\n");

        insert(new AutoModVerdictsTable(), List.of(new VerdictRow(5, 6, 7, 8, "m1", 0.25, 0.5, 0.125, 0.0625, "safe",
                "allow", 1500, MINUTE, MINUTE + 10, false, 0, "e1")));
        assertThat(clickhouse.query(database, "SELECT day, safe, spam, toxic, harassment, source, latency_us"
                + " FROM automod_verdicts FORMAT TabSeparated"))
                .isEqualTo("2025-11-28\t0.25\t0.5\t0.125\t0.0625\tstream\t1500\n");
    }

    @Test
    void aRejectedInsertReportsClickHousesMessage() {
        String empty = clickhouse.createDatabase("sink_no_tables");
        List<Integer> attempts = new ArrayList<>();
        BatchInserter<UserActivityRow> inserter = new BatchInserter<>(clickhouse.jdbcUrl(empty),
                new UserActivityTable(), 2, new Backoff(Duration.ofMillis(1), Duration.ofMillis(1)),
                (attempt, error) -> attempts.add(attempt), d -> {
        });
        assertThatThrownBy(() -> inserter.insert(List.of(new UserActivityRow(1, 2, MINUTE, 3, 4))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("insert into user_activity_1d of 1 rows failed after 2 attempts")
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining("user_activity_1d");
        assertThat(attempts).containsExactly(1, 2);
    }
}
