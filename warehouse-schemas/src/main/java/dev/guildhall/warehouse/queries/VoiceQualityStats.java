package dev.guildhall.warehouse.queries;

/**
 * Voice quality over a set of per-channel minutes (any grouping: a region's bucket, a server, a guild).
 * Percentiles come from merged t-digests (ClickHouse {@code quantilesTDigest}: approximate, exact for small sets of
 * distinct values up to interpolation). RTT, MOS and bitrate are null when no sample in the set carried them.
 *
 * @param samples         voice.quality samples
 * @param rttSamples      samples with an RTT
 * @param lossRatio       Σ packets lost / Σ packets expected (0 when nothing was expected)
 * @param latePacketRatio Σ packets late / Σ packets expected (0 when nothing was expected)
 * @param mos             mean MOS of the samples that carried one
 * @param bitrateKbps     mean bitrate of the samples that carried one
 */
public record VoiceQualityStats(long samples, long rttSamples, Double rttP50Ms, Double rttP95Ms, Double rttP99Ms,
                                double jitterP50Ms, double jitterP95Ms, double jitterP99Ms, long packetsExpected,
                                long packetsLost, long packetsLate, double lossRatio, double latePacketRatio,
                                Double mos, Double bitrateKbps) {}
