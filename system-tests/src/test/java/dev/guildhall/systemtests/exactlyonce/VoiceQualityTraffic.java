package dev.guildhall.systemtests.exactlyonce;

import dev.guildhall.events.EventCodec;
import dev.guildhall.events.Snowflakes;
import dev.guildhall.events.Topics;
import dev.guildhall.events.payload.VoiceQualitySample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * voice-quality job: samples of 2 regions × 2 voice servers with whole-ms jitter and some loss → voice_quality_1m
 * per minute: samples, p50 and p95 jitter (linear interpolation between closest ranks, in µs) and the loss ratio
 * (in units of 1e-9).
 */
final class VoiceQualityTraffic implements Traffic {
    private static final String[] SERVERS = {"exo-a\texo-a-1", "exo-a\texo-a-2", "exo-b\texo-b-1", "exo-b\texo-b-2"};
    private static final long[] GUILDS = {740001, 740002, 740003};

    private final Snowflakes ids;
    private final Random random = new Random(740);
    private final Map<String, Minute> minutes = new TreeMap<>();

    VoiceQualityTraffic(Snowflakes ids) {
        this.ids = ids;
    }

    @Override
    public String topic() {
        return Topics.VOICE_QUALITY;
    }

    @Override
    public Event next(long at) {
        String[] server = SERVERS[random.nextInt(SERVERS.length)].split("\t");
        long guild = GUILDS[random.nextInt(GUILDS.length)];
        int jitter = random.nextInt(60);
        long expected = 200 + random.nextInt(60);
        long lost = random.nextInt(20);
        Minute m = minutes.computeIfAbsent(Rows.key(server[0], server[1], Rows.minute(at)), k -> new Minute());
        m.jitter.add((double) jitter);
        m.lost += lost;
        m.expected += expected;
        return new Event(Long.toString(guild), sample(guild, server[0], server[1], jitter, expected, lost, at));
    }

    @Override
    public byte[] watermarkEvent(long at) {
        return sample(9999, "exo-advance", "exo-advance-1", 1, 1, 0, at);
    }

    private byte[] sample(long guild, String region, String server, int jitter, long expected, long lost, long at) {
        VoiceQualitySample payload = new VoiceQualitySample(region, server, Long.toString(guild * 10), "77",
                guild, at - 5000, 5000, expected, expected - lost, lost, (double) lost / expected, jitter, 20.0);
        return EventCodec.encode(EventCodec.wrap(ids, "exactly-once-it", Long.toString(guild), at, payload));
    }

    @Override
    public List<Check> checks() {
        List<String> rows = new ArrayList<>();
        minutes.forEach((key, m) -> rows.add(Rows.key(key, m.jitter.size(), Math.round(m.percentile(0.50) * 1000),
                Math.round(m.percentile(0.95) * 1000), Math.round((double) m.lost / m.expected * 1e9))));
        return List.of(new Check("voice_quality_1m", "SELECT region, voice_server, toUInt32(minute), samples,"
                + " toInt64(round(jitter_p50_ms * 1000)), toInt64(round(jitter_p95_ms * 1000)),"
                + " toInt64(round(loss_ratio * 1000000000)) FROM voice_quality_1m FINAL WHERE region IN ('exo-a', 'exo-b')",
                rows));
    }

    private static final class Minute {
        final List<Double> jitter = new ArrayList<>();
        long lost;
        long expected;

        /** Hyndman & Fan type 7 (numpy's default), as the job computes it. */
        double percentile(double p) {
            double[] sorted = jitter.stream().mapToDouble(Double::doubleValue).toArray();
            Arrays.sort(sorted);
            double h = (sorted.length - 1) * p;
            int lo = (int) Math.floor(h);
            int hi = Math.min(lo + 1, sorted.length - 1);
            return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
        }
    }
}
