package dev.guildhall.core.threads;

import dev.guildhall.core.channels.ChannelGrant;
import dev.guildhall.core.errors.ThreadArchived;
import dev.guildhall.core.errors.ThreadLocked;
import dev.guildhall.core.gateway.GuildEventBus;
import dev.guildhall.core.json.Json;
import dev.guildhall.core.outbox.OutboxWriter;
import dev.guildhall.core.permissions.Permissions;
import dev.guildhall.events.Snowflakes;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * What sending a message does to a thread (called by the message service inside its send transaction): a locked
 * thread takes messages only from MANAGE_THREADS holders (160005, or 50083 when it is also archived); the message
 * counts (message_count, total_message_sent) and is activity for the auto-archive clock; an archived thread is
 * unarchived, with a {@code thread.updated} event and THREAD_UPDATE after the commit.
 */
public final class ThreadActivity {
    private final Snowflakes ids;
    private final OutboxWriter outbox;
    private final GuildEventBus bus;
    private final String source;

    public ThreadActivity(Snowflakes ids, OutboxWriter outbox, GuildEventBus bus, String source) {
        this.ids = ids;
        this.outbox = outbox;
        this.bus = bus;
        this.source = source;
    }

    /** In the send transaction; the thread when the message unarchived it (announce it after commit), else null. */
    public GuildThread messageSent(Connection c, ChannelGrant grant, long authorId, Instant now) throws SQLException {
        if (!grant.channel().isThread()) {
            return null;
        }
        GuildThread t = ThreadStore.findForUpdate(c, grant.channel().id());
        ThreadMeta m = t.meta();
        if (m.locked() && !Permissions.has(grant.permissions(), Permissions.MANAGE_THREADS)) {
            throw m.archived() ? new ThreadArchived() : new ThreadLocked();
        }
        ThreadStore.messageSent(c, t.id(), now);
        if (!m.archived()) {
            return null;
        }
        ThreadStore.updateMeta(c, t.id(), new ThreadMeta(m.ownerId(), false, now, m.autoArchiveDuration(),
                m.locked(), m.invitable(), m.createTimestamp(), now, m.messageCount(), m.totalMessageSent(),
                m.memberCount()));
        GuildThread unarchived = ThreadStore.find(c, t.id());
        outbox.append(c, ThreadService.updatedEvent(ids, source, unarchived, Json.id(authorId), now));
        return unarchived;
    }

    /**
     * Editing messages and adding reactions in a thread: refused in an archived thread (50083) and, for users without
     * MANAGE_THREADS, in a locked one (160005). No-op for other channels.
     */
    public void requireWritable(Connection c, ChannelGrant grant) throws SQLException {
        if (!grant.channel().isThread()) {
            return;
        }
        ThreadMeta m = ThreadStore.find(c, grant.channel().id()).meta();
        if (m.archived()) {
            throw new ThreadArchived();
        }
        if (m.locked() && !Permissions.has(grant.permissions(), Permissions.MANAGE_THREADS)) {
            throw new ThreadLocked();
        }
    }

    /** After the commit of a send that unarchived the thread. */
    public void announceUnarchived(GuildThread t) {
        ThreadDispatches.updated(bus, t);
    }
}
