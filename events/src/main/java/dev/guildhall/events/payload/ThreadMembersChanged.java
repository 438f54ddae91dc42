package dev.guildhall.events.payload;

import java.util.List;

/**
 * Users joined or left a thread, or were added or removed (type {@code thread.members_changed}, topic
 * {@code guildhall.guilds}).
 *
 * @param memberCount members after the change
 * @param actorId     who made the change (the member itself for join/leave)
 * @param changedAt   epoch ms
 */
public record ThreadMembersChanged(String threadId, List<String> addedUserIds, List<String> removedUserIds,
                                   int memberCount, String actorId, long changedAt) {
}
