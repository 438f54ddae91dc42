package dev.guildhall.core.gateway;

/**
 * Fans guild events out to the gateway sessions subscribed to a guild. The skeleton's implementation
 * ({@link InProcessGuildEventBus}) works within one node; a multi-node implementation replaces it behind this
 * interface.
 */
public interface GuildEventBus {
    void subscribe(long guildId, GuildEventListener listener);

    void unsubscribe(long guildId, GuildEventListener listener);

    /** Delivers a dispatch to every listener of the guild (after the state change has committed). */
    void publish(long guildId, Dispatch dispatch);

    /** Number of listeners across all guilds (metrics). */
    int subscriptionCount();

    /** Receives dispatches of the guilds it subscribed to. Must not block. */
    interface GuildEventListener {
        void onDispatch(long guildId, Dispatch dispatch);
    }
}
