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
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * voice-quality job: samples of 2 regions × 2 voice servers × 3 guilds × 2 channels with whole-ms jitter and some
 * loss, four in five of them version 2 (whole-ms RTT, late packets, whole-kbps bitrate, MOS in hundredths), one in
 * five version 1 (none of those) →
 * <ul>
 *   <li>voice_quality_1m per server and minute: samples, p50 and p95 jitter (linear interpolation between closest
 *       ranks, in µs) and the loss ratio (in units of 1e-9);</li>
 *   <li>voice_quality_samples: per server and minute, the count, jitter and RTT sums and the samples with RTT;</li>
 *   <li>voice_quality_channel_1m and voice_quality_server_1m: every count and sum column exactly;</li>
 *   <li>their RTT and jitter digests: per server and minute, the {@code quantilesTDigestMerge} p50/p95/p99 of the
 *       server row and of the channel rows within 1 ms and 5 ms of a one-pass {@code quantilesTDigest} over the raw
 *       samples' values (sorted, as the job sends them; values range over 60 ms of jitter and 100 ms of RTT).</li>
 * </ul>
 */
final class VoiceQualityTraffic implements Traffic {
    private static final String[] SERVERS = {"exo-a\texo-a-1", "exo-a\texo-a-2", "exo-b\texo-b-1", "exo-b\texo-b-2"};
    private static final long[] GUILDS = {740001, 740002, 740003};
    private static final String REGIONS = "region IN ('exo-a', 'exo-b')";

