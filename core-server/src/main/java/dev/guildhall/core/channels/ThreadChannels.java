package dev.guildhall.core.channels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.auth.Principal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * What the channel routes hand over when the target of {@code GET}, {@code PATCH} or {@code DELETE /channels/{id}}
 * is a thread (types 10, 11, 12): threads have their own fields (archived, locked, invitable, auto_archive_duration)
 * and their own permission rules (MANAGE_THREADS, the thread owner) and dispatch THREAD_* instead of CHANNEL_*.
 */
public interface ThreadChannels {

    /** The thread channel object for {@code GET /channels/{id}}, with the caller's thread member when joined. */
    ObjectNode view(Principal caller, Channel thread);

    /** Modifies a thread; returns the thread channel object. */
    ObjectNode modify(Principal caller, Channel thread, JsonNode body);

    /** Deletes a thread; returns the deleted thread channel object. */
    ObjectNode delete(Principal caller, Channel thread);

    /**
     * In the transaction that deletes a channel: deletes the channel's threads and writes their {@code thread.deleted}
     * events; the returned action sends their THREAD_DELETE after the commit.
     */
    Runnable deleteThreadsOf(Connection c, Channel parent, long actorId, Instant at) throws SQLException;
}
