package dev.guildhall.warehouse.queries;

import java.time.Instant;

/**
 * Voice quality of a region in one minute, over its voice servers.
 *
 * @param samples     sum of samples
 * @param jitterP95Ms the worst (max) per-server p95: an upper bound of the region's p95
 * @param lossRatio   per-server loss ratios weighted by their samples
 */
public record RegionQuality(String region, Instant minute, long samples, double jitterP95Ms, double lossRatio) {}
