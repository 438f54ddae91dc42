package dev.guildhall.analytics;

import dev.guildhall.analytics.config.AnalyticsConfig;
import dev.guildhall.analytics.engagement.EngagementJob;
import dev.guildhall.analytics.engagement.MessageCountRow;
import dev.guildhall.analytics.engagement.MessageEvent;
import dev.guildhall.analytics.engagement.UserActivityRow;
import dev.guildhall.analytics.ingest.JobEvent;
import dev.guildhall.analytics.members.MemberChange;
import dev.guildhall.analytics.members.MemberChangesRow;
import dev.guildhall.analytics.members.MembersJob;
import dev.guildhall.analytics.runtime.WindowedRows;
import dev.guildhall.analytics.voice.ChannelQualityRow;
import dev.guildhall.analytics.voice.MinuteQuality;
import dev.guildhall.analytics.voice.ServerQualityRow;
import dev.guildhall.analytics.voice.VoiceQualityJob;
import dev.guildhall.analytics.voice.VoiceSample;
import dev.guildhall.analytics.voiceminutes.SessionDayRow;
import dev.guildhall.analytics.voiceminutes.VoiceMinutesJob;
import dev.guildhall.analytics.voiceminutes.VoiceSessionEvent;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The jobs' windowed pipelines (the same methods the jobs call) run in a local Flink cluster over generated,
 * out-of-order events with late and too-late ones, compared with a brute-force computation over the same events.
 * The brute force applies Flink's lateness rule: with the watermark trailing the largest timestamp seen by the
 * out-of-orderness bound (emitted after each event, so runs are deterministic), an event is dropped when its
 * window's last millisecond plus the allowed lateness is at or before the watermark; every other event counts.
 * Per key the last row emitted must equal the brute-force total (ReplacingMergeTree keeps the newest version).
 */
class WindowsBruteForceTest {
    private static final long MINUTE = 60_000;
    private static final long DAY = 86_400_000;
    private static final long START = 1_767_571_200_000L; // 2026-01-05T00:00Z
    private static final AnalyticsConfig CONFIG = AnalyticsConfig.from(new Properties(), Map.of());

    /** Event times: a clock advancing 0..90 s per event; 80 % on time (0..4 s), 12 % 10..70 s late, 8 % hours late. */
    private static List<Long> eventTimes(long seed, int n) {
        Random random = new Random(seed);
        List<Long> times = new ArrayList<>();
        long clock = START;
        for (int i = 0; i < n; i++) {
            clock += random.nextInt(90_000);
            int p = random.nextInt(100);
            long delay = p < 80 ? random.nextInt(4_000) : p < 92 ? 10_000 + random.nextInt(60_000)
                    : 3_600_000L * (1 + random.nextInt(4)) + random.nextInt(60_000);
            times.add(clock - delay);
        }
        return times;
    }

    private record Expected<K>(Map<K, Long> totals, long late, long lateButCounted) {
    }

    /** Totals per key of the events {@code counted} selects; the watermark advances with every event. */
    private static <E extends JobEvent, K> Expected<K> bruteForce(List<E> events, Predicate<E> counted,
                                                                  long windowSize, Function<E, K> key) {
        Groups<K, E> groups = group(events, counted, windowSize, key);
        Map<K, Long> totals = new HashMap<>();
        groups.events().forEach((k, list) -> totals.put(k, (long) list.size()));
        return new Expected<>(totals, groups.late(), groups.lateButCounted());
    }

    private record Groups<K, E>(Map<K, List<E>> events, long late, long lateButCounted) {
    }

    /** The events {@code counted} selects that Flink's lateness rule keeps, grouped by key, in arrival order. */
    private static <E extends JobEvent, K> Groups<K, E> group(List<E> events, Predicate<E> counted, long windowSize,
                                                              Function<E, K> key) {
        long bound = CONFIG.outOfOrderness().toMillis();
        long lateness = CONFIG.allowedLateness().toMillis();
        Map<K, List<E>> groups = new HashMap<>();
        long watermark = Long.MIN_VALUE;
        long maxTs = Long.MIN_VALUE;
        long late = 0;
        long lateButCounted = 0;
        for (E e : events) {
            maxTs = Math.max(maxTs, e.occurredAt());
            if (!counted.test(e)) {
                watermark = maxTs - bound - 1;
                continue;
            }
            long windowEnd = e.occurredAt() - Math.floorMod(e.occurredAt(), windowSize) + windowSize;
            if (windowEnd - 1 + lateness <= watermark) {
                late++;
            } else {
                if (windowEnd - 1 <= watermark) {
                    lateButCounted++;
                }
                groups.computeIfAbsent(key.apply(e), k -> new ArrayList<>()).add(e);
            }
            watermark = maxTs - bound - 1;
        }
        return new Groups<>(groups, late, lateButCounted);
    }

