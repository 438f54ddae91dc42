package dev.guildhall.core.gateway;

import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * Fans guild events out to the gateway sessions subscribed to a guild. {@link InProcessGuildEventBus} works within
 * one process; with gateway nodes the primary wraps it ({@link GatewayLinkServer#bus}) so every publish and every
 * permission change also goes, in order, to each node, where the node's own in-process bus fans it out.
 */
public interface GuildEventBus {
    void subscribe(long guildId, GuildEventListener listener);

    void unsubscribe(long guildId, GuildEventListener listener);

    /** Delivers a dispatch to every listener of the guild (after the state change has committed). */
    void publish(long guildId, Dispatch dispatch);

    /**
     * Runs a transaction that changes who may view the guild's channels (roles, member roles, timeouts, overwrites,
     * membership, private-thread membership, channel deletion) as a {@link ChannelVisibility#permissionChange}: from
     * before it starts until after it has committed, the guild's channel dispatches are checked against the database,
     * so nothing committed after a deny reaches the denied member through a cached answer. Publish the change's
     * dispatches after it returns.
     */
    <T> T permissionChange(long guildId, Supplier<T> transaction);

    /**
     * Called with the guild id after each {@link #permissionChange} committed, on its thread and before it returns
     * (what depends on permissions outside the database, e.g. voice {@code suppress}, follows within the request).
     */
    void onPermissionChange(LongConsumer listener);

    /** Number of listeners across all guilds (metrics). */
    int subscriptionCount();

    /** Receives dispatches of the guilds it subscribed to. Must not block. */
    interface GuildEventListener {
        void onDispatch(long guildId, Dispatch dispatch);
    }
}
