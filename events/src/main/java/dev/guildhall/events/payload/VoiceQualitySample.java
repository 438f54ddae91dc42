package dev.guildhall.events.payload;

/**
 * One inbound RTP stream's quality over one measurement interval (type {@code voice.quality}, topic
 * {@code guildhall.voice.quality}), measured by the voice relay.
 *
 * @param windowStart     epoch ms at which the interval began
 * @param windowMs        interval length in ms (5000)
 * @param packetsExpected packets expected from RTP sequence numbers in the interval (RFC 3550 A.3)
 * @param packetsReceived packets received in the interval
 * @param packetsLost     expected - received, never negative
 * @param lossRatio       packetsLost / packetsExpected, 0 when nothing was expected
 * @param jitterMs        RFC 3550 interarrival jitter estimate at the end of the interval, in ms
 * @param rttMs           round-trip time in ms, or null when not measured
 */
public record VoiceQualitySample(String region, String voiceServer, String channelId, String userId, long ssrc,
                                 long windowStart, int windowMs, long packetsExpected, long packetsReceived,
                                 long packetsLost, double lossRatio, double jitterMs, Double rttMs) {
}
