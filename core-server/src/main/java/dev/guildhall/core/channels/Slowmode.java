package dev.guildhall.core.channels;

import dev.guildhall.core.auth.Principal;
import dev.guildhall.core.errors.SlowmodeRateLimited;
import dev.guildhall.core.permissions.Permissions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * Slowmode ({@code rate_limit_per_user} of a channel or thread): a user may send one message and start one thread
 * per interval; bots and holders of BYPASS_SLOWMODE in the channel are unaffected (Discord's rule since the
 * February 2026 permission split). The claim is a row per (channel, user, action) written in the action's
 * transaction: concurrent attempts of one user serialize on it, and an action that fails later in its transaction
 * claims nothing.
 */
public final class Slowmode {
    /** What the interval limits; each has its own. */
    public enum Action { MESSAGE, THREAD }

    private Slowmode() {
    }

    /** Claims the next interval of the action in the granted channel, or throws 20016 (429) with the time left. */
    public static void claim(Connection c, ChannelGrant grant, Principal sender, Action action, Instant now)
            throws SQLException {
        int seconds = grant.channel().rateLimitPerUser();
        if (seconds <= 0 || sender.isBot() || Permissions.has(grant.permissions(), Permissions.BYPASS_SLOWMODE)) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO slowmode_cooldowns (channel_id, user_id, action, next_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (channel_id, user_id, action) DO UPDATE SET next_at = EXCLUDED.next_at
                WHERE slowmode_cooldowns.next_at <= ?
                RETURNING next_at""")) {
            ps.setLong(1, grant.channel().id());
            ps.setLong(2, sender.userId());
            ps.setShort(3, (short) action.ordinal());
            ps.setTimestamp(4, Timestamp.from(now.plusSeconds(seconds)));
            ps.setTimestamp(5, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        throw new SlowmodeRateLimited(Duration.between(now, nextAt(c, grant.channel().id(), sender.userId(), action)));
    }

    private static Instant nextAt(Connection c, long channelId, long userId, Action action) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT next_at FROM slowmode_cooldowns WHERE channel_id = ? AND user_id = ? AND action = ?")) {
            ps.setLong(1, channelId);
            ps.setLong(2, userId);
            ps.setShort(3, (short) action.ordinal());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1).toInstant();
            }
        }
    }
}
