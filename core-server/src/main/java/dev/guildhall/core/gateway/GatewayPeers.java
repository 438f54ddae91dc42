package dev.guildhall.core.gateway;

/**
 * The other gateway nodes, as the primary's {@link GatewayHub} sees them: what it does for its own sessions besides
 * guild publishes (those travel through the {@link GuildEventBus}) is repeated to them, in the same order.
 */
public interface GatewayPeers {
    /** The user joined the guild: its sessions subscribe and get GUILD_CREATE (GUILD_MEMBER_ADD went on the bus). */
    void memberJoined(long guildId, long userId);

    void memberRemoved(long guildId, long userId);

    void guildDeleted(long guildId);

    /** {@link UserDispatcher#dispatchToUser}. */
    void dispatchToUser(long guildId, long userId, Dispatch dispatch, int skipIntent);

    /** {@link GatewayHub#dispatchToUser(long, Dispatch)}. */
    void dispatchToUser(long userId, Dispatch dispatch);

    /** {@link GatewayHub#tokensRevoked}. */
    void tokensRevoked(long userId, byte[] tokenHash);

    /**
     * The gateway URL of the linked node serving the fewest connections (as the nodes last reported them), or null
     * when no node is linked: where {@code GET /gateway} sends new clients.
     */
    default String leastLoadedNode() {
        return null;
    }

    /** A single-node deployment. */
    GatewayPeers NONE = new GatewayPeers() {
        @Override
        public void memberJoined(long guildId, long userId) {
        }

        @Override
        public void memberRemoved(long guildId, long userId) {
        }

        @Override
        public void guildDeleted(long guildId) {
        }

        @Override
        public void dispatchToUser(long guildId, long userId, Dispatch dispatch, int skipIntent) {
        }

        @Override
        public void dispatchToUser(long userId, Dispatch dispatch) {
        }

        @Override
        public void tokensRevoked(long userId, byte[] tokenHash) {
        }
    };
}
