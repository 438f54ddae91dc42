package dev.guildhall.console.voice;

import java.time.Instant;

/** Voice quality of one region in one minute (all voice servers of the region). */
public record RegionMinute(String region, Instant minute, long samples, double jitterP95Ms, double lossRatio) {
}