    private final Snowflakes ids;
    private final Random random = new Random(740);
    private final Map<String, Minute> minutes = new TreeMap<>();
    private final Rows channelSums = new Rows();
    private final Rows serverSums = new Rows();
    private final Rows rawSums = new Rows();
    private final Set<String> serverMinutes = new TreeSet<>();

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
        long channel = guild * 10 + 1 + random.nextInt(2);
        int jitter = random.nextInt(60);
        long expected = 200 + random.nextInt(60);
        long lost = random.nextInt(20);
        boolean v2 = random.nextInt(5) != 0;
        int rtt = 20 + random.nextInt(100);
        long late = random.nextInt(5);
        int bitrate = 24 + random.nextInt(40);
        int mosCentis = 100 + random.nextInt(350);
        Minute m = minutes.computeIfAbsent(Rows.key(server[0], server[1], Rows.minute(at)), k -> new Minute());
        m.jitter.add((double) jitter);
        m.lost += lost;
        m.expected += expected;
        long[] sums = v2 ? new long[]{1, 1, expected, lost, late, 1, mosCentis, 1, bitrate}
                : new long[]{1, 0, expected, lost, 0, 0, 0, 0, 0};
        channelSums.add(Rows.key(server[0], server[1], guild, channel, Rows.minute(at)), sums);
        serverSums.add(Rows.key(server[0], server[1], Rows.minute(at)), sums);
        rawSums.add(Rows.key(server[0], server[1], Rows.minute(at)), 1, jitter, v2 ? 1 : 0, v2 ? rtt : 0);
        serverMinutes.add(Rows.key(server[0], server[1], Rows.minute(at), 1, 1));
        VoiceQualitySample payload = v2
                ? sample(server[0], server[1], channel, jitter, expected, lost, at, (double) rtt, late,
                (double) bitrate, mosCentis / 100.0)
                : sample(server[0], server[1], channel, jitter, expected, lost, at, null, null, null, null);
        return new Event(Long.toString(guild), envelope(guild, payload, at));
    }

    @Override
    public byte[] watermarkEvent(long at) {
        return envelope(9999, sample("exo-advance", "exo-advance-1", 99990, 1, 1, 0, at, 20.0, null, null, null), at);
    }

    private static VoiceQualitySample sample(String region, String server, long channel, int jitter, long expected,
                                             long lost, long at, Double rtt, Long late, Double bitrate, Double mos) {
        return new VoiceQualitySample(region, server, Long.toString(channel), "77", channel, at - 5000, 5000,
                expected, expected - lost, lost, (double) lost / expected, jitter, rtt, late, bitrate, mos);
    }

    private byte[] envelope(long guild, VoiceQualitySample payload, long at) {
        return EventCodec.encode(EventCodec.wrap(ids, "exactly-once-it", Long.toString(guild), at, payload));
    }

    @Override
    public List<Check> checks() {
        List<String> rows = new ArrayList<>();
        minutes.forEach((key, m) -> rows.add(Rows.key(key, m.jitter.size(), Math.round(m.percentile(0.50) * 1000),
                Math.round(m.percentile(0.95) * 1000), Math.round((double) m.lost / m.expected * 1e9))));
        String sums = "samples, rtt_samples, packets_expected, packets_lost, packets_late, mos_samples,"
                + " toInt64(round(mos_sum * 100)), bitrate_samples, toInt64(round(bitrate_sum))";
        return List.of(
                new Check("voice_quality_1m", "SELECT region, voice_server, toUInt32(minute), samples,"
                        + " toInt64(round(jitter_p50_ms * 1000)), toInt64(round(jitter_p95_ms * 1000)),"
                        + " toInt64(round(loss_ratio * 1000000000)) FROM voice_quality_1m FINAL WHERE " + REGIONS,
                        rows),
                new Check("voice_quality_samples", "SELECT region, voice_server,"
                        + " toUInt32(toStartOfMinute(occurred_at)), count(), toInt64(sum(jitter_ms)),"
                        + " countIf(isNotNull(rtt_ms)), toInt64(sum(ifNull(rtt_ms, 0)))"
                        + " FROM voice_quality_samples FINAL WHERE " + REGIONS
                        + " GROUP BY region, voice_server, toStartOfMinute(occurred_at)", rawSums.lines()),
                new Check("voice_quality_channel_1m", "SELECT region, voice_server, guild_id, channel_id,"
                        + " toUInt32(minute), " + sums + " FROM voice_quality_channel_1m FINAL WHERE " + REGIONS,
                        channelSums.lines()),
                new Check("voice_quality_server_1m", "SELECT region, voice_server, toUInt32(minute), " + sums
                        + " FROM voice_quality_server_1m FINAL WHERE " + REGIONS, serverSums.lines()),
                new Check("voice quality digests", digestsSql(), List.copyOf(serverMinutes)));
    }

    /**
     * Per server and minute: whether the -Merge quantiles of the server row (1 ms) and of its channel rows (5 ms)
     * agree with a one-pass digest over the raw values, for RTT and jitter. Its rows: key, 1, 1.
     */
    private static String digestsSql() {
        String q = "(0.5, 0.95, 0.99)";
        String oneRow = "SELECT region, voice_server, toUInt32(minute) AS m, quantilesTDigestMerge" + q
                + "(rtt_ms) AS %1$s_rtt, quantilesTDigestMerge" + q + "(jitter_ms) AS %1$s_jitter FROM %2$s FINAL"
                + " WHERE " + REGIONS + " GROUP BY region, voice_server, m";
        String raw = "SELECT region, voice_server, toUInt32(toStartOfMinute(occurred_at)) AS m,"
                + " arrayReduce('quantilesTDigest" + q + "', arraySort(groupArrayIf(ifNull(rtt_ms, 0),"
                + " isNotNull(rtt_ms)))) AS raw_rtt, arrayReduce('quantilesTDigest" + q + "',"
                + " arraySort(groupArray(jitter_ms))) AS raw_jitter FROM voice_quality_samples FINAL WHERE " + REGIONS
                + " GROUP BY region, voice_server, m";
        // ClickHouse 18.16: one JOIN per SELECT, so the three sides are joined in two nested steps
        return "SELECT region, voice_server, m,"
                + " arrayAll((a, b) -> abs(a - b) <= 1, server_rtt, raw_rtt)"
                + " AND arrayAll((a, b) -> abs(a - b) <= 1, server_jitter, raw_jitter),"
                + " arrayAll((a, b) -> abs(a - b) <= 5, channel_rtt, raw_rtt)"
                + " AND arrayAll((a, b) -> abs(a - b) <= 5, channel_jitter, raw_jitter)"
                + " FROM (SELECT * FROM (" + String.format(oneRow, "server", "voice_quality_server_1m") + ")"
                + " ANY INNER JOIN (" + String.format(oneRow, "channel", "voice_quality_channel_1m") + ")"
                + " USING (region, voice_server, m))"
                + " ANY INNER JOIN (" + raw + ") USING (region, voice_server, m)";
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
