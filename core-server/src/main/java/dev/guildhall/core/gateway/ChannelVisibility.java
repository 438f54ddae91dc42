package dev.guildhall.core.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides whether a user's sessions receive a channel's dispatches (VIEW_CHANNEL), answering from a cache keyed
 * (user, channel) so a busy channel does not cost a database query per delivery.
 *
 * <p>Correctness under races rests on a version per guild:
 * <ul>
 *   <li>Every cached answer carries the guild's version from <em>before</em> its database read started; it is only
 *       used while the guild still has that version, and only stored if the version did not move during the read.
 *       A read that raced a permission change therefore never survives the change's invalidation.</li>
 *   <li>{@link #invalidate} gives the guild a fresh version (O(1); old entries age out of the bounded cache). The
 *       bus calls it through {@link #observe} for every permission-affecting dispatch <em>before</em> that dispatch is
 *       fanned out, so nothing delivered after the change is judged by an answer from before it.</li>
 *   <li>Between a change's commit and the publish of its dispatch a cached "true" could still be used. Code that
 *       changes permissions closes that window with {@link #permissionChange}: while a change is in flight the
 *       guild's answers come from the database (not stored), and its end invalidates. Opened before the
 *       transaction and closed after commit, a deny that committed is never outrun by a cached "true".</li>
 * </ul>
 */
public final class ChannelVisibility {
    /** Dispatches after which the guild's cached answers may be wrong. */
    static final Set<String> PERMISSION_AFFECTING = Set.of(
            "CHANNEL_CREATE", "CHANNEL_UPDATE", "CHANNEL_DELETE",
            "GUILD_ROLE_CREATE", "GUILD_ROLE_UPDATE", "GUILD_ROLE_DELETE",
            "GUILD_MEMBER_ADD", "GUILD_MEMBER_UPDATE", "GUILD_MEMBER_REMOVE",
            "THREAD_CREATE", "THREAD_UPDATE", "THREAD_DELETE", "THREAD_MEMBERS_UPDATE", "THREAD_MEMBER_UPDATE",
            "GUILD_UPDATE", "GUILD_DELETE");

    /**
     * Deletes are delivered to the whole guild: the channel is gone, so VIEW_CHANNEL can no longer be computed, and
     * the sessions that saw it must learn that it went away.
     */
    static final Set<String> DELETES = Set.of("CHANNEL_DELETE", "THREAD_DELETE");

    /** Reads the answer from the database. */
    @FunctionalInterface
    public interface Source {
        boolean canView(long channelId, long userId);
    }

    private record Key(long userId, long channelId) {
    }

    private record Answer(boolean visible, long version) {
    }

    private static final class GuildState {
        volatile long version;
        int inFlight; // guarded by this

        GuildState(long version) {
            this.version = version;
        }
    }

    private final Source source;
    private final Cache<Key, Answer> answers;
    private final ConcurrentHashMap<Long, GuildState> guilds = new ConcurrentHashMap<>();
    /** Versions come from one counter, so a guild's version never repeats (even if its state is dropped). */
    private final AtomicLong versions = new AtomicLong();

    public ChannelVisibility(Source source) {
        this(source, 500_000, Duration.ofMinutes(10));
    }

    ChannelVisibility(Source source, long maxEntries, Duration idle) {
        this.source = source;
        this.answers = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterAccess(idle).build();
    }

    private GuildState state(long guildId) {
        return guilds.computeIfAbsent(guildId, g -> new GuildState(versions.incrementAndGet()));
    }

    /** Whether the user may view the channel (of the given guild); cached. */
    public boolean canView(long guildId, long channelId, long userId) {
        GuildState g = state(guildId);
        long version;
        synchronized (g) {
            version = g.inFlight > 0 ? -1 : g.version;
        }
        Key key = new Key(userId, channelId);
        if (version >= 0) {
            Answer cached = answers.getIfPresent(key);
            if (cached != null && cached.version() == version) {
                return cached.visible();
            }
        }
        boolean visible = source.canView(channelId, userId);
        if (version >= 0) {
            synchronized (g) {
                if (g.inFlight == 0 && g.version == version) {
                    answers.put(key, new Answer(visible, version));
                }
            }
        }
        return visible;
    }

    /** Drops every cached answer of the guild. */
    public void invalidate(long guildId) {
        GuildState g = state(guildId);
        synchronized (g) {
            g.version = versions.incrementAndGet();
        }
    }

    /** Called by the bus before a dispatch is fanned out: invalidates when the dispatch may change permissions. */
    public void observe(long guildId, Dispatch dispatch) {
        if (PERMISSION_AFFECTING.contains(dispatch.type())) {
            invalidate(guildId);
        }
    }

    /**
     * Opens a permission change in the guild: until it is closed, answers for the guild are read from the
     * database and not cached; closing invalidates. Open it before the transaction, close it after the commit and
     * before publishing (try-with-resources).
     */
    public PermissionChange permissionChange(long guildId) {
        GuildState g = state(guildId);
        synchronized (g) {
            g.inFlight++;
            g.version = versions.incrementAndGet();
        }
        return new PermissionChange(this, g);
    }

    private void end(GuildState g) {
        synchronized (g) {
            g.inFlight--;
            g.version = versions.incrementAndGet();
        }
    }

    /** An open permission change (see {@link #permissionChange}). */
    public static final class PermissionChange implements AutoCloseable {
        private final ChannelVisibility owner;
        private final GuildState guild;
        private boolean closed;

        private PermissionChange(ChannelVisibility owner, GuildState guild) {
            this.owner = owner;
            this.guild = guild;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                owner.end(guild);
            }
        }
    }

    /** Whether a dispatch reaches a user (guild-wide dispatches and deletes always do). */
    boolean admits(long guildId, Dispatch dispatch, long userId) {
        if (dispatch.channelId() == 0 || guildId == 0 || DELETES.contains(dispatch.type())) {
            return true;
        }
        return canView(guildId, dispatch.channelId(), userId);
    }
}
