package dev.guildhall.core.outbox;

import dev.guildhall.events.EventCodec;
import dev.guildhall.events.EventEnvelope;
import dev.guildhall.events.EventType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Appends an event to the outbox inside the caller's transaction: the event exists if and only if the state
 * change committed. The relay is woken after commit via {@link #committed()}.
 */
public final class OutboxWriter {
    private volatile Runnable wakeup = () -> { };

    /** Called by the relay so writers can nudge it after a commit. */
    public void onCommitted(Runnable wakeup) {
        this.wakeup = wakeup;
    }

    /** Writes the envelope; topic from its type, Kafka key = guild id. */
    public void append(Connection c, EventEnvelope envelope) throws SQLException {
        String topic = EventType.fromWireName(envelope.type())
                .orElseThrow(() -> new IllegalArgumentException("unknown event type " + envelope.type()))
                .topic();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO outbox (event_id, topic, record_key, payload) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, envelope.eventId());
            ps.setString(2, topic);
            ps.setString(3, envelope.guildId());
            ps.setBytes(4, EventCodec.encode(envelope));
            ps.executeUpdate();
        }
    }

    /** Tell the relay that new rows are committed (best effort; it also polls). */
    public void committed() {
        wakeup.run();
    }
}
