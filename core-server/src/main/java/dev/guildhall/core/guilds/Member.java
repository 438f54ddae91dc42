package dev.guildhall.core.guilds;

import dev.guildhall.core.auth.User;

import java.time.Instant;
import java.util.List;

/**
 * A guild member; {@code roleIds} excludes @everyone, like Discord. {@code communicationDisabledUntil} is the end of
 * a timeout, or null; {@code mute}/{@code deaf} are the server mute and deafen in voice channels.
 */
public record Member(long guildId, User user, String nick, Instant joinedAt, List<Long> roleIds,
                     Instant communicationDisabledUntil, boolean mute, boolean deaf) {

    /** A member neither server-muted nor deafened. */
    public Member(long guildId, User user, String nick, Instant joinedAt, List<Long> roleIds,
                  Instant communicationDisabledUntil) {
        this(guildId, user, nick, joinedAt, roleIds, communicationDisabledUntil, false, false);
    }

    /** A member without a timeout. */
    public Member(long guildId, User user, String nick, Instant joinedAt, List<Long> roleIds) {
        this(guildId, user, nick, joinedAt, roleIds, null);
    }

    /** Whether a timeout is in force at {@code now}. */
    public boolean isTimedOut(Instant now) {
        return communicationDisabledUntil != null && communicationDisabledUntil.isAfter(now);
    }
}
