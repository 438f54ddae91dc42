package dev.guildhall.bench;

import dev.guildhall.testkit.ClickHouseEngine;
import dev.guildhall.testkit.Engines;
import dev.guildhall.warehouse.ClickHouseConnections;
import dev.guildhall.warehouse.Migrator;
import dev.guildhall.warehouse.queries.AutoModQueries;
import dev.guildhall.warehouse.queries.ConsoleQueries;
import dev.guildhall.warehouse.queries.InsightsQueries;
import dev.guildhall.warehouse.queries.VoiceMinutesQueries;
import dev.guildhall.warehouse.queries.VoiceQueries;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench/run warehouse-queries}: generates history into the console's ClickHouse tables ({@link WarehouseHistory},
 * 100M rows by default) and times every named query the console runs, through the same Java methods and JDBC
 * driver, over repeated runs: p50, p95, max and rows answered, and ClickHouse's memory. Target: p95 ≤ 300 ms each.
 * <p>
 * The queries are discovered: every public instance method of each class in {@link #QUERY_CLASSES} (constructed
 * with a {@link DataSource}) is one named query. Its arguments come from its parameter types: {@code long} = the
 * guild, {@code Instant, Instant} = the last {@code --instant-days} of the history, a single {@code Instant} = its
 * end ("now"), {@code LocalDate, LocalDate} = the last {@code --date-days}, {@code int} = 100 (a limit or a number
 * of minutes), {@code Duration} = 1 hour (a bucket), {@code String} = {@code region-0}, an enum = its first constant.
 * A method with other parameter types is reported as skipped. A new query class: add it to {@link #QUERY_CLASSES}
 * (and its tables to {@link WarehouseHistory}).
 */
final class WarehouseQueriesBench {
    static final List<Class<?>> QUERY_CLASSES = List.of(ConsoleQueries.class, InsightsQueries.class,
            VoiceQueries.class, VoiceMinutesQueries.class, AutoModQueries.class);
    private static final double TARGET_P95_MS = 300;

    private WarehouseQueriesBench() {
    }

    static Report run(Options options, Path results) throws Exception {
        long rows = Long.parseLong(options.string("rows", "100000000"));
        int runs = options.integer("runs", 30);
        int warmup = options.integer("warmup-runs", 3);
        int guilds = options.integer("guilds", 1000);
        int days = options.integer("days", 400);
        long guild = Long.parseLong(options.string("guild", "1"));
        int instantDays = options.integer("instant-days", 7);
        int dateDays = options.integer("date-days", 30);
        options.rejectUnknown();

        Report report = new Report("warehouse-queries");
        ClickHouseEngine clickhouse = Engines.clickhouse();
        String version = clickhouse.query("SELECT version()").trim();
        String database = clickhouse.createDatabase("bench_warehouse");
        new Migrator(clickhouse.jdbcUrl(database)).migrate();
        long end = LocalDate.now(ZoneOffset.UTC).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        report.config("ClickHouse " + version + " (testkit: max_memory_usage 1e9 per query), database " + database);
        report.config(String.format(Locale.ROOT, "history: %,d rows over %d days before %s, %d guilds (see"
                + " WarehouseHistory for the shares per table); queried guild %d", rows, days,
                Instant.ofEpochSecond(end), guilds, guild));
        report.config("ranges: Instant = last " + instantDays + " days, LocalDate = last " + dateDays + " days; "
                + warmup + " warm-up runs, then " + runs + " timed runs per query, one at a time");

        long t0 = System.nanoTime();
        Log.line(String.format(Locale.ROOT, "generating %,d rows of history (ClickHouse INSERT ... SELECT FROM numbers())",
                rows));
        new WarehouseHistory(clickhouse, database, guilds, days, end).generate(rows);
        double generateSeconds = (System.nanoTime() - t0) / 1e9;
        long stored = Long.parseLong(clickhouse.query("SELECT sum(rows) FROM system.parts WHERE active AND database = '"
                + database + "'").trim());
        String parts = clickhouse.query("SELECT count() FROM system.parts WHERE active AND database = '" + database
                + "'").trim();
        report.result(String.format(Locale.ROOT, "history: %,d rows stored in %s active parts, generated in %.0f s;"
                + " ClickHouse RSS %s", stored, parts, generateSeconds, Report.mib(ProcessMemory.rss(clickhouse.pid()))));

        DataSource dataSource = ClickHouseConnections.dataSource(clickhouse.jdbcUrl(database));
        Instant to = Instant.ofEpochSecond(end);
        Object[] instants = {to.minusSeconds(instantDays * WarehouseHistory.DAY_SECONDS), to};
        LocalDate toDay = LocalDate.ofEpochDay(end / WarehouseHistory.DAY_SECONDS);
        Object[] dates = {toDay.minusDays(dateDays), toDay};
        long rssMax = 0;
        for (Class<?> type : QUERY_CLASSES) {
            Object queries = type.getConstructor(DataSource.class).newInstance(dataSource);
            List<Method> methods = Arrays.stream(type.getDeclaredMethods())
                    .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()))
                    .sorted(Comparator.comparing(Method::getName)).toList();
            for (Method method : methods) {
                String name = type.getSimpleName() + "." + method.getName();
                Object[] args = arguments(method, guild, instants, dates);
                if (args == null) {
                    report.result(name + ": skipped (parameters " + Arrays.toString(method.getParameterTypes())
                            + " have no generated arguments)");
                    continue;
                }
                for (int i = 0; i < warmup; i++) {
                    invoke(queries, method, args);
                }
                long[] micros = new long[runs];
                int answered = 0;
                for (int i = 0; i < runs; i++) {
                    long s = System.nanoTime();
                    answered = invoke(queries, method, args);
                    micros[i] = (System.nanoTime() - s) / 1000;
                }
                rssMax = Math.max(rssMax, ProcessMemory.rss(clickhouse.pid()));
                Arrays.sort(micros);
                long p95 = micros[(int) Math.ceil(0.95 * runs) - 1];
                String line = String.format(Locale.ROOT, "%s: p50 %s ms, p95 %s ms, max %s ms, %d rows answered",
                        name, Report.ms(micros[runs / 2]), Report.ms(p95), Report.ms(micros[runs - 1]), answered);
                Log.line(line);
                report.result(line);
                report.target(name + " p95 <= " + (int) TARGET_P95_MS + " ms", p95 / 1000.0 <= TARGET_P95_MS);
            }
        }
        report.result("ClickHouse memory: RSS max while querying " + Report.mib(rssMax) + ", peak RSS since start "
                + Report.mib(ProcessMemory.peakRss(clickhouse.pid())));
        Files.createDirectories(results);
        return report;
    }

    /** Arguments by parameter types, or null when a type has no generated value. */
    private static Object[] arguments(Method method, long guild, Object[] instants, Object[] dates) {
        Class<?>[] types = method.getParameterTypes();
        List<Object> args = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            Class<?> t = types[i];
            if (t == long.class || t == Long.class) {
                args.add(guild);
            } else if (t == int.class || t == Integer.class) {
                args.add(100);
            } else if (t == Instant.class && i + 1 < types.length && types[i + 1] == Instant.class) {
                args.addAll(List.of(instants));
                i++;
            } else if (t == Instant.class) {
                args.add(instants[1]);
            } else if (t == LocalDate.class && i + 1 < types.length && types[i + 1] == LocalDate.class) {
                args.addAll(List.of(dates));
                i++;
            } else if (t == java.time.Duration.class) {
                args.add(java.time.Duration.ofHours(1));
            } else if (t == String.class) {
                args.add("region-0");
            } else if (t.isEnum()) {
                args.add(t.getEnumConstants()[0]);
            } else {
                return null;
            }
        }
        return args.toArray();
    }

    /** Runs the query, returns the number of rows (list size) it answered. */
    private static int invoke(Object queries, Method method, Object[] args) throws Exception {
        try {
            Object answer = method.invoke(queries, args);
            return answer instanceof java.util.Collection<?> c ? c.size() : 1;
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(method.getName() + " failed: " + e.getCause(), e.getCause());
        }
    }
}
