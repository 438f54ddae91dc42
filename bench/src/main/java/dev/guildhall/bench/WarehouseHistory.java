package dev.guildhall.bench;

import dev.guildhall.testkit.ClickHouseEngine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Generated history for the console's tables, written by ClickHouse itself ({@code INSERT ... SELECT FROM numbers()},
 * which 18.16 runs at millions of rows a second), one 30-day slice per statement so that each insert touches one or
 * two monthly partitions. Values are hashes of the row number: deterministic, spread over every guild, channel,
 * region and the whole time span. Shares of the row budget: message_counts_1m 30 %, user_activity_1d 18 % (its
 * materialized views fill daily_active_users/weekly_active_users), voice_quality_1m 10 %, voice_quality_channel_1m 12 % and
 * voice_quality_server_1m 8 % (through their input tables, whose views build the RTT and jitter digest states from
 * 5 values a row), member_events 6 %, moderation_actions 6 %, voice_session_days 5 %, automod_verdicts 5 %;
 * member_changes_1d has one row per guild and day; alerts one per 2000 rows of the budget, each opened and resolved
 * (two rows) except some of the last two hours, which stay open.
 * A new console table gets its generator here.
 */
final class WarehouseHistory {
    static final long DAY_SECONDS = 86_400;
    private static final int SLICE_DAYS = 30;

    private final ClickHouseEngine clickhouse;
    private final String database;
    private final int guilds;
    private final int days;
    /** Guild ids by history guild number (1..guilds) for guilds that must be real; the others keep their number. */
    private final Map<Integer, Long> guildIds;
    /** End of the history (exclusive), epoch seconds. */
    final long end;

    WarehouseHistory(ClickHouseEngine clickhouse, String database, int guilds, int days, long end) {
        this(clickhouse, database, guilds, days, end, Map.of());
    }

    /**
     * {@code guildIds}: history guild number (1..guilds) → the guild id written for it, e.g. a guild core-server
     * created, so that a real owner's guild is one of the history's guilds (its channel ids stay derived from the
     * number: {@code number * 100 + 0..19}).
     */
    WarehouseHistory(ClickHouseEngine clickhouse, String database, int guilds, int days, long end,
                     Map<Integer, Long> guildIds) {
        this.clickhouse = clickhouse;
        this.database = database;
        this.guilds = guilds;
        this.days = days;
        this.end = end;
        guildIds.keySet().forEach(n -> {
            if (n < 1 || n > guilds) {
                throw new IllegalArgumentException("history guild number " + n + " is outside 1.." + guilds);
            }
        });
        this.guildIds = new TreeMap<>(guildIds);
    }

    /** Rows per INSERT into a table whose materialized view builds t-digest states (memory grows per row). */
    private static final long INPUT_ROWS_PER_STATEMENT = 200_000;