    /** Watermark = largest timestamp - bound - 1 after every event (Flink's bounded out-of-orderness, punctuated). */
    private static <E extends JobEvent> WatermarkStrategy<E> punctuated() {
        long bound = CONFIG.outOfOrderness().toMillis();
        return WatermarkStrategy.<E>forGenerator(ctx -> new WatermarkGenerator<>() {
            private long maxTs = Long.MIN_VALUE + bound + 1;

            @Override
            public void onEvent(E event, long timestamp, WatermarkOutput output) {
                maxTs = Math.max(maxTs, timestamp);
                output.emitWatermark(new Watermark(maxTs - bound - 1));
            }

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
            }
        }).withTimestampAssigner((e, ts) -> e.occurredAt());
    }

    private record Run<R>(List<R> rows, long late) {
    }

    private static <E extends JobEvent, R> Run<R> run(List<E> events, Class<E> type,
            BiFunction<DataStream<E>, AnalyticsConfig, SingleOutputStreamOperator<R>> pipeline, OutputTag<E> lateTag)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
        DataStream<E> source = env.fromData(events, TypeInformation.of(type))
                .assignTimestampsAndWatermarks(punctuated());
        SingleOutputStreamOperator<R> rows = pipeline.apply(source, CONFIG);
        String id = UUID.randomUUID().toString();
        rows.sinkTo(new CollectingSink<>(id + "-rows"));
        rows.getSideOutput(lateTag).sinkTo(new CollectingSink<>(id + "-late"));
        env.execute("brute-force-" + type.getSimpleName());
        return new Run<>(CollectingSink.<R>collected(id + "-rows"), CollectingSink.collected(id + "-late").size());
    }

    /** A pipeline whose too-late events come out of a combiner before the window ({@link WindowedRows}). */
    private static <E extends JobEvent, R> Run<R> runCombined(List<E> events, Class<E> type,
            BiFunction<DataStream<E>, AnalyticsConfig, WindowedRows<R, E>> pipeline) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
        DataStream<E> source = env.fromData(events, TypeInformation.of(type))
                .assignTimestampsAndWatermarks(punctuated());
        WindowedRows<R, E> windowed = pipeline.apply(source, CONFIG);
        String id = UUID.randomUUID().toString();
        windowed.rows().sinkTo(new CollectingSink<>(id + "-rows"));
        windowed.late().sinkTo(new CollectingSink<>(id + "-late"));
        env.execute("brute-force-combined-" + type.getSimpleName());
        return new Run<>(CollectingSink.<R>collected(id + "-rows"), CollectingSink.collected(id + "-late").size());
    }

    /** The last row emitted per key: what the ReplacingMergeTree table ends up with. */
    private static <R, K> Map<K, R> lastPerKey(List<R> rows, Function<R, K> key) {
        Map<K, R> last = new LinkedHashMap<>();
        rows.forEach(r -> last.put(key.apply(r), r));
        return last;
    }

    @Test
    void messagesPerChannelMinuteAndPerAuthorDayMatchTheBruteForce() throws Exception {
        Random random = new Random(7);
        List<MessageEvent> events = new ArrayList<>();
        int i = 0;
        for (long t : eventTimes(1, 6000)) {
            events.add(new MessageEvent("m" + i++, 1 + random.nextInt(3), 10 + random.nextInt(4),
                    100 + random.nextInt(25), random.nextInt(10) == 0, t));
        }

        Expected<List<Long>> minutes = bruteForce(events, e -> true, MINUTE,
                e -> List.of(e.guildId(), e.channelId(), e.occurredAt() - Math.floorMod(e.occurredAt(), MINUTE)));
        assertThat(minutes.late()).as("too-late events in the data").isGreaterThan(50);
        assertThat(minutes.lateButCounted()).as("late events within the allowed lateness").isGreaterThan(50);
        Run<MessageCountRow> counts = runCombined(events, MessageEvent.class, EngagementJob::messageCounts);
        Map<List<Long>, Long> actual = new HashMap<>();
        lastPerKey(counts.rows(), r -> List.of(r.guildId(), r.channelId(), r.minute()))
                .forEach((k, r) -> actual.put(k, r.messages()));
        assertThat(actual).isEqualTo(minutes.totals());
        assertThat(counts.late()).isEqualTo(minutes.late());

        Expected<List<Long>> days = bruteForce(events, e -> !e.authorBot(), DAY,
                e -> List.of(e.guildId(), e.authorId(), e.occurredAt() - Math.floorMod(e.occurredAt(), DAY)));
        assertThat(days.late()).as("events too late for their day").isPositive();
        Run<UserActivityRow> activity = runCombined(events, MessageEvent.class,
                EngagementJob::userActivity);
        Map<List<Long>, Long> actualDays = new HashMap<>();
        lastPerKey(activity.rows(), r -> List.of(r.guildId(), r.userId(), r.day()))
                .forEach((k, r) -> actualDays.put(k, r.messages()));
        assertThat(actualDays).isEqualTo(days.totals());
        assertThat(activity.late()).isEqualTo(days.late());
    }

    @Test
    void memberJoinsAndLeavesPerGuildDayMatchTheBruteForce() throws Exception {
        Random random = new Random(11);
        List<MemberChange> events = new ArrayList<>();
        int i = 0;
        for (long t : eventTimes(2, 4000)) {
            events.add(new MemberChange("c" + i++, 1 + random.nextInt(3), 100 + random.nextInt(50),
                    random.nextInt(3) > 0, t));
        }
        Expected<List<Long>> joins = bruteForce(events, MemberChange::joined, DAY,
                e -> List.of(e.guildId(), e.occurredAt() - Math.floorMod(e.occurredAt(), DAY)));
        Expected<List<Long>> all = bruteForce(events, e -> true, DAY,
                e -> List.of(e.guildId(), e.occurredAt() - Math.floorMod(e.occurredAt(), DAY)));
        assertThat(all.late()).isPositive();

        Run<MemberChangesRow> run = runCombined(events, MemberChange.class, MembersJob::dailyChanges);
        Map<List<Long>, MemberChangesRow> last = lastPerKey(run.rows(), r -> List.of(r.guildId(), r.day()));
        assertThat(last.keySet()).isEqualTo(all.totals().keySet());
        last.forEach((k, r) -> {
            assertThat(r.joins()).as("joins " + k).isEqualTo(joins.totals().getOrDefault(k, 0L));
            assertThat(r.joins() + r.leaves()).as("changes " + k).isEqualTo(all.totals().get(k));
        });
        assertThat(run.late()).isEqualTo(all.late());
    }

    @Test
    void voiceQualityPerChannelAndPerServerMinuteMatchesTheBruteForce() throws Exception {
        Random random = new Random(13);
        List<VoiceSample> events = new ArrayList<>();
        int i = 0;
        for (long t : eventTimes(3, 5000)) {
            int server = random.nextInt(3);
            long expected = 200 + random.nextInt(60);
            long lost = random.nextInt(10) == 0 ? random.nextInt(40) : random.nextInt(3);
            boolean v2 = random.nextInt(4) > 0;
            events.add(new VoiceSample("v" + i++, server < 2 ? "eu" : "us", "vs-" + server, 1 + random.nextInt(2),
                    10 + random.nextInt(2), 100 + random.nextInt(9), random.nextInt(1000), t, 5000, expected,
                    expected - lost, lost, random.nextInt(400) / 10.0,
                    random.nextInt(5) == 0 ? null : 20.0 + random.nextInt(300), v2 ? (long) random.nextInt(5) : null,
                    v2 ? 24.0 + random.nextInt(40) : null, v2 ? 1.0 + random.nextInt(35) / 10.0 : null));
        }
        Groups<List<Object>, VoiceSample> channels = group(events, e -> true, MINUTE, e -> List.of(e.region(),
                e.voiceServer(), e.guildId(), e.channelId(), e.occurredAt() - Math.floorMod(e.occurredAt(), MINUTE)));
        assertThat(channels.late()).as("too-late samples in the data").isGreaterThan(50);
        assertThat(channels.lateButCounted()).as("late samples within the allowed lateness").isGreaterThan(50);
        Run<ChannelQualityRow> channelRun = runCombined(events, VoiceSample.class,
                VoiceQualityJob::channelMinutes);
        Map<List<Object>, ChannelQualityRow> lastChannel = lastPerKey(channelRun.rows(), r -> List.of(r.region(),
                r.voiceServer(), r.guildId(), r.channelId(), r.minute()));
        assertThat(lastChannel.keySet()).isEqualTo(channels.events().keySet());
        lastChannel.forEach((key, row) -> assertQuality(key, row.quality(), channels.events().get(key)));
        assertThat(channelRun.late()).isEqualTo(channels.late());

        Groups<List<Object>, VoiceSample> servers = group(events, e -> true, MINUTE, e -> List.of(e.region(),
                e.voiceServer(), e.occurredAt() - Math.floorMod(e.occurredAt(), MINUTE)));
        Run<ServerQualityRow> serverRun = runCombined(events, VoiceSample.class,
                VoiceQualityJob::serverMinutes);
        Map<List<Object>, ServerQualityRow> lastServer = lastPerKey(serverRun.rows(), r -> List.of(r.region(),
                r.voiceServer(), r.minute()));
        assertThat(lastServer.keySet()).isEqualTo(servers.events().keySet());
        lastServer.forEach((key, row) -> assertQuality(key, row.quality(), servers.events().get(key)));
        assertThat(serverRun.late()).isEqualTo(servers.late());
    }

    /** Every value, sum and count of a window equals the brute force over its samples. */
    private static void assertQuality(Object key, MinuteQuality q, List<VoiceSample> samples) {
        assertThat(q.samples()).as("samples " + key).isEqualTo(samples.size());
        assertThat(q.jitterMs()).as("jitter " + key)
                .containsExactly(samples.stream().mapToDouble(VoiceSample::jitterMs).sorted().toArray());
        assertThat(q.rttMs()).as("rtt " + key).containsExactly(samples.stream().map(VoiceSample::rttMs)
                .filter(java.util.Objects::nonNull).mapToDouble(Double::doubleValue).sorted().toArray());
        assertThat(q.packetsExpected()).isEqualTo(samples.stream().mapToLong(VoiceSample::packetsExpected).sum());
        assertThat(q.packetsLost()).isEqualTo(samples.stream().mapToLong(VoiceSample::packetsLost).sum());
        assertThat(q.packetsLate()).isEqualTo(samples.stream().map(VoiceSample::packetsLate)
                .filter(java.util.Objects::nonNull).mapToLong(Long::longValue).sum());
        List<Double> mos = samples.stream().map(VoiceSample::mos).filter(java.util.Objects::nonNull).toList();
        assertThat(q.mosSamples()).isEqualTo(mos.size());
        assertThat(q.mosSum()).isCloseTo(mos.stream().mapToDouble(Double::doubleValue).sum(), within(1e-9));
        List<Double> bitrate = samples.stream().map(VoiceSample::bitrateKbps).filter(java.util.Objects::nonNull)
                .toList();
        assertThat(q.bitrateSamples()).isEqualTo(bitrate.size());
        assertThat(q.bitrateSum()).isCloseTo(bitrate.stream().mapToDouble(Double::doubleValue).sum(), within(1e-9));
    }

    /**
     * Generated voice sessions (minutes to 40 h, some without their leave or join, delivered out of order, a few
     * hours late) → per session and UTC day, compared with a direct computation: a session counts from its join to
     * its leave, cut at the maximum session length (also when the leave is missing); an event is too late when the
     * watermark before it is at or past join + max + allowed lateness.
     */
    @Test
    void voiceMinutesPerSessionDayMatchTheBruteForce() throws Exception {
        long max = CONFIG.voiceMaxSession().toMillis();
        long finalAfter = max + CONFIG.allowedLateness().toMillis();
        long bound = CONFIG.outOfOrderness().toMillis();
        Random random = new Random(17);
        record Arrival(long at, VoiceSessionEvent event) {
        }
        List<Arrival> arrivals = new ArrayList<>();
        long clock = START;
        for (int s = 0; s < 1500; s++) {
            clock += random.nextInt(120_000);
            int p = random.nextInt(100);
            long duration = p < 70 ? 60_000L * (1 + random.nextInt(120)) : p < 90 ? 3_600_000L * (2 + random.nextInt(18))
                    : 3_600_000L * (13 + random.nextInt(28));
            long guild = 1 + random.nextInt(2);
            long channel = 10 + random.nextInt(3);
            long user = 100 + random.nextInt(30);
            String session = "s" + s;
            int missing = random.nextInt(100);
            if (missing >= 5) {
                arrivals.add(new Arrival(clock + delay(random), new VoiceSessionEvent("j" + s, guild, channel, user,
                        session, "eu", "vs-1", true, clock, 0, clock)));
            }
            if (missing < 5 || missing >= 15) {
                long leftAt = clock + duration;
                arrivals.add(new Arrival(leftAt + delay(random), new VoiceSessionEvent("l" + s, guild, channel, user,
                        session, "eu", "vs-1", false, clock, leftAt, leftAt)));
            }
        }
        arrivals.sort(java.util.Comparator.comparingLong(Arrival::at));
        List<VoiceSessionEvent> events = arrivals.stream().map(Arrival::event).toList();

        // brute force: per session the first event that is not too late decides; a leave wins over a join
        Map<String, VoiceSessionEvent> leaves = new HashMap<>();
        Map<String, VoiceSessionEvent> joins = new HashMap<>();
        long watermark = Long.MIN_VALUE;
        long maxTs = Long.MIN_VALUE;
        long late = 0;
        for (VoiceSessionEvent e : events) {
            if (e.startedAt() + finalAfter <= watermark) {
                late++;
            } else {
                (e.joined() ? joins : leaves).put(e.sessionId(), e);
            }
            maxTs = Math.max(maxTs, e.occurredAt());
            watermark = maxTs - bound - 1;
        }
        assertThat(late).as("too-late session events in the data").isGreaterThan(10);
        Map<List<Object>, Long> expected = new HashMap<>();
        Map<List<Object>, Boolean> expectedCapped = new HashMap<>();
        java.util.Set<String> sessions = new java.util.HashSet<>(joins.keySet());
        sessions.addAll(leaves.keySet());
        for (String id : sessions) {
            VoiceSessionEvent leave = leaves.get(id);
            VoiceSessionEvent any = leave != null ? leave : joins.get(id);
            long end = leave != null ? Math.min(leave.leftAt(), any.startedAt() + max) : any.startedAt() + max;
            boolean capped = leave == null || leave.leftAt() > any.startedAt() + max;
            for (long day = any.startedAt() - Math.floorMod(any.startedAt(), DAY); day < end; day += DAY) {
                long ms = Math.min(end, day + DAY) - Math.max(any.startedAt(), day);
                List<Object> key = List.of(any.guildId(), day, any.channelId(), any.userId(), id, any.startedAt());
                expected.put(key, ms);
                expectedCapped.put(key, capped);
            }
        }
        assertThat(expectedCapped.values()).as("capped sessions in the data").contains(true);
        assertThat(expected.size() - sessions.size()).as("sessions spanning midnight").isGreaterThan(10);

        Run<SessionDayRow> run = run(events, VoiceSessionEvent.class, VoiceMinutesJob::sessionDays,
                VoiceMinutesJob.LATE);
        Map<List<Object>, SessionDayRow> last = lastPerKey(run.rows(), r -> List.of(r.guildId(), r.day(),
                r.channelId(), r.userId(), r.sessionId(), r.startedAt()));
        Map<List<Object>, Long> actual = new HashMap<>();
        Map<List<Object>, Boolean> actualCapped = new HashMap<>();
        last.forEach((k, r) -> {
            actual.put(k, r.voiceMs());
            actualCapped.put(k, r.capped());
        });
        assertThat(actual).isEqualTo(expected);
        assertThat(actualCapped).isEqualTo(expectedCapped);
        assertThat(run.late()).isEqualTo(late);
    }

    /** 85 % on time (0..4 s), 10 % 10..70 s late, 5 % 13..20 hours late. */
    private static long delay(Random random) {
        int p = random.nextInt(100);
        return p < 85 ? random.nextInt(4_000) : p < 95 ? 10_000 + random.nextInt(60_000)
                : 3_600_000L * (13 + random.nextInt(8));
    }
}
