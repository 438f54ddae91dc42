package dev.guildhall.events.payload;

/**
 * A user's presence as the guild sees it changed (type {@code presence.updated}, topic {@code guildhall.presence},
 * key = guild id; one event per guild the user is in). Published straight from the gateway, not through the
 * outbox (presence lives in gateway memory, not in PostgreSQL).
 *
 * @param status     what the guild sees: online, idle, dnd or offline (invisible is reported as offline)
 * @param activities how many activities the user shows (their text is not carried)
 * @param changedAt  epoch ms
 */
public record PresenceUpdated(String userId, String status, int activities, long changedAt) {
}
