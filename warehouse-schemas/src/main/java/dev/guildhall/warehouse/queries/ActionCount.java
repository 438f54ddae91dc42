package dev.guildhall.warehouse.queries;

/** Moderator actions of one kind (kick, ban, unban, timeout, timeout_removed) in a guild over a range. */
public record ActionCount(String action, long actions) {}
