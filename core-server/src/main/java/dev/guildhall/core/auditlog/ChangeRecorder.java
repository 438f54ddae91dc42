package dev.guildhall.core.auditlog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.json.Json;
import dev.guildhall.core.outbox.OutboxWriter;
import dev.guildhall.events.EventCodec;
import dev.guildhall.events.Snowflakes;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Records a guild change inside the caller's transaction: its audit log entry and its outbox event, so both exist
 * exactly when the change committed. Call {@link #committed()} after the commit to wake the outbox relay and send
 * GUILD_AUDIT_LOG_ENTRY_CREATE for the entries this thread wrote (only those that did commit are sent).
 */
public final class ChangeRecorder {
    private final Snowflakes ids;
    private final OutboxWriter outbox;
    private final String source;
    private final AuditLogDispatcher dispatcher;
    /** Entries written on this thread since its last {@link #committed()} (transactions run on the caller). */
    private final ThreadLocal<List<AuditEntry>> written = ThreadLocal.withInitial(ArrayList::new);

    public ChangeRecorder(Snowflakes ids, OutboxWriter outbox, String source, AuditLogDispatcher dispatcher) {
        this.ids = ids;
        this.outbox = outbox;
        this.source = source;
        this.dispatcher = dispatcher;
    }

    /** Appends an event of the contract for the guild to the outbox. */
    public void event(Connection c, long guildId, Instant at, Record payload) throws SQLException {
        outbox.append(c, EventCodec.wrap(ids, source, Json.id(guildId), at.toEpochMilli(), payload));
    }

    /** Writes an audit log entry; returns its id. */
    public long audit(Connection c, long guildId, long actorId, int actionType, long targetId, AuditChanges changes,
                      ObjectNode options, String reason) throws SQLException {
        long id = ids.next();
        AuditEntry entry = new AuditEntry(id, guildId, actorId, actionType, targetId,
                changes == null ? null : changes.json(), options, reason);
        AuditLogStore.insert(c, entry);
        written.get().add(entry);
        return id;
    }

    /** A fresh snowflake (new roles). */
    public long nextId() {
        return ids.next();
    }

    public void committed() {
        outbox.committed();
        List<AuditEntry> entries = written.get();
        if (!entries.isEmpty()) {
            List<AuditEntry> batch = List.copyOf(entries);
            entries.clear();
            dispatcher.publish(batch);
        }
    }
}
