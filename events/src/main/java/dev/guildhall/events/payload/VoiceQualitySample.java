package dev.guildhall.events.payload;

/**
 * One inbound RTP stream's quality over one measurement interval (type {@code voice.quality}, topic
 * {@code guildhall.voice.quality}), measured by the voice relay. Version 2 added {@code packetsLate},
 * {@code bitrateKbps} and {@code mos} (null in version-1 events).
 *
 * @param windowStart     epoch ms at which the interval began
 * @param windowMs        interval length in ms (5000)
 * @param packetsExpected packets expected from RTP sequence numbers in the interval (RFC 3550 A.3)
 * @param packetsReceived packets received in the interval
 * @param packetsLost     expected - received, never negative
 * @param lossRatio       packetsLost / packetsExpected, 0 when nothing was expected
 * @param jitterMs        RFC 3550 interarrival jitter estimate at the end of the interval, in ms
 * @param rttMs           round-trip time in ms (voice gateway heartbeat or UDP keepalive echo), null when not measured
 * @param packetsLate     packets that arrived after a later sequence number had already been received (out of order
 *                        or too late for playout), null when not measured
 * @param bitrateKbps     received RTP payload bitrate over the interval in kbit/s, null when not measured
 * @param mos             estimated mean opinion score 1.0–4.5 (ITU-T G.107 E-model simplified for Opus, from rtt,
 *                        jitter and loss), null when not computed
 */
public record VoiceQualitySample(String region, String voiceServer, String channelId, String userId, long ssrc,
                                 long windowStart, int windowMs, long packetsExpected, long packetsReceived,
                                 long packetsLost, double lossRatio, double jitterMs, Double rttMs,
                                 Long packetsLate, Double bitrateKbps, Double mos) {

    /** A version-1 sample: no late-packet count, bitrate or MOS. */
    public VoiceQualitySample(String region, String voiceServer, String channelId, String userId, long ssrc,
                              long windowStart, int windowMs, long packetsExpected, long packetsReceived,
                              long packetsLost, double lossRatio, double jitterMs, Double rttMs) {
        this(region, voiceServer, channelId, userId, ssrc, windowStart, windowMs, packetsExpected, packetsReceived,
                packetsLost, lossRatio, jitterMs, rttMs, null, null, null);
    }
}
