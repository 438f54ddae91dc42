package dev.guildhall.core.automod;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * The content version of each message that waits for a stream verdict ({@code automod_pending_verdicts}, V28):
 * written in the transaction that stores the message or its edit, read and removed by {@link LateVerdicts}.
 */
public final class PendingVerdicts {
    private PendingVerdicts() {
    }

    /**
     * Records what AutoMod's screening means for the content just stored, in the storing transaction: a
     * {@link Screening#modelPending() pending} message or edit waits for the stream verdict on this content version
     * ({@code editedAt}: the edit, null for the content the message was posted with); an edit decided inline ends
     * the wait for any earlier version (its content is gone).
     */
    public static void contentStored(Connection c, long messageId, Instant editedAt, Screening screening)
            throws SQLException {
        if (screening.modelPending()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO automod_pending_verdicts (message_id, content_version) VALUES (?, ?)
                    ON CONFLICT (message_id) DO UPDATE
                    SET content_version = excluded.content_version, pending_since = now()""")) {
                ps.setLong(1, messageId);
                ps.setTimestamp(2, editedAt == null ? null : Timestamp.from(editedAt));
                ps.executeUpdate();
            }
        } else if (editedAt != null) {
            remove(c, messageId);
        }
    }

    /**
     * The version of the message's content that waits for a verdict, as epoch ms of its edit (0: the content it
     * was posted with); empty when none waits.
     */
    static Optional<Long> waiting(Connection c, long messageId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT content_version FROM automod_pending_verdicts WHERE message_id = ?")) {
            ps.setLong(1, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Timestamp t = rs.getTimestamp(1);
                return Optional.of(t == null ? 0L : t.toInstant().toEpochMilli());
            }
        }
    }

    /** How many content versions wait for a stream verdict, and the age in seconds of the oldest (0 when none). */
    record Waiting(long versions, double oldestSeconds) {
    }

    static Waiting summary(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT count(*), coalesce(extract(epoch FROM now() - min(pending_since)), 0)
                FROM automod_pending_verdicts""");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new Waiting(rs.getLong(1), rs.getDouble(2));
        }
    }

    static void remove(Connection c, long messageId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM automod_pending_verdicts WHERE message_id = ?")) {
            ps.setLong(1, messageId);
            ps.executeUpdate();
        }
    }
}
