package dev.guildhall.warehouse.queries;

import java.time.LocalDate;

/** Time in voice of a guild on one UTC day: minutes (fractional), distinct users and sessions. */
public record VoiceDay(LocalDate day, double minutes, long users, long sessions) {}
