package dev.guildhall.core.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.auth.Principal;
import dev.guildhall.core.json.Json;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One identified gateway session (what READY's {@code session_id} names). It outlives its connection: every
 * dispatch is numbered and kept in a bounded replay buffer, whether or not a connection is attached, and the
 * attached connection is fed from that buffer by a cursor ({@code sentSeq}). A RESUME attaches a new connection
 * with the client's last {@code seq} as cursor, so the missed dispatches go out again with their original
 * {@code s}, followed by RESUMED.
 *
 * <p>Numbering and the buffer are guarded by this object's monitor; frames are only written on the attached
 * connection's event loop (a scheduled flush), in sequence order. A flush takes the entries past the cursor and
 * advances it under the monitor, then encodes and writes them after leaving it, so a publisher appending the next
 * dispatch never waits for a write; one flush at a time per connection (on its single event loop) keeps the order.
 * The buffered entries share their {@link Dispatch} with every other session, and with it the serialised
 * {@code d}: a session only adds its own {@code s} ({@link DispatchFrame}).
 */
public final class GatewaySession implements GuildEventBus.GuildEventListener, VoiceStateSession {
    /**
     * A numbered dispatch; {@code replayable} is false for RESUMED (sent once, never replayed). The payload of a
     * READY or GUILD_CREATE (large: whole member lists) is let go once written, so idle sessions do not hold it.
     */
    private static final class Entry {
        final long seq;
        final String type;
        final boolean replayable;
        final boolean withoutContent; // MESSAGE_CONTENT rules: strip when sending (keeps the shared dispatch buffered)
        Dispatch dispatch; // null once a heavy payload was sent

        Entry(long seq, String type, Dispatch dispatch, boolean replayable, boolean withoutContent) {
            this.seq = seq;
            this.type = type;
            this.dispatch = dispatch;
            this.replayable = replayable;
            this.withoutContent = withoutContent;
        }

        boolean heavy() {
            return "READY".equals(type) || "GUILD_CREATE".equals(type);
        }
    }

    private final String sessionId;
    private final Principal principal;
    private final int intents;
    private final int bufferLimit;
    private final ChannelVisibility visibility;
    private final Set<Long> guilds = ConcurrentHashMap.newKeySet();
    private volatile byte[] tokenHash; // of the token the last IDENTIFY or RESUME presented (revocation)

    // guarded by this
    private final ArrayDeque<Entry> buffer = new ArrayDeque<>();
    private final ArrayDeque<Dispatch> beforeReady = new ArrayDeque<>();
    private long sequence;
    private boolean ready;
    private boolean invalidated;
    private GatewayConnection connection;
    private long sentSeq;
    private boolean flushScheduled;
    private long detachCount;
    private long lastResumedSeq;
    private long heavyDroppedUpTo; // highest seq whose (READY / GUILD_CREATE) payload was let go after sending

    GatewaySession(String sessionId, Principal principal, int intents, int bufferLimit, ChannelVisibility visibility,
                   GatewayConnection connection) {
        this.sessionId = sessionId;
        this.visibility = visibility;
        this.principal = principal;
        this.intents = intents;
        this.bufferLimit = bufferLimit;
        this.connection = connection;
    }

    @Override
    public String sessionId() {
        return sessionId;
    }

    @Override
    public long userId() {
        return principal.userId();
    }

    public Principal principal() {
        return principal;
    }

    @Override
    public int intents() {
        return intents;
    }

    Set<Long> guilds() {
        return guilds;
    }

    byte[] tokenHash() {
        return tokenHash;
    }

    void tokenHash(byte[] hash) {
        this.tokenHash = hash;
    }

    /** Numbers READY and the GUILD_CREATEs, then whatever was dispatched meanwhile, and sends them. */
    synchronized void sendReady(ObjectNode readyData, Iterable<ObjectNode> guildCreates) {
        append("READY", readyData, true);
        for (ObjectNode g : guildCreates) {
            append("GUILD_CREATE", g, true);
        }
        ready = true;
        Dispatch d;
        while ((d = beforeReady.poll()) != null) {
            accept(d);
        }
        scheduleFlush();
    }

    @Override
    public boolean follows(long guildId) {
        return guilds.contains(guildId);
    }

    /** Closes the session's connection if it has one (the session itself stays resumable). */
    public void closeConnection(int code, String reason) {
        GatewayConnection c = connection();
        if (c != null) {
            c.close(code, reason);
        }
    }

    /** Sends one dispatch to this session only, in order with the others (e.g. GUILD_CREATE after a join). */
    @Override
    public void dispatchDirect(String type, ObjectNode data) {
        onDispatch(0, new Dispatch(type, data, 0, false, 0));
    }

    /**
     * Filters by intent, then by VIEW_CHANNEL (outside the monitor: a cache miss reads the database on the
     * publisher's thread), then numbers and buffers the dispatch.
     */
    @Override
    public void onDispatch(long guildId, Dispatch dispatch) {
        if (!wants(dispatch) || !visibility.admits(guildId, dispatch, principal.userId())) {
            return;
        }
        synchronized (this) {
            if (invalidated) {
                return;
            }
            if (!ready) {
                beforeReady.add(dispatch);
                return;
            }
            accept(dispatch);
            scheduleFlush();
        }
    }

    private boolean wants(Dispatch dispatch) {
        int required = Intents.required(dispatch);
        return required == 0 || (intents & required) != 0;
    }

    /** Applies MESSAGE_CONTENT, then numbers and buffers the dispatch. */
    private void accept(Dispatch dispatch) {
        boolean strip = dispatch.messageContent() && !canReadContent(dispatch.authorId());
        append(dispatch, true, strip);
    }

    private void append(String type, ObjectNode data, boolean replayable) {
        append(new Dispatch(type, data, 0, false, 0), replayable, false);
    }

    private void append(Dispatch dispatch, boolean replayable, boolean withoutContent) {
        buffer.addLast(new Entry(++sequence, dispatch.type(), dispatch, replayable, withoutContent));
        while (buffer.size() > bufferLimit) {
            buffer.removeFirst();
        }
    }

    /** Highest sequence number whose dispatch is no longer buffered (0: nothing evicted yet). */
    private long evictedUpTo() {
        Entry first = buffer.peekFirst();
        return first == null ? sequence : first.seq - 1;
    }

    /**
     * MESSAGE_CONTENT: users always see content; a bot sees it with the intent (its application's privileged flag
     * was checked at IDENTIFY) or for its own messages.
     */
    private boolean canReadContent(long authorId) {
        return !principal.isBot() || authorId == principal.userId() || (intents & Intents.MESSAGE_CONTENT) != 0;
    }

    private void scheduleFlush() {
        GatewayConnection c = connection;
        if (c == null || flushScheduled) {
            return;
        }
        flushScheduled = true;
        Runnable task = () -> flush(c);
        if (FlushBatch.defer(c.channel().eventLoop(), task, this::flushRejected)) {
            return; // submitted with the other sessions on the same event loop when the fan-out ends
        }
        try {
            c.channel().eventLoop().execute(task);
        } catch (RuntimeException rejected) {
            flushScheduled = false; // event loop shut down: the connection is going away
        }
    }

    /** The event loop refused a batched flush: it is shutting down, and the connection with it. */
    private synchronized void flushRejected() {
        flushScheduled = false;
    }

    /** A buffered dispatch taken for writing (with its dispatch: the entry may let go of a heavy one meanwhile). */
    private record Frame(Entry entry, Dispatch dispatch) {
    }

    /**
     * Writes every buffered dispatch past the cursor to the attached connection (its event loop): takes them and
     * advances the cursor under the monitor, encodes and writes them outside it.
     */
    private void flush(GatewayConnection c) {
        List<Frame> out;
        synchronized (this) {
            if (connection != c || invalidated) {
                return; // a flush for a connection that was replaced: the new one has its own
            }
            flushScheduled = false;
            if (sentSeq < evictedUpTo()) {
                // the connection fell further behind than the buffer reaches: it cannot get every event any more
                c.close(GatewayOp.CLOSE_UNKNOWN_ERROR, "Client is not reading.");
                invalidate();
                return;
            }
            int pending = (int) (sequence - sentSeq); // buffered seqs are contiguous, and sentSeq >= evictedUpTo
            if (pending <= 0) {
                return;
            }
            out = new ArrayList<>(pending);
            var it = buffer.descendingIterator();
            for (int i = 0; i < pending; i++) {
                Entry e = it.next();
                if (e.replayable || e.seq == lastResumedSeq) { // skip the RESUMED of an earlier resume
                    out.add(new Frame(e, e.dispatch));
                }
            }
            sentSeq = sequence;
        }
        long heavySent = 0;
        boolean wrote = false;
        for (int i = out.size() - 1; i >= 0; i--) {
            Frame f = out.get(i);
            Entry e = f.entry();
            if (!c.writeDispatch(f.dispatch().encoded(e.withoutContent), e.seq, e.type, false)) {
                break; // the connection is gone or dropped: a RESUME starts again from the client's seq
            }
            wrote = true;
            if (e.heavy()) {
                heavySent = e.seq;
            }
        }
        if (wrote) {
            c.flush();
        }
        if (heavySent > 0) {
            letGoOfHeavy(c, heavySent);
        }
    }

    /**
     * READY and GUILD_CREATE payloads up to {@code seq} went out on {@code c}: let them go (a RESUME before them is
     * refused from now on). Kept if a RESUME attached another connection meanwhile: it may be replaying them.
     */
    private synchronized void letGoOfHeavy(GatewayConnection c, long seq) {
        if (connection != c) {
            return;
        }
        for (Entry e : buffer) {
            if (e.seq > seq) {
                break;
            }
            if (e.heavy()) {
                e.dispatch = null;
            }
        }
        heavyDroppedUpTo = Math.max(heavyDroppedUpTo, seq);
    }

    /**
     * Attaches a resuming connection: the dispatches after {@code seq} are replayed, then RESUMED is sent. Fails
     * when the session was invalidated or {@code seq} is outside what the buffer still holds. The result names the
     * connection that was attached before, if any (the caller closes it).
     */
    synchronized ResumeResult resume(GatewayConnection c, long seq) {
        // RESUMED is appended after the replay: if the buffer is full it pushes out one more entry
        long reach = evictedUpTo() + (buffer.size() >= bufferLimit ? 1 : 0);
        if (invalidated || !ready || seq < reach || seq < heavyDroppedUpTo || seq > sequence) {
            return new ResumeResult(false, null);
        }
        GatewayConnection previous = connection;
        connection = c;
        detachCount++;
        sentSeq = seq;
        c.session(this);
        ObjectNode resumed = Json.object();
        resumed.putArray("_trace").add("guildhall-gateway");
        append("RESUMED", resumed, false);
        lastResumedSeq = sequence;
        flushScheduled = false;
        scheduleFlush();
        return new ResumeResult(true, previous == c ? null : previous);
    }

    record ResumeResult(boolean resumed, GatewayConnection replaced) {
    }

    /**
     * The connection went away. Returns a token identifying this detachment (for the expiry check), or -1 if the
     * connection was not (or no longer) the attached one.
     */
    synchronized long detach(GatewayConnection c) {
        if (connection != c || invalidated) {
            return -1;
        }
        connection = null;
        return ++detachCount;
    }

    /** True (and the session is invalidated) if it is still detached since the given {@link #detach}. */
    synchronized boolean expireIf(long detachToken) {
        if (invalidated || connection != null || detachCount != detachToken) {
            return false;
        }
        invalidate();
        return true;
    }

    synchronized boolean isAttached() {
        return connection != null;
    }

    synchronized GatewayConnection connection() {
        return connection;
    }

    /** Ends the session for good: nothing more is buffered and it cannot be resumed. */
    synchronized void invalidate() {
        invalidated = true;
        buffer.clear();
        beforeReady.clear();
    }

    synchronized boolean isInvalidated() {
        return invalidated;
    }

    /** Dispatches numbered so far (tests, metrics). */
    synchronized long sequence() {
        return sequence;
    }
}
