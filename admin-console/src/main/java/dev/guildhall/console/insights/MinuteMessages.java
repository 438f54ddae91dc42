package dev.guildhall.console.insights;

import java.time.Instant;

/** Messages posted in one guild during one minute (UTC, start of the minute). */
public record MinuteMessages(Instant minute, long messages) {
}
