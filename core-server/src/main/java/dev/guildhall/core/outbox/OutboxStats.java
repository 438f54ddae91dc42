package dev.guildhall.core.outbox;

import dev.guildhall.core.db.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** Pending rows and lag of the outbox, read from PostgreSQL at most once a second (for the gauges). */
final class OutboxStats {
    private static final long CACHE_NANOS = 1_000_000_000L;

    private final Database db;
    private long readAt = System.nanoTime() - 2 * CACHE_NANOS;
    private double pending;
    private double lagSeconds;

    OutboxStats(Database db) {
        this.db = db;
    }

    synchronized double pendingRows() {
        refresh();
        return pending;
    }

    synchronized double oldestPendingAgeSeconds() {
        refresh();
        return lagSeconds;
    }

    private void refresh() {
        if (System.nanoTime() - readAt < CACHE_NANOS) {
            return;
        }
        readAt = System.nanoTime();
        try {
            db.read(c -> {
                try (PreparedStatement ps = c.prepareStatement("""
                        SELECT count(*), coalesce(extract(epoch FROM now() - min(created_at)), 0)
                          FROM outbox WHERE sent_at IS NULL""");
                     ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    pending = rs.getLong(1);
                    lagSeconds = rs.getDouble(2);
                }
                return null;
            });
        } catch (RuntimeException e) {
            pending = Double.NaN;
            lagSeconds = Double.NaN;
        }
    }
}
