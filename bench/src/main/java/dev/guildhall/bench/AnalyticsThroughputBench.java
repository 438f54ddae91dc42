package dev.guildhall.bench;

import dev.guildhall.events.EventCodec;
import dev.guildhall.events.Snowflakes;
import dev.guildhall.events.Topics;
import dev.guildhall.events.payload.MemberJoined;
import dev.guildhall.events.payload.MessageCreated;
import dev.guildhall.events.payload.ModerationAction;
import dev.guildhall.events.payload.VoiceQualitySample;
import dev.guildhall.testkit.ClickHouseEngine;
import dev.guildhall.testkit.Engines;
import dev.guildhall.testkit.FreePorts;
import dev.guildhall.testkit.KafkaEngine;
import dev.guildhall.testkit.ServiceProcess;
import dev.guildhall.warehouse.Migrator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code bench/run analytics-throughput}: events from Kafka through the Flink jobs (stream-analytics as its own JVM,
 * launched as the runtime contract says, all jobs unless {@code --jobs}) into ClickHouse, on the testkit's Kafka and ClickHouse.
 * <ol>
 *   <li><b>Drain</b>: {@code --events} contract events (70 % message.created, 20 % voice.quality, 5 % member.joined,
 *       5 % moderation.action over {@code --guilds} guilds, 5 channels and {@code --authors-per-guild} authors each)
 *       are written to Kafka first, then stream-analytics starts. An event counts as delivered when every table it
 *       feeds reflects it (read with FINAL each second), so the rate covers Kafka, Flink and the sink.
 *       Reported: overall rate from the first row to the last event, and the sustained rate between 10 % and 90 %.</li>
 *   <li><b>Live</b>: {@code --live-rate} events a second for {@code --live-duration} seconds with event time = now,
 *       plus a probe message every 100 ms on one busy key; a probe is fresh when both tables it feeds reach it: its
 *       channel-minute count in message_counts_1m and its author-day count in user_activity_1d (polled every 100 ms).
 *       Reported: p50 / p95 / max event-to-ClickHouse freshness.</li>
 * </ol>
 * Memory of every process (stream-analytics, Kafka, ClickHouse: peak RSS; stream-analytics heap) is reported.
 * Targets: drain ≥ 100,000 events/s, freshness p95 ≤ 5 s.
 */
final class AnalyticsThroughputBench {
    private static final double TARGET_RATE = 100_000;
    private static final double TARGET_FRESHNESS_MS = 5_000;
    private static final long PROBE_GUILD = 888_888;
    private static final long PROBE_AUTHOR = 42;
    private static final long PROBE_EVERY_MS = 100;
    /**
     * Events reflected in every table they feed: a message counts once both its channel-minute row and its author-day
     * row include it, a voice sample once the raw table and the three per-minute tables do, a join once its day row
     * and its cohort row do (each read with FINAL; ClickHouse 18.16's least() takes two arguments).
     */
    private static final String PROCESSED_SQL = "SELECT"
            + " least((SELECT sum(messages) FROM message_counts_1m FINAL WHERE guild_id != " + PROBE_GUILD + "),"
            + " (SELECT sum(messages) FROM user_activity_1d FINAL WHERE guild_id != " + PROBE_GUILD + "))"
            + " + least(least((SELECT sum(samples) FROM voice_quality_1m FINAL),"
            + " (SELECT count() FROM voice_quality_samples FINAL)),"
            + " least((SELECT sum(samples) FROM voice_quality_channel_1m FINAL),"
            + " (SELECT sum(samples) FROM voice_quality_server_1m FINAL)))"
            + " + least((SELECT sum(joins) FROM member_changes_1d FINAL), (SELECT count() FROM member_events FINAL))"
            + " + (SELECT count() FROM moderation_actions FINAL)";

    private final Snowflakes ids = new Snowflakes(21, 5);
    private final int guilds;
    private final int authorsPerGuild;
    private final KafkaProducer<byte[], byte[]> producer;
    private final String prefix;
    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();

