package dev.guildhall.systemtests.exactlyonce;

import dev.guildhall.events.Snowflakes;
import dev.guildhall.testkit.ServiceProcess;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #5, "Exactly once": a steady stream of known events for every stream-analytics job (messages, members,
 * moderation, voice quality, alerts, voice minutes, AutoMod verdicts) while the pipeline is hurt three ways, each
 * followed by an exact comparison of every ClickHouse aggregate with the totals computed from the events sent:
 * <ol>
 *   <li>stream-analytics is killed with SIGKILL mid-stream, after a checkpoint; {@code ./guildhall demo} starts it
 *       again and every job resumes from its checkpoint;</li>
 *   <li>ClickHouse is stopped ({@code ./guildhall down clickhouse}) for 60 s mid-stream, then started again by
 *       {@code ./guildhall demo} on the same port and data directory;</li>
 *   <li>the Kafka broker is stopped and started again by {@code ./guildhall demo} on the same port and log
 *       directory while events are being produced.</li>
 * </ol>
 * Everything runs through the real launcher ({@link Launcher}: isolated var directory and ports; the processes,
 * command lines and configuration of {@code ./guildhall demo}). Each phase's events lie in their own past days, and
 * the phase ends with an event past those days on every partition, so every window is final when compared.
 * <p>
 * Size: {@code -Dexactly.rate} events per second (default 200: about 35,000 events in all, ~4.5 min with the 60 s
 * outage); {@code -Dexactly.seconds} seconds of streaming before and after each fault (default 10).
 */
class ExactlyOnceIT {
    private static final long T0 = System.nanoTime();
    private static final int RATE = Integer.getInteger("exactly.rate", 200);
    private static final int SECONDS = Integer.getInteger("exactly.seconds", 10);
    private static final Duration CLICKHOUSE_OUTAGE = Duration.ofSeconds(60);
    private static final long DAY = 86_400_000L;

    private final HttpClient http = HttpClient.newHttpClient();
    private Launcher launcher;
    private EventStream stream;
    private Warehouse warehouse;

    /** Every job's traffic and its share of the stream. A new job: add its {@link Traffic} here. */
    static Map<Traffic, Integer> traffic(Snowflakes ids) {
        Map<Traffic, Integer> shares = new LinkedHashMap<>();
        shares.put(new MessageTraffic(ids), 40);
        shares.put(new VoiceQualityTraffic(ids), 22);
        shares.put(new MemberTraffic(ids), 10);
        shares.put(new ModerationTraffic(ids), 8);
        shares.put(new AlertTraffic(ids), 5);
        shares.put(new VoiceMinutesTraffic(ids), 7);
        shares.put(new AutoModTraffic(ids), 8);
        return shares;
    }

    @Test
    void everyAggregateIsExactAfterKillNineClickHouseStopAndKafkaRestart() throws Exception {
        Path varDir = ServiceProcess.repoDir().resolve("system-tests/target/exactly-once/var");
        progress("exactly once: %d events/s, %d s of streaming around each fault; launcher var dir %s",
                RATE, SECONDS, varDir);
        try (Launcher l = new Launcher(varDir)) {
            launcher = l;
            progress("./guildhall demo (%s)", Launcher.COMPONENTS);
            launcher.demo();
            warehouse = new Warehouse(launcher.clickhouseHttpPort);
            try (EventStream s = new EventStream(launcher.kafkaBootstrap(), traffic(new Snowflakes(11, 3)))) {
                stream = s;
                killNineMidStream(phaseBase(0));
                stopClickHouseMidStream(phaseBase(1));
                restartKafkaMidStream(phaseBase(2));
                awaitVerdictEvents();
                progress("done: %,d events, every aggregate exact after each fault; late events %s,"
                                + " duplicates dropped %s", stream.sent(), metric("guildhall_analytics_late_events_total"),
                        metric("guildhall_analytics_duplicate_events_total"));
            }
        }
    }

    /** Phase 1: SIGKILL to stream-analytics after a checkpoint while events flow, then ./guildhall demo again. */
    private void killNineMidStream(long base) throws Exception {
        progress("phase 1: kill -9 of stream-analytics mid-stream");
        long startedAt = System.currentTimeMillis();
        stream.start(base, RATE);
        streamFor(SECONDS);
        awaitCheckpointsAfter(startedAt + 1_000);
        long pid = launcher.pid("stream-analytics");
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
        progress("kill -9 %d (stream-analytics) with %,d events sent", pid, stream.sent());
        process.destroyForcibly();
        process.onExit().get();
        streamFor(5);
        progress("./guildhall demo (starts stream-analytics again)");
        launcher.demo();
        assertThat(launcher.pid("stream-analytics")).isNotEqualTo(pid);
        String log = launcher.logSinceLastLaunch("stream-analytics");
        for (String job : jobs()) {
            assertThat(log).as("job %s resumes from its checkpoint", job)
                    .containsPattern("job " + job + " submitted as \\w+, resuming from checkpoint");
        }
        progress("every job (%s) resumed from its checkpoint", String.join(", ", jobs()));
        streamFor(SECONDS);
        finishPhase(base);
    }

