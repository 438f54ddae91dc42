package dev.guildhall.analytics.runtime;

import dev.guildhall.analytics.CollectingSink;
import dev.guildhall.analytics.engagement.MessageEvent;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class CountCombinerTest {
    private static final long MINUTE = 60_000;
    private static final long T0 = 1_767_571_200_000L;   // a whole minute

    /** Watermark 5 s behind the largest timestamp, after every event (deterministic runs). */
    static final class Punctuated implements WatermarkGenerator<MessageEvent> {
        private long maxTs = Long.MIN_VALUE + 5_001;

        @Override
        public void onEvent(MessageEvent event, long timestamp, WatermarkOutput output) {
            maxTs = Math.max(maxTs, timestamp);
            output.emitWatermark(new Watermark(maxTs - 5_001));
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
        }
    }

    @Test
    void lateIsTheWindowOperatorsRule() {
        // window [T0, T0 + 1 min), allowed lateness 1 min: too late once the watermark reaches T0 + 2 min - 1
        assertThat(WindowCombiner.isLate(T0, MINUTE, MINUTE, T0 + 2 * MINUTE - 2)).isFalse();
        assertThat(WindowCombiner.isLate(T0, MINUTE, MINUTE, T0 + 2 * MINUTE - 1)).isTrue();
        assertThat(WindowCombiner.isLate(T0, MINUTE, 0, T0 + MINUTE - 1)).isTrue();
        assertThat(WindowCombiner.isLate(T0, MINUTE, MINUTE, Long.MIN_VALUE)).isFalse();
    }

    /**
     * Many events of few keys in order (watermark 5 s behind): far fewer counts than events come out, each carrying
     * its window start as timestamp; the counts sum to the events per key and minute; a too-late event comes out raw.
     */
    @Test
    void combinesPerKeyAndWindowAndPassesTooLateEventsRaw() throws Exception {
        List<MessageEvent> events = new ArrayList<>();
        Map<List<Long>, Long> expected = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            long t = T0 + i * 15L;   // 5 minutes
            MessageEvent e = new MessageEvent("m" + i, 1 + i % 3, 10 + i % 4, 100, false, t);
            events.add(e);
            expected.merge(List.of(e.guildId(), e.channelId(), t - t % MINUTE), 1L, Long::sum);
        }
        events.add(new MessageEvent("too-late", 1, 10, 100, false, T0));   // its window + 1 min is behind the watermark

        OutputTag<MessageEvent> late = new OutputTag<>("late") {
        };
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
        SingleOutputStreamOperator<KeyedCount> counts = env.fromData(events, TypeInformation.of(MessageEvent.class))
                .assignTimestampsAndWatermarks(WatermarkStrategy.<MessageEvent>forGenerator(ctx -> new Punctuated())
                        .withTimestampAssigner((e, ts) -> e.occurredAt()))
                .transform("combiner", TypeInformation.of(KeyedCount.class), new CountCombiner<>(
                        MessageEvent::guildId, MessageEvent::channelId, MINUTE, MINUTE, 1000, 100_000, late));
        String id = UUID.randomUUID().toString();
        counts.sinkTo(new CollectingSink<>(id + "-counts"));
        counts.getSideOutput(late).sinkTo(new CollectingSink<>(id + "-late"));
        env.execute("count-combiner");

        List<KeyedCount> out = CollectingSink.collected(id + "-counts");
        Map<List<Long>, Long> actual = new HashMap<>();
        out.forEach(c -> actual.merge(List.of(c.a(), c.b(), c.windowStart()), c.count(), Long::sum));
        assertThat(actual).isEqualTo(expected);
        assertThat(out.size()).as("counts emitted for 20,000 events of 60 keys and minutes").isLessThan(2_000);
        assertThat(CollectingSink.<MessageEvent>collected(id + "-late")).extracting(MessageEvent::eventId)
                .containsExactly("too-late");
    }
}