    /** Inserts about {@code rows} rows in all, printing a progress line per table. */
    void generate(long rows) {
        table("message_counts_1m", rows * 30 / 100, """
                INSERT INTO message_counts_1m (guild_id, channel_id, minute, messages, version)
                SELECT %7$s, (1 + %1$s %% %4$d) * 100 + intHash32(%1$s) %% 20,
                       toDateTime(%2$d + 60 * (intHash32(%1$s * 7) %% %3$d)), 1 + intHash32(%1$s * 13) %% 40, 1
                FROM numbers(%5$d)""", false);
        table("user_activity_1d", rows * 18 / 100, """
                INSERT INTO user_activity_1d (guild_id, user_id, day, messages, version)
                SELECT %7$s, 1000 + intHash32(%1$s * 3) %% 100000,
                       toDate(toDateTime(%2$d + 60 * (intHash32(%1$s * 7) %% %3$d))), 1 + intHash32(%1$s * 5) %% 50, 1
                FROM numbers(%5$d)""", false);
        table("voice_quality_1m", rows * 10 / 100, """
                INSERT INTO voice_quality_1m (region, voice_server, minute, samples, jitter_p50_ms, jitter_p95_ms,
                                              loss_ratio, version)
                SELECT concat('region-', toString(%1$s %% 8)) AS r, concat(r, '-vs-', toString(intHash32(%1$s) %% 50)),
                       toDateTime(%2$d + 60 * (intHash32(%1$s * 7) %% %3$d)), 12 + intHash32(%1$s * 3) %% 200,
                       (intHash32(%1$s * 5) %% 4000) / 100, (intHash32(%1$s * 5) %% 4000) / 100 + 10,
                       (intHash32(%1$s * 11) %% 1000) / 10000, 1
                FROM numbers(%5$d)""", false);
        String quality = """
                       arrayMap(i -> toFloat64(20 + intHash32(%1$s * 29 + i) %% 180), range(5)),
                       arrayMap(i -> toFloat64(intHash32(%1$s * 31 + i) %% 4000) / 100, range(5)),
                       1000, intHash32(%1$s * 11) %% 60, intHash32(%1$s * 37) %% 20, 5,
                       5 * (1 + intHash32(%1$s * 41) %% 4), 5, 5 * (24 + intHash32(%1$s * 43) %% 40), 1""";
        table("voice_quality_channel_1m", rows * 12 / 100, """
                INSERT INTO voice_quality_channel_1m_input (region, voice_server, guild_id, channel_id, minute, samples,
                    rtt_values, jitter_values, packets_expected, packets_lost, packets_late, mos_samples, mos_sum,
                    bitrate_samples, bitrate_sum, version)
                SELECT concat('region-', toString(%1$s %% 8)) AS r, concat(r, '-vs-', toString(intHash32(%1$s) %% 50)),
                       %7$s, (1 + %1$s %% %4$d) * 100 + intHash32(%1$s * 3) %% 20,
                       toDateTime(%2$d + 60 * (intHash32(%1$s * 7) %% %3$d)), 5,""" + quality + """

                FROM numbers(%5$d)""", false);
        table("voice_quality_server_1m", rows * 8 / 100, """
                INSERT INTO voice_quality_server_1m_input (region, voice_server, minute, samples, rtt_values,
                    jitter_values, packets_expected, packets_lost, packets_late, mos_samples, mos_sum, bitrate_samples,
                    bitrate_sum, version)
                SELECT concat('region-', toString(%1$s %% 8)) AS r, concat(r, '-vs-', toString(intHash32(%1$s) %% 50)),
                       toDateTime(%2$d + 60 * (intHash32(%1$s * 7) %% %3$d)), 5,""" + quality + """

                FROM numbers(%5$d)""", false);
        table("voice_session_days", rows * 5 / 100, """
                INSERT INTO voice_session_days (guild_id, day, channel_id, user_id, session_id, started_ms, voice_ms,
                                                capped, region, voice_server, version)
                SELECT %7$s, toDate(toDateTime(%2$d + 60 * (intHash32(%1$s * 7) %% %3$d))) AS d,
                       (1 + %1$s %% %4$d) * 100 + intHash32(%1$s * 3) %% 20, 1000 + intHash32(%1$s * 5) %% 100000,
                       concat('session-', toString(%1$s)), toUInt64(toDateTime(d)) * 1000,
                       60000 * (1 + intHash32(%1$s * 13) %% 180), intHash32(%1$s * 17) %% 50 = 0,
                       concat('region-', toString(%1$s %% 8)), concat('region-', toString(%1$s %% 8), '-vs-0'), 1
                FROM numbers(%5$d)""", false);
        table("automod_verdicts", rows * 5 / 100, """
                INSERT INTO automod_verdicts (guild_id, day, message_id, channel_id, author_id, model_version, safe,
                                              spam, toxic, harassment, label, decision, source, latency_us,
                                              message_created_ms, scored_ms)
                SELECT %7$s, toDate(toDateTime(%2$d + 60 * (intHash32(%1$s * 7) %% %3$d))) AS d,
                       %1$s + 4000000000000, (1 + %1$s %% %4$d) * 100 + intHash32(%1$s * 3) %% 20,
                       1000 + intHash32(%1$s * 5) %% 100000,
                       'bench-1', (intHash32(%1$s * 13) %% 1000) / 1000 AS s0, (1 - s0) * 0.5 AS s1,
                       (1 - s0) * 0.3 AS s2, (1 - s0) * 0.2 AS s3, if(s0 >= s1, 'safe', 'spam') AS lab,
                       if(lab != 'safe' AND s1 >= 0.5, 'flag', 'allow'), 'stream', 100 + intHash32(%1$s * 19) %% 900,
                       toUInt64(toDateTime(d)) * 1000 + intHash32(%1$s * 23) %% 86400000 AS created, created + 150
                FROM numbers(%5$d)""", false);
        table("member_events", rows * 6 / 100, """
                INSERT INTO member_events (guild_id, occurred_at, event_id, user_id, joined, occurred_ms)
                SELECT %7$s, toDateTime(%2$d + 60 * (intHash32(%1$s * 7) %% %3$d)) AS t,
                       %1$s + 1000000000000, 1000 + intHash32(%1$s * 3) %% 100000, intHash32(%1$s * 17) %% 3 > 0,
                       toUInt64(t) * 1000
                FROM numbers(%5$d)""", false);
        table("moderation_actions", rows * 6 / 100, """
                INSERT INTO moderation_actions (guild_id, occurred_at, event_id, action, actor_id, target_id, until_ms,
                                                occurred_ms)
                SELECT %7$s, toDateTime(%2$d + 60 * (intHash32(%1$s * 7) %% %3$d)) AS t,
                       %1$s + 2000000000000, arrayElement(['kick', 'ban', 'unban', 'timeout', 'timeout_removed'],
                       1 + intHash32(%1$s * 19) %% 5) AS a, 1 + intHash32(%1$s * 23) %% 50,
                       1000 + intHash32(%1$s * 3) %% 100000, a = 'timeout' ? toUInt64(t) * 1000 + 600000 : 0,
                       toUInt64(t) * 1000
                FROM numbers(%5$d)""", false);
        // an alert opens and resolves (two rows) as quality-monitor reports it; only alerts of the last two hours may
        // still be open (one in two of them), so the open ones are as few as a real fleet's, not a third of history
        table("alerts", Math.max(1, rows / 2000), """
                INSERT INTO alerts (alert_id, region, metric, state, value, threshold, window_start, window_end,
                                    occurred_at, event_id)
                SELECT concat('alert-', toString(%1$s)), concat('region-', toString(%1$s %% 8)),
                       intHash32(%1$s) %% 2 = 0 ? 'jitter_p95_ms' : 'loss_ratio',
                       arrayJoin(toUInt32(t) >= {END} - 7200 AND intHash32(%1$s * 3) %% 2 = 0
                                 ? ['open'] : ['open', 'resolved']) AS st, 40, 30,
                       toDateTime(%2$d + 60 * (intHash32(%1$s * 7) %% %3$d)) AS t, t + 60,
                       toUInt64(t) * 1000 + 60000 + (st = 'resolved' ? 60000 * (1 + intHash32(%1$s * 5) %% 30) : 0),
                       toString(%1$s * 2 + 3000000000000 + (st = 'resolved' ? 1 : 0))
                FROM numbers(%5$d)""".replace("{END}", Long.toString(end)), false);
        // one row per guild and day
        table("member_changes_1d", (long) guilds * days, """
                INSERT INTO member_changes_1d (guild_id, day, joins, leaves, version)
                SELECT %7$s, toDate(toDateTime(%2$d + 86400 * (intDiv(%1$s, %4$d) %% %6$d))),
                       intHash32(%1$s) %% 40, intHash32(%1$s * 3) %% 25, 1
                FROM numbers(%5$d)""", true);
    }

