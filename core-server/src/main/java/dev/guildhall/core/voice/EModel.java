package dev.guildhall.core.voice;

/**
 * Estimated listening-and-talking quality of a voice stream: ITU-T G.107 E-model, simplified for Opus.
 * <p>{@code R = R0 - Is - Id - Ie,eff + A} with the G.107 defaults {@code R0 - Is = 93.2} and {@code A = 0}:
 * <ul>
 *   <li>Delay impairment {@code Id} from the one-way mouth-to-ear delay {@code Ta}, in the common simplification of
 *       G.107's Idd/Idte terms (Cole and Rosenbluth, 2001): {@code Id = 0.024 Ta + 0.11 (Ta - 177.3) H(Ta - 177.3)}.
 *       {@code Ta = RTT / 2 + jitter buffer (2 × interarrival jitter) + codec delay (20 ms frame + 6.5 ms Opus
 *       look-ahead)}.</li>
 *   <li>Equipment impairment {@code Ie,eff = Ie + (95 - Ie) · Ppl / (Ppl / BurstR + Bpl)} (G.107 7-29) with
 *       {@link #OPUS_IE} = 0 (Opus at voice bitrates is transparent on the narrowband R scale) and
 *       {@link #OPUS_BPL} = 25 (Opus packet-loss concealment; G.711 with PLC is 25.1 in G.113), random loss
 *       ({@code BurstR = 1}).</li>
 *   <li>{@code MOS = 1} for {@code R < 0}, {@code 4.5} for {@code R > 100}, else
 *       {@code 1 + 0.035 R + R (R - 60)(100 - R) · 7e-6} (G.107 annex B).</li>
 * </ul>
 * Pure functions.
 */
final class EModel {
    static final double R_DEFAULT = 93.2;
    static final double OPUS_IE = 0.0;
    static final double OPUS_BPL = 25.0;
    /** 20 ms frame + 6.5 ms look-ahead */
    static final double OPUS_CODEC_DELAY_MS = 26.5;

    private EModel() {
    }

    /** MOS (1.0..4.5) of a stream with this round-trip time (0 when unknown), jitter and loss ratio (0..1). */
    static double mos(double rttMs, double jitterMs, double lossRatio) {
        return mosFromR(rFactor(rttMs, jitterMs, lossRatio));
    }

    static double rFactor(double rttMs, double jitterMs, double lossRatio) {
        double mouthToEar = Math.max(0, rttMs) / 2 + 2 * Math.max(0, jitterMs) + OPUS_CODEC_DELAY_MS;
        return R_DEFAULT - delayImpairment(mouthToEar) - effectiveEquipmentImpairment(lossRatio);
    }

    static double delayImpairment(double oneWayMs) {
        double d = Math.max(0, oneWayMs);
        return 0.024 * d + (d > 177.3 ? 0.11 * (d - 177.3) : 0);
    }

    static double effectiveEquipmentImpairment(double lossRatio) {
        double ppl = 100 * Math.min(1, Math.max(0, lossRatio));
        return OPUS_IE + (95 - OPUS_IE) * ppl / (ppl + OPUS_BPL);
    }

    static double mosFromR(double r) {
        if (r < 0) {
            return 1.0;
        }
        if (r > 100) {
            return 4.5;
        }
        return Math.max(1.0, 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6);
    }
}
