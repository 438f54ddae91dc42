package dev.guildhall.core.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * Single-node fan-out: a concurrent map from guild id to its listeners, called on the publisher's thread in
 * publish order (so per guild, sessions see dispatches in commit-then-publish order).
 */
public final class InProcessGuildEventBus implements GuildEventBus {
    private static final Logger LOG = LoggerFactory.getLogger(InProcessGuildEventBus.class);

    private final Map<Long, Set<GuildEventListener>> listeners = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final ChannelVisibility visibility;
    private final List<LongConsumer> permissionListeners = new CopyOnWriteArrayList<>();

    /** @param visibility told about every dispatch before its fan-out (permission changes invalidate its cache) */
    public InProcessGuildEventBus(ChannelVisibility visibility) {
        this.visibility = visibility;
    }

    @Override
    public void subscribe(long guildId, GuildEventListener listener) {
        if (listeners.computeIfAbsent(guildId, k -> ConcurrentHashMap.newKeySet()).add(listener)) {
            count.incrementAndGet();
        }
    }

    @Override
    public void unsubscribe(long guildId, GuildEventListener listener) {
        listeners.computeIfPresent(guildId, (k, set) -> {
            if (set.remove(listener)) {
                count.decrementAndGet();
            }
            return set.isEmpty() ? null : set;
        });
    }

    @Override
    public void publish(long guildId, Dispatch dispatch) {
        visibility.observe(guildId, dispatch);
        Set<GuildEventListener> set = listeners.get(guildId);
        if (set == null) {
            return;
        }
        // the sessions' flushes go out as one task per event loop once every session has the dispatch
        FlushBatch.around(() -> {
            for (GuildEventListener l : set) {
                try {
                    l.onDispatch(guildId, dispatch);
                } catch (RuntimeException e) {
                    LOG.warn("event=dispatch_failed guild_id={} type={} error={}", guildId, dispatch.type(),
                            e.toString());
                }
            }
        });
    }

    @Override
    public <T> T permissionChange(long guildId, Supplier<T> transaction) {
        T result;
        try (ChannelVisibility.PermissionChange change = visibility.permissionChange(guildId)) {
            result = transaction.get();
        }
        for (LongConsumer l : permissionListeners) {
            try {
                l.accept(guildId);
            } catch (RuntimeException e) {
                LOG.error("event=permission_listener_failed guild_id={} error={}", guildId, e.toString(), e);
            }
        }
        return result;
    }

    @Override
    public void onPermissionChange(LongConsumer listener) {
        permissionListeners.add(listener);
    }

    @Override
    public int subscriptionCount() {
        return count.get();
    }
}
