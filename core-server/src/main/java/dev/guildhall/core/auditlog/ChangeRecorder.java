package dev.guildhall.core.auditlog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.json.Json;
import dev.guildhall.core.outbox.OutboxWriter;
import dev.guildhall.events.EventCodec;
import dev.guildhall.events.Snowflakes;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Records a guild change inside the caller's transaction: its audit log entry and its outbox event, so both exist
 * exactly when the change committed. Call {@link #committed()} after the commit to wake the outbox relay.
 */
public final class ChangeRecorder {
    private final Snowflakes ids;
    private final OutboxWriter outbox;
    private final String source;

    public ChangeRecorder(Snowflakes ids, OutboxWriter outbox, String source) {
        this.ids = ids;
        this.outbox = outbox;
        this.source = source;
    }

    /** Appends an event of the contract for the guild to the outbox. */
    public void event(Connection c, long guildId, Instant at, Record payload) throws SQLException {
        outbox.append(c, EventCodec.wrap(ids, source, Json.id(guildId), at.toEpochMilli(), payload));
    }

    /** Writes an audit log entry; returns its id. */
    public long audit(Connection c, long guildId, long actorId, int actionType, long targetId, AuditChanges changes,
                      ObjectNode options, String reason) throws SQLException {
        long id = ids.next();
        AuditLogStore.insert(c, new AuditEntry(id, guildId, actorId, actionType, targetId,
                changes == null ? null : changes.json(), options, reason));
        return id;
    }

    /** A fresh snowflake (new roles). */
    public long nextId() {
        return ids.next();
    }

    public void committed() {
        outbox.committed();
    }
}
