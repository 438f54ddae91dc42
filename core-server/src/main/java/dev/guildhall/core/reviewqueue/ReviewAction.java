package dev.guildhall.core.reviewqueue;

import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.events.payload.AutoModReviewResolved;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a moderator resolves an item, and the guild permission it needs besides the queue's own (MANAGE_MESSAGES or
 * MODERATE_MEMBERS). Every action but {@link #APPROVE} removes a flagged message that is still stored.
 */
enum ReviewAction {
    APPROVE(AutoModReviewResolved.APPROVE, 0),
    REMOVE(AutoModReviewResolved.REMOVE, 0),
    TIMEOUT(AutoModReviewResolved.TIMEOUT, Permissions.MODERATE_MEMBERS),
    KICK(AutoModReviewResolved.KICK, Permissions.KICK_MEMBERS),
    BAN(AutoModReviewResolved.BAN, Permissions.BAN_MEMBERS);

    final String wireName;
    final long permission;

    ReviewAction(String wireName, long permission) {
        this.wireName = wireName;
        this.permission = permission;
    }

    /** Whether the action acts on the author through the member services (timeout, kick, ban). */
    boolean onMember() {
        return permission != 0;
    }

    static Optional<ReviewAction> of(String wireName) {
        return Arrays.stream(values()).filter(a -> a.wireName.equals(wireName)).findFirst();
    }

    static String choices() {
        return String.join(", ", Arrays.stream(values()).map(a -> a.wireName).toList());
    }
}
