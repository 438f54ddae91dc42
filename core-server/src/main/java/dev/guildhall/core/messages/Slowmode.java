package dev.guildhall.core.messages;

import dev.guildhall.core.auth.Principal;
import dev.guildhall.core.channels.ChannelGrant;
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
 * Slowmode ({@code rate_limit_per_user} of a channel or thread): a user may send one message per interval; bots and
 * holders of BYPASS_SLOWMODE in the channel are unaffected (Discord's rule since the February 2026 permission split).
 * The claim is a row per (channel, user) written in the send transaction: concurrent sends of one user serialize on
 * it, and a send that fails later in its transaction claims nothing.
 */
final class Slowmode {
    private Slowmode() {
    }

    /** Claims the next interval for the sender, or throws 20016 (429) with the time left. */
    static void claim(Connection c, ChannelGrant grant, Principal sender, Instant now) throws SQLException {
        int seconds = grant.channel().rateLimitPerUser();
        if (seconds <= 0 || sender.isBot() || Permissions.has(grant.permissions(), Permissions.BYPASS_SLOWMODE)) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO slowmode_cooldowns (channel_id, user_id, next_at) VALUES (?, ?, ?)
                ON CONFLICT (channel_id, user_id) DO UPDATE SET next_at = EXCLUDED.next_at
                WHERE slowmode_cooldowns.next_at <= ?
                RETURNING next_at""")) {
            ps.setLong(1, grant.channel().id());
            ps.setLong(2, sender.userId());
            ps.setTimestamp(3, Timestamp.from(now.plusSeconds(seconds)));
            ps.setTimestamp(4, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        throw new SlowmodeRateLimited(Duration.between(now, nextAt(c, grant.channel().id(), sender.userId())));
    }

    private static Instant nextAt(Connection c, long channelId, long userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT next_at FROM slowmode_cooldowns WHERE channel_id = ? AND user_id = ?")) {
            ps.setLong(1, channelId);
            ps.setLong(2, userId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1).toInstant();
            }
        }
    }
}