    /** Phase 2: ClickHouse stopped for 60 s while events flow, then ./guildhall demo starts it again. */
    private void stopClickHouseMidStream(long base) throws Exception {
        progress("phase 2: ClickHouse stopped for %d s mid-stream", CLICKHOUSE_OUTAGE.toSeconds());
        double failuresBefore = metric("guildhall_analytics_insert_failures_total");
        stream.start(base, RATE);
        streamFor(SECONDS);
        launcher.down("clickhouse");
        double failures = failuresBefore;
        long until = System.nanoTime() + CLICKHOUSE_OUTAGE.toNanos();
        while (System.nanoTime() < until) {
            Thread.sleep(Math.min(10_000, Math.max(0, (until - System.nanoTime()) / 1_000_000)));
            failures = Math.max(failures, metric("guildhall_analytics_insert_failures_total"));
            progress("ClickHouse down: %,d events sent, sink insert failures %s, Flink restarts %s",
                    stream.sent(), failures - failuresBefore, metric("guildhall_analytics_flink_num_restarts"));
        }
        assertThat(failures).as("the sink noticed the outage").isGreaterThan(failuresBefore);
        progress("./guildhall demo (starts ClickHouse again)");
        launcher.demo();
        streamFor(SECONDS);
        finishPhase(base);
    }

    /** Phase 3: the Kafka broker stopped and started again while the producer keeps sending. */
    private void restartKafkaMidStream(long base) throws Exception {
        progress("phase 3: Kafka broker restart mid-stream");
        stream.start(base, RATE);
        streamFor(SECONDS);
        long pid = launcher.pid("kafka");
        launcher.down("kafka");
        streamFor(5);
        progress("./guildhall demo (starts the broker again)");
        launcher.demo();
        assertThat(launcher.pid("kafka")).isNotEqualTo(pid);
        streamFor(SECONDS);
        finishPhase(base);
    }

    /**
     * Every AutoMod message of the three phases has its verdict event on {@code guildhall.automod.verdicts} (the
     * job's second sink, at least once): the same verdict as its row, duplicates (replays) identical, none missing.
     */
    private void awaitVerdictEvents() throws InterruptedException {
        AutoModTraffic automod = stream.traffic().stream().filter(AutoModTraffic.class::isInstance)
                .map(AutoModTraffic.class::cast).findFirst().orElseThrow();
        Map<String, String> expected = automod.expectedVerdicts();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Map<String, Set<String>> actual;
        while (true) {
            actual = VerdictEvents.read(launcher.kafkaBootstrap(), automod.guilds());
            if (actual.keySet().containsAll(expected.keySet()) || System.nanoTime() > deadline) {
                break;
            }
            progress("  verdict events for %,d of %,d AutoMod messages", actual.size(), expected.size());
            Thread.sleep(2_000);
        }
        Map<String, Set<String>> wrong = new TreeMap<>();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Set<String> got = actual.getOrDefault(e.getKey(), Set.of());
            if (!got.equals(Set.of(e.getValue()))) {
                wrong.put(e.getValue(), got);
            }
        }
        assertThat(wrong).as("messages whose verdict events differ from their verdict (expected → events)").isEmpty();
        assertThat(actual.keySet()).as("verdict events of messages never sent").isEqualTo(expected.keySet());
        progress("every one of the %,d AutoMod messages has its verdict event", expected.size());
    }

    /** Stops the stream, closes every window of the phase and waits for every aggregate to be exact. */
    private void finishPhase(long base) throws Exception {
        stream.stop();
        stream.advanceWatermarks(base + 2 * DAY + 60_000);
        List<Traffic.Check> checks = new ArrayList<>();
        stream.traffic().forEach(t -> checks.addAll(t.checks()));
        progress("%,d events sent and acknowledged; waiting for every aggregate to equal its expected total",
                stream.sent());
        warehouse.awaitExact(checks, Duration.ofSeconds(180 + stream.sent() / 2_000));
    }

    /** Phase {@code n}'s events start at 23:59:40 UTC of a past day, so they span midnight (two day windows). */
    private static long phaseBase(int n) {
        long today = LocalDate.now(ZoneOffset.UTC).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
        return today - (12 - 3L * n) * DAY + DAY - 20_000;
    }

    private void streamFor(int seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            Thread.sleep(Math.min(5_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            progress("  streaming: %,d events sent, %,d acknowledged", stream.sent(), stream.acknowledged());
        }
    }

    /** The jobs of the running process: one checkpoint directory each. */
    private List<String> jobs() throws IOException {
        try (Stream<Path> dirs = Files.list(launcher.checkpointDir())) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(name -> !name.endsWith(".unrestorable")).sorted().toList();
        }
    }

    /** Waits until every job completed a checkpoint after {@code epochMs}, so the kill lands between checkpoints. */
    private void awaitCheckpointsAfter(long epochMs) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (String job : jobs()) {
            while (latestCheckpointTime(launcher.checkpointDir().resolve(job)).orElse(0L) <= epochMs) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("job " + job + " completed no checkpoint within 60 s");
                }
                Thread.sleep(500);
            }
        }
        progress("every job completed a checkpoint while events flow");
    }

    private static Optional<Long> latestCheckpointTime(Path jobDir) throws IOException {
        try (Stream<Path> files = Files.walk(jobDir, 3)) {
            return files.filter(p -> p.getFileName().toString().equals("_metadata")).map(p -> {
                try {
                    return Files.getLastModifiedTime(p).toMillis();
                } catch (IOException e) {
                    return 0L;   // deleted meanwhile: an older checkpoint
                }
            }).max(Long::compare);
        }
    }

    /** Sum of a counter over all its series on stream-analytics' /metrics (0 when absent or unreachable). */
    private double metric(String name) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + launcher.analyticsMetricsPort + "/metrics")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.body().lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        } catch (IOException | RuntimeException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    static void progress(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[exactly-once %4ds] %s%n", Duration.ofNanos(System.nanoTime() - T0).toSeconds(),
                String.format(Locale.ROOT, format, args));
        System.out.flush();
    }
}