    private AnalyticsThroughputBench(KafkaEngine kafka, String prefix, int guilds, int authorsPerGuild) {
        this.prefix = prefix;
        this.guilds = guilds;
        this.authorsPerGuild = authorsPerGuild;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(128L * 1024 * 1024));
        producer = new KafkaProducer<>(p);
    }

    static Report run(Options options, Path results) throws Exception {
        long events = Long.parseLong(options.string("events", "2000000"));
        int liveRate = options.integer("live-rate", 20_000);
        int liveSeconds = options.integer("live-duration", 60);
        int partitions = options.integer("partitions", 3);
        int parallelism = options.integer("parallelism", 1);
        String xmx = options.string("analytics-xmx", "768m");
        int guilds = options.integer("guilds", 1000);
        int authorsPerGuild = options.integer("authors-per-guild", 200);
        String settings = options.string("analytics-settings", "");
        boolean jfr = options.flag("jfr");
        String jobs = options.string("jobs", "all");
        options.rejectUnknown();

        Report report = new Report("analytics-throughput");
        KafkaEngine kafka = Engines.kafka();
        ClickHouseEngine clickhouse = Engines.clickhouse();
        String database = clickhouse.createDatabase("bench_analytics");
        new Migrator(clickhouse.jdbcUrl(database)).migrate();
        String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        for (String topic : Topics.ALL) {
            kafka.createTopic(prefix + topic, topic.equals(Topics.DEAD_LETTER) ? 1 : partitions);
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GUILDHALL_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
        env.put("GUILDHALL_CLICKHOUSE_URL", clickhouse.jdbcUrl(database));
        env.put("GUILDHALL_CHECKPOINT_DIR", Files.createTempDirectory("bench-flink-checkpoints").toString());
        int metricsPort = FreePorts.next();
        env.put("GUILDHALL_METRICS_PORT", Integer.toString(metricsPort));
        env.put("GUILDHALL_KAFKA_TOPIC_PREFIX", prefix);
        env.put("GUILDHALL_FLINK_PARALLELISM", Integer.toString(parallelism));
        env.put("GUILDHALL_ANALYTICS_JOBS", jobs);
        Path jfrFile = jfr ? results.resolve("analytics-throughput-stream-analytics.jfr").toAbsolutePath() : null;
        if (jfrFile != null) {
            Files.createDirectories(results);
            env.put("JAVA_TOOL_OPTIONS", "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + jfrFile);
        }
        for (String kv : settings.split(",")) {
            if (!kv.isBlank()) {
                String[] parts = kv.split("=", 2);
                env.put(parts[0].trim(), parts[1].trim());
            }
        }
        report.config(String.format(Locale.ROOT, "drain: %,d events (70 %% message.created, 20 %% voice.quality,"
                + " 5 %% member.joined, 5 %% moderation.action) over %d guilds (5 channels and %d authors each, 32 voice"
                + " servers), %d partitions per topic", events, guilds, authorsPerGuild, partitions));
        report.config(String.format(Locale.ROOT, "live: %,d events/s for %d s with event time = now, probe every %d ms",
                liveRate, liveSeconds, PROBE_EVERY_MS));
        report.config("stream-analytics: -Xmx" + xmx + ", jobs " + jobs + ", parallelism " + parallelism
                + (settings.isBlank() ? ", default settings" : ", " + settings) + "; Kafka and ClickHouse from the"
                + " testkit (Kafka -Xmx512m)" + (jfr ? "; JFR profile recording" : ""));

        AnalyticsThroughputBench bench = new AnalyticsThroughputBench(kafka, prefix, guilds, authorsPerGuild);
        // 1. the backlog, in the past (10 days ago, spread like `events` at liveRate)
        long t0 = System.nanoTime();
        long base = System.currentTimeMillis() - 10 * 86_400_000L;
        double spacingMs = 1000.0 / Math.max(liveRate, 1);
        for (long i = 0; i < events; i++) {
            bench.send(i, base + (long) (i * spacingMs));
            if ((i + 1) % 1_000_000 == 0) {
                Log.line(String.format(Locale.ROOT, "backlog: %,d events in Kafka", i + 1));
            }
        }
        bench.producer.flush();
        bench.failIfSendFailed();
        double produceSeconds = (System.nanoTime() - t0) / 1e9;
        report.result(String.format(Locale.ROOT, "backlog written to Kafka at %,.0f events/s (load generator, %.0f s)",
                events / produceSeconds, produceSeconds));

        Log.line("starting stream-analytics (-Xmx" + xmx + ")");
        long startNanos = System.nanoTime();
        try (ServiceProcess analytics = ServiceProcess.start("stream-analytics",
                "dev.guildhall.analytics.StreamAnalyticsMain", xmx, env)) {
            String metrics = "http://127.0.0.1:" + metricsPort + "/metrics";
            analytics.awaitHealthy("http://127.0.0.1:" + metricsPort + "/health", Duration.ofSeconds(180));
            Log.line(String.format(Locale.ROOT, "stream-analytics healthy after %.1f s",
                    (System.nanoTime() - startNanos) / 1e9));
            PeakMemory memory = new PeakMemory(analytics.pid(), kafka.pid(), clickhouse.pid(), metrics);
            double cpuBefore = ProcessCpu.seconds(analytics.pid());
            Drain drain = drain(clickhouse, database, events, memory,
                    Duration.ofSeconds(Math.max(300, events / 5_000)));
            double drainCpu = ProcessCpu.seconds(analytics.pid()) - cpuBefore;
            report.result(String.format(Locale.ROOT, "drain: %,d of %,d events in ClickHouse; first row %.1f s after"
                    + " the start, all %.1f s later: %,.0f events/s overall, %,.0f events/s between 10 %% and 90 %%",
                    drain.delivered, events, drain.firstRowSeconds, drain.seconds, drain.overallRate,
                    drain.sustainedRate));
            report.result(String.format(Locale.ROOT, "stream-analytics CPU during the drain: %.1f s = %.2f CPU-s per"
                    + " 100,000 events (%,.0f events/s per fully used core; less sensitive to other load than the"
                    + " rate)", drainCpu, drainCpu * 100_000 / Math.max(drain.delivered, 1),
                    drain.delivered / Math.max(drainCpu, 1e-9)));
            report.target(String.format(Locale.ROOT, "sustained events/s Kafka -> Flink -> ClickHouse >= %,.0f",
                    TARGET_RATE), drain.delivered == events && drain.sustainedRate >= TARGET_RATE);

            long[] freshness = bench.live(clickhouse, database, liveRate, liveSeconds, events, memory);
            long missing = Arrays.stream(freshness).filter(f -> f < 0).count();
            long[] seen = Arrays.stream(freshness).filter(f -> f >= 0).sorted().toArray();
            double p95 = seen.length == 0 || missing > freshness.length / 20 ? Double.POSITIVE_INFINITY
                    : seen[(int) Math.ceil(0.95 * freshness.length) - 1 - (int) missing];
            report.result(String.format(Locale.ROOT, "live freshness (event time -> visible in ClickHouse) over %d"
                    + " probes: p50 %s ms, p95 %s ms, max %s ms, %d not visible within 60 s", freshness.length,
                    seen.length == 0 ? "-" : seen[seen.length / 2], Double.isInfinite(p95) ? "∞" : (long) p95,
                    seen.length == 0 ? "-" : seen[seen.length - 1], missing));
            report.target("p95 event-to-ClickHouse freshness <= 5 s", p95 <= TARGET_FRESHNESS_MS);
            report.result(memory.describe());
            report.result("Flink checkpoint size per job (last): " + memory.checkpointSizes());
        }
        if (jfrFile != null) {
            report.result("JFR recording of stream-analytics: " + jfrFile + " (bench/jfr-top FILE)");
        }
        bench.producer.close(Duration.ofSeconds(10));
        Files.createDirectories(results);
        return report;
    }

    private record Drain(long delivered, double firstRowSeconds, double seconds, double overallRate,
                         double sustainedRate) {
    }

    /** Polls ClickHouse every second until every event of the backlog is reflected (or the timeout). */
    private static Drain drain(ClickHouseEngine clickhouse, String database, long events, PeakMemory memory,
                               Duration timeout) throws InterruptedException {
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        long first = -1;
        long at10 = -1;
        long at90 = -1;
        long delivered = 0;
        long lastLog = 0;
        while (delivered < events && System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            delivered = processed(clickhouse, database);
            long now = System.nanoTime();
            memory.sample();
            if (first < 0 && delivered > 0) {
                first = now;
            }
            if (at10 < 0 && delivered >= events / 10) {
                at10 = now;
            }
            if (at90 < 0 && delivered >= events * 9 / 10) {
                at90 = now;
            }
            if (now - lastLog > 5_000_000_000L) {
                Log.line(String.format(Locale.ROOT, "drain: %,d of %,d events in ClickHouse (%.0f s)", delivered,
                        events, (now - t0) / 1e9));
                lastLog = now;
            }
        }
        long end = System.nanoTime();
        double seconds = first < 0 ? Double.NaN : (end - first) / 1e9;
        double sustained = at10 < 0 || at90 < 0 || at90 == at10 ? Double.NaN
                : (events * 8 / 10.0) / ((at90 - at10) / 1e9);
        return new Drain(delivered, first < 0 ? Double.NaN : (first - t0) / 1e9, seconds, delivered / seconds,
                sustained);
    }

    private static long processed(ClickHouseEngine clickhouse, String database) {
        String answer = clickhouse.query(database, PROCESSED_SQL).trim();
        return answer.isEmpty() ? 0 : Long.parseLong(answer);
    }

    /**
     * The live phase: {@code rate} events a second plus the probes, while a poller reads the probe key's counts from
     * ClickHouse every 100 ms; returns each probe's freshness in ms (-1: not visible within 60 s after the phase).
     */
    private long[] live(ClickHouseEngine clickhouse, String database, int rate, int seconds, long sentBefore,
                        PeakMemory memory) throws Exception {
        Log.line(String.format(Locale.ROOT, "live: %,d events/s for %d s", rate, seconds));
        Map<Long, Long> perMinute = new LinkedHashMap<>();             // probes sent per event-time minute
        Map<Long, Long> perDay = new LinkedHashMap<>();                // probes sent per event-time UTC day
        List<long[]> probes = new ArrayList<>();    // {sent at, minute, ordinal, freshness, day, ordinal in the day}
        AtomicLong sent = new AtomicLong();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        long pollUntil = end + Duration.ofSeconds(60).toNanos();
        Thread poller = new Thread(() -> pollProbes(clickhouse, database, probes, end, pollUntil), "probe-poller");
        poller.start();
        long nextProbe = 0;
        long n = sentBefore;
        long lastLog = start;
        while (System.nanoTime() < end) {
            long elapsed = System.nanoTime() - start;
            long due = sentBefore + elapsed * rate / 1_000_000_000L;
            for (; n < due; n++) {
                send(n, System.currentTimeMillis());
                sent.incrementAndGet();
            }
            if (elapsed / 1_000_000 >= nextProbe) {
                long now = System.currentTimeMillis();
                long minute = now / 60_000 * 60;
                long ordinal = perMinute.merge(minute, 1L, Long::sum);
                long day = Math.floorDiv(now, 86_400_000L);
                long dayOrdinal = perDay.merge(day, 1L, Long::sum);
                synchronized (probes) {
                    probes.add(new long[]{now, minute, ordinal, -1, day, dayOrdinal});
                }
                record(Topics.MESSAGES, PROBE_GUILD, message(PROBE_GUILD, 1, PROBE_AUTHOR, now));
                nextProbe += PROBE_EVERY_MS;
            }
            if (System.nanoTime() - lastLog > 5_000_000_000L) {
                memory.sample();
                Log.line(String.format(Locale.ROOT, "live: %,d events sent, %d probes", sent.get(), probes.size()));
                lastLog = System.nanoTime();
            }
            Thread.sleep(1);
        }
        producer.flush();
        failIfSendFailed();
        poller.join();
        synchronized (probes) {
            return probes.stream().mapToLong(p -> p[3]).toArray();
        }
    }

    /** Marks each probe fresh when its minute's count and its author's day count in ClickHouse reach its ordinals. */
    private static void pollProbes(ClickHouseEngine clickhouse, String database, List<long[]> probes, long sendingEnds,
                                   long deadline) {
        while (System.nanoTime() < deadline) {
            Map<Long, Long> counts = new LinkedHashMap<>();
            Map<Long, Long> dayCounts = new LinkedHashMap<>();
            try {
                for (String line : clickhouse.query(database, "SELECT toUInt32(minute), max(messages)"
                        + " FROM message_counts_1m WHERE guild_id = " + PROBE_GUILD + " GROUP BY minute").split("\n")) {
                    if (!line.isBlank()) {
                        String[] f = line.split("\t");
                        counts.put(Long.parseLong(f[0]), Long.parseLong(f[1]));
                    }
                }
                for (String line : clickhouse.query(database, "SELECT toString(day), max(messages) FROM user_activity_1d"
                        + " WHERE guild_id = " + PROBE_GUILD + " AND user_id = " + PROBE_AUTHOR + " GROUP BY day")
                        .split("\n")) {
                    if (!line.isBlank()) {
                        String[] f = line.split("\t");
                        dayCounts.put(LocalDate.parse(f[0]).toEpochDay(), Long.parseLong(f[1]));
                    }
                }
            } catch (RuntimeException e) {
                Log.line("probe poll failed: " + e.getMessage());
            }
            long now = System.currentTimeMillis();
            boolean pending = false;
            synchronized (probes) {
                for (long[] p : probes) {
                    if (p[3] < 0 && counts.getOrDefault(p[1], 0L) >= p[2] && dayCounts.getOrDefault(p[4], 0L) >= p[5]) {
                        p[3] = now - p[0];
                    }
                    pending |= p[3] < 0;
                }
            }
            if (!pending && System.nanoTime() > sendingEnds) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Event {@code n}: guild, kind, channel, author and voice server drawn independently from a hash of {@code n}, so
     * the keys are as many as a real community of this size has: 5 text channels and {@code authorsPerGuild} authors
     * per guild (windows keyed by (guild, channel) and (guild, author)), 8 regions × 4 voice servers.
     */
    private void send(long n, long at) {
        long h = mix(n);
        long guild = 1 + Math.floorMod(h, guilds);
        int kind = (int) Math.floorMod(mix(h + 1), 20);
        long r = mix(h + 2);
        long author = 1_000_000 + guild * authorsPerGuild + Math.floorMod(r, authorsPerGuild);
        int region = (int) Math.floorMod(r >>> 20, 8);
        if (kind < 14) {
            record(Topics.MESSAGES, guild, message(guild, guild * 10 + Math.floorMod(r >>> 40, 5), author, at));
        } else if (kind < 18) {
            VoiceQualitySample sample = new VoiceQualitySample("region-" + region,
                    "region-" + region + "-vs-" + Math.floorMod(r >>> 28, 4), Long.toString(guild * 10),
                    Long.toString(author), n, at - 5000, 5000, 250, 245, 5, 0.02, Math.floorMod(r >>> 36, 40), 20.0);
            record(Topics.VOICE_QUALITY, guild, encode(guild, at, sample));
        } else if (kind == 18) {
            record(Topics.MEMBERS, guild, encode(guild, at, new MemberJoined(Long.toString(10_000 + n), false, null, at)));
        } else {
            record(Topics.MODERATION, guild, encode(guild, at, new ModerationAction(ModerationAction.KICK, "7",
                    Long.toString(author), null, null, at)));
        }
    }

    /** A 64-bit finalizer (MurmurHash3's fmix64): consecutive inputs give independent-looking outputs. */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb93fe53c6ed9L;
        return z ^ (z >>> 33);
    }

    private byte[] message(long guild, long channel, long author, long at) {
        return encode(guild, at, new MessageCreated(ids.nextString(), Long.toString(channel), Long.toString(author),
                false, "gg", 2, at));
    }

    private byte[] encode(long guild, long at, Record payload) {
        return EventCodec.encode(EventCodec.wrap(ids, "bench", Long.toString(guild), at, payload));
    }

    private void record(String topic, long guild, byte[] value) {
        producer.send(new ProducerRecord<>(prefix + topic, Long.toString(guild).getBytes(StandardCharsets.UTF_8),
                value), (metadata, e) -> {
                    if (e != null) {
                        sendFailure.compareAndSet(null, e);
                    }
                });
    }

    private void failIfSendFailed() {
        if (sendFailure.get() != null) {
            throw new IllegalStateException("a record could not be written to Kafka", sendFailure.get());
        }
    }

    /** Peak RSS of the three processes and peak heap of stream-analytics, sampled while the benchmark runs. */
    private static final class PeakMemory {
        private final long analytics;
        private final long kafka;
        private final long clickhouse;
        private final String metricsUrl;
        private final HttpClient http = HttpClient.newHttpClient();
        private long analyticsHeap;
        private String lastMetrics = "";

        PeakMemory(long analytics, long kafka, long clickhouse, String metricsUrl) {
            this.analytics = analytics;
            this.kafka = kafka;
            this.clickhouse = clickhouse;
            this.metricsUrl = metricsUrl;
        }

        void sample() {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(metricsUrl))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                lastMetrics = r.body();
                long heap = (long) lastMetrics.lines().filter(l -> l.startsWith("jvm_memory_used_bytes{")
                        && l.contains("area=\"heap\"")).mapToDouble(l -> Double.parseDouble(
                        l.substring(l.lastIndexOf(' ') + 1))).sum();
                analyticsHeap = Math.max(analyticsHeap, heap);
            } catch (Exception e) {
                // a busy process may miss one sample
            }
        }

        String checkpointSizes() {
            List<String> sizes = new ArrayList<>();
            lastMetrics.lines().filter(l -> l.startsWith("guildhall_analytics_flink_last_checkpoint_size{"))
                    .forEach(l -> sizes.add(l.replaceAll(".*job=\"([^\"]+)\".*", "$1") + " "
                            + Report.mib((long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))));
            return sizes.isEmpty() ? "not reported" : String.join(", ", sizes);
        }

        String describe() {
            return "memory (peak RSS): stream-analytics " + Report.mib(ProcessMemory.peakRss(analytics))
                    + " (heap peak " + Report.mib(analyticsHeap) + "), Kafka " + Report.mib(ProcessMemory.peakRss(kafka))
                    + ", ClickHouse " + Report.mib(ProcessMemory.peakRss(clickhouse)) + ", load generator "
                    + Report.mib(ProcessMemory.peakRss(ProcessHandle.current().pid()));
        }
    }
}
