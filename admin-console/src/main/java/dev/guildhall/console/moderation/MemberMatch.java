package dev.guildhall.console.moderation;

import java.time.Instant;

/** A guild member found by the moderator's lookup; {@code timedOutUntil} null when not timed out. */
public record MemberMatch(long userId, String username, String nick, Instant timedOutUntil) {

    public String label() {
        return (nick == null || nick.isEmpty() ? username : nick + " (" + username + ")") + " · " + userId;
    }
}
