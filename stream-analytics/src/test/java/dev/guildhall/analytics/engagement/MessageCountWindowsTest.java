package dev.guildhall.analytics.engagement;

import dev.guildhall.analytics.runtime.KeyedCount;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class MessageCountWindowsTest {
    private static final long MINUTE = 60_000;
    private static final long T0 = 1_764_300_000_000L - 1_764_300_000_000L % MINUTE; // a whole minute

    /** The window assignment + aggregate + window function of the job, applied without a cluster. */
    static List<MessageCountRow> windows(List<MessageEvent> events, long version) {
        MessageCountAggregate agg = new MessageCountAggregate();
        Map<String, Long> acc = new TreeMap<>();
        for (MessageEvent e : events) {
            long start = TimeWindow.getWindowStartWithOffset(e.occurredAt(), 0, MINUTE);
            String k = e.guildId() + "/" + e.channelId() + "/" + start;
            acc.put(k, agg.add(new KeyedCount(e.guildId(), e.channelId(), start, 1),
                    acc.getOrDefault(k, agg.createAccumulator())));
        }
        List<MessageCountRow> rows = new ArrayList<>();
        acc.forEach((k, count) -> {
            String[] p = k.split("/");
            rows.add(MessageCountWindowFunction.row(Tuple2.of(Long.parseLong(p[0]), Long.parseLong(p[1])),
                    Long.parseLong(p[2]), agg.getResult(count), version));
        });
        return rows;
    }

    @Test
    void countsPerGuildChannelAndMinute() {
        List<MessageEvent> events = List.of(
                new MessageEvent("1", 10, 100, 42, false, T0),
                new MessageEvent("2", 10, 100, 42, false, T0 + 59_999),
                new MessageEvent("3", 10, 100, 42, false, T0 + 60_000),   // next minute
                new MessageEvent("4", 10, 101, 42, false, T0 + 30_000),   // other channel
                new MessageEvent("5", 11, 100, 42, false, T0 + 1),        // other guild
                new MessageEvent("6", 10, 100, 42, false, T0 + 12_345));
        assertThat(windows(events, 77)).containsExactlyInAnyOrder(
                new MessageCountRow(10, 100, T0, 3, 77),
                new MessageCountRow(10, 100, T0 + MINUTE, 1, 77),
                new MessageCountRow(10, 101, T0, 1, 77),
                new MessageCountRow(11, 100, T0, 1, 77));
    }

    @Test
    void mergeAddsCounts() {
        MessageCountAggregate agg = new MessageCountAggregate();
        assertThat(agg.merge(3L, 4L)).isEqualTo(7L);
        assertThat(agg.getResult(agg.createAccumulator())).isZero();
    }
}
