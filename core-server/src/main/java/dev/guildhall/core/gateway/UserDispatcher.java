package dev.guildhall.core.gateway;

/**
 * Delivers a dispatch to one user's gateway sessions rather than to a whole guild (e.g. THREAD_MEMBER_UPDATE, which
 * only the member itself receives). The caller has decided who may receive it, so the dispatch should carry
 * channelId 0; intents still apply.
 */
public interface UserDispatcher {
    /**
     * @param skipIntent sessions that hold this intent are skipped (they receive the event through the guild
     *                   publish); 0 = none skipped
     */
    void dispatchToUser(long guildId, long userId, Dispatch dispatch, int skipIntent);
}
