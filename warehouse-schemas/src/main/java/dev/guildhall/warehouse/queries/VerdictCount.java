package dev.guildhall.warehouse.queries;

import java.time.LocalDate;

/**
 * AutoMod verdicts of one UTC day with one decision ({@code allow}, {@code flag}, {@code block}) and top label
 * ({@code safe}, {@code spam}, {@code toxic}, {@code harassment}).
 */
public record VerdictCount(LocalDate day, String decision, String label, long count) {}
