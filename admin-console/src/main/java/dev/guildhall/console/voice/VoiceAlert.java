package dev.guildhall.console.voice;

import java.time.Instant;

/** One state change (open / resolved) of a voice SLO alert. */
public record VoiceAlert(Instant at, String region, String metric, String state, double value, double threshold) {
}
