package dev.guildhall.warehouse.queries;

import java.time.Instant;

/** One cell of a region × time heatmap: the metric's value (null when no sample carried it) and the samples. */
public record HeatCell(String region, Instant bucket, long samples, Double value) {}