    /**
     * Runs {@code template} per slice, formatted with: 1 the row-number expression, 2 the slice's first second,
     * 3 its length in minutes, 4 the guild count, 5 its row count, 6 the history's length in days, 7 the guild id
     * of the row (its guild number {@code 1 + row % guilds}, mapped through {@code guildIds}).
     */
    private void table(String table, long rows, String template, boolean oneStatement) {
        long t0 = System.nanoTime();
        long start = end - days * DAY_SECONDS;
        List<long[]> slices = new ArrayList<>();   // {start, days, rows, offset}
        if (oneStatement) {
            slices.add(new long[]{start, days, rows, 0});
        } else {
            int count = (days + SLICE_DAYS - 1) / SLICE_DAYS;
            long offset = 0;
            for (int i = 0; i < count; i++) {
                long sliceDays = Math.min(SLICE_DAYS, days - (long) i * SLICE_DAYS);
                long sliceRows = i == count - 1 ? rows - offset : rows * sliceDays / days;
                slices.add(new long[]{start + i * SLICE_DAYS * DAY_SECONDS, sliceDays, sliceRows, offset});
                offset += sliceRows;
            }
        }
        // the t-digest views of the *_input tables hold one state per row of a statement: keep statements small
        // enough for the 1 GB per-query cap (900,000 rows of voice_quality_channel_1m_input needed 954 MiB)
        long chunk = template.contains("_input") ? INPUT_ROWS_PER_STATEMENT : Long.MAX_VALUE;
        for (long[] s : slices) {
            for (long done = 0; done < s[2]; done += chunk) {
                long count = Math.min(chunk, s[2] - done);
                String n = "(number + " + (s[3] + done) + ")";
                String sql = String.format(Locale.ROOT, template, n, s[0], s[1] * 1440, guilds, count, days,
                        guildId("(1 + " + n + " % " + guilds + ")"));
                clickhouse.query(database, sql);
            }
        }
        Log.line(String.format(Locale.ROOT, "history: %-24s %,13d rows in %5.1f s", table, rows,
                (System.nanoTime() - t0) / 1e9));
    }

    /** SQL for the guild id of guild number {@code number} (a UInt64 expression). */
    private String guildId(String number) {
        if (guildIds.isEmpty()) {
            return number;
        }
        StringBuilder b = new StringBuilder("multiIf(");
        guildIds.forEach((n, id) -> b.append(number).append(" = ").append(n).append(", toUInt64(")
                .append(Long.toUnsignedString(id)).append("), "));
        return b.append(number).append(')').toString();
    }
}
