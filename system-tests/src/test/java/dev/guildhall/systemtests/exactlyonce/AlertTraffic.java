package dev.guildhall.systemtests.exactlyonce;

import dev.guildhall.events.EventCodec;
import dev.guildhall.events.Snowflakes;
import dev.guildhall.events.Topics;
import dev.guildhall.events.payload.VoiceAlert;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * alerts job: voice alerts of 2 regions opening and later resolving → alerts, one row per (region, alert, state):
 * count, sum of the alerts' numbers and of their whole-ms values per region and state.
 */
final class AlertTraffic implements Traffic {
    private static final String[] REGIONS = {"exo-a", "exo-b"};

    private final Snowflakes ids;
    private final Random random = new Random(750);
    private final Deque<long[]> open = new ArrayDeque<>();   // {region index, alert number}
    private final Rows perState = new Rows();
    private long nextAlert = 1;

    AlertTraffic(Snowflakes ids) {
        this.ids = ids;
    }

    @Override
    public String topic() {
        return Topics.ALERTS;
    }

    @Override
    public Event next(long at) {
        boolean resolve = !open.isEmpty() && random.nextBoolean();
        long[] alert = resolve ? open.removeFirst() : new long[]{random.nextInt(REGIONS.length), nextAlert++};
        if (!resolve) {
            open.addLast(alert);
        }
        String region = REGIONS[(int) alert[0]];
        String state = resolve ? "resolved" : "open";
        long value = 30 + random.nextInt(50);
        perState.add(Rows.key(region, state), 1, alert[1], value);
        return new Event(region, alert(region, "exo-" + alert[1], state, value, at));
    }

    @Override
    public byte[] watermarkEvent(long at) {
        return alert("exo-advance", "exo-0", "open", 1, at);
    }

    private byte[] alert(String region, String alertId, String state, long value, long at) {
        VoiceAlert payload = new VoiceAlert(alertId, region, "jitter_p95_ms", state, value, 30, at - 60_000, at);
        return EventCodec.encode(EventCodec.wrap(ids, "exactly-once-it", "0", at, payload));
    }

    @Override
    public List<Check> checks() {
        return List.of(new Check("alerts", "SELECT region, state, count(), sum(toUInt64(substring(alert_id, 5))),"
                + " sum(toUInt64(value)) FROM alerts FINAL WHERE region IN ('exo-a', 'exo-b') GROUP BY region, state",
                perState.lines()));
    }
}
