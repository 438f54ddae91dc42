package dev.guildhall.warehouse.queries;

import java.time.LocalDate;

/**
 * New members of one UTC day and how many of them were still active (posted a message, bots never count) on a day
 * at least 1, 7 and 30 days after the day they joined. A cohort younger than N days cannot have reached N yet.
 */
public record CohortRetention(LocalDate day, long joined, long activeAfter1Day, long activeAfter7Days,
                              long activeAfter30Days) {}
