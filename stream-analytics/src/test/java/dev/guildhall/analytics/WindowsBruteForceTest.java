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
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

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
        long bound = CONFIG.outOfOrderness().toMillis();
        long lateness = CONFIG.allowedLateness().toMillis();
        Map<K, Long> totals = new HashMap<>();
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
                totals.merge(key.apply(e), 1L, Long::sum);
            }
            watermark = maxTs - bound - 1;
        }
        return new Expected<>(totals, late, lateButCounted);
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

    /** What the {@link CollectingSink}s of the running test received, by sink id (the local cluster is in this JVM). */
    private static final Map<String, List<Object>> COLLECTED = new ConcurrentHashMap<>();

    /** Appends every element to {@link #COLLECTED} in arrival order (one subtask). */
    private record CollectingSink<T>(String id) implements Sink<T> {
        @Override
        public SinkWriter<T> createWriter(WriterInitContext context) {
            List<Object> target = COLLECTED.computeIfAbsent(id, k -> Collections.synchronizedList(new ArrayList<>()));
            return new SinkWriter<>() {
                @Override
                public void write(T element, Context ctx) {
                    target.add(element);
                }

                @Override
                public void flush(boolean endOfInput) {
                }

                @Override
                public void close() {
                }
            };
        }
    }

    @SuppressWarnings("unchecked")
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
        List<R> out = (List<R>) (List<?>) COLLECTED.getOrDefault(id + "-rows", List.of());
        return new Run<>(List.copyOf(out), COLLECTED.getOrDefault(id + "-late", List.of()).size());
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
        Run<MessageCountRow> counts = run(events, MessageEvent.class, EngagementJob::messageCounts, EngagementJob.LATE);
        Map<List<Long>, Long> actual = new HashMap<>();
        lastPerKey(counts.rows(), r -> List.of(r.guildId(), r.channelId(), r.minute()))
                .forEach((k, r) -> actual.put(k, r.messages()));
        assertThat(actual).isEqualTo(minutes.totals());
        assertThat(counts.late()).isEqualTo(minutes.late());

        Expected<List<Long>> days = bruteForce(events, e -> !e.authorBot(), DAY,
                e -> List.of(e.guildId(), e.authorId(), e.occurredAt() - Math.floorMod(e.occurredAt(), DAY)));
        assertThat(days.late()).as("events too late for their day").isPositive();
        Run<UserActivityRow> activity = run(events, MessageEvent.class, EngagementJob::userActivity,
                EngagementJob.LATE_ACTIVITY);
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

        Run<MemberChangesRow> run = run(events, MemberChange.class, MembersJob::dailyChanges, MembersJob.LATE);
        Map<List<Long>, MemberChangesRow> last = lastPerKey(run.rows(), r -> List.of(r.guildId(), r.day()));
        assertThat(last.keySet()).isEqualTo(all.totals().keySet());
        last.forEach((k, r) -> {
            assertThat(r.joins()).as("joins " + k).isEqualTo(joins.totals().getOrDefault(k, 0L));
            assertThat(r.joins() + r.leaves()).as("changes " + k).isEqualTo(all.totals().get(k));
        });
        assertThat(run.late()).isEqualTo(all.late());
    }
}
