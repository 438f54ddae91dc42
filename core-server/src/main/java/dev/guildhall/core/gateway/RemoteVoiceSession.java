package dev.guildhall.core.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.function.Consumer;

/**
 * On the primary, a gateway node's session as the voice feature sees it: its direct dispatches (VOICE_SERVER_UPDATE,
 * VOICE_STATE_UPDATE where its intents miss the guild-wide one) go back over the node's link as {@code sd} frames,
 * which the node hands to the session. {@link #follows} is true: the node checked the guild before forwarding, and
 * the voice feature still requires membership and CONNECT.
 */
final class RemoteVoiceSession implements VoiceStateSession {
    private final String sessionId;
    private final long userId;
    private final int intents;
    private final Consumer<ObjectNode> link;

    RemoteVoiceSession(String sessionId, long userId, int intents, Consumer<ObjectNode> link) {
        this.sessionId = sessionId;
        this.userId = userId;
        this.intents = intents;
        this.link = link;
    }

    @Override
    public String sessionId() {
        return sessionId;
    }

    @Override
    public long userId() {
        return userId;
    }

    @Override
    public int intents() {
        return intents;
    }

    @Override
    public boolean follows(long guildId) {
        return true;
    }

    @Override
    public void dispatchDirect(String type, ObjectNode data) {
        ObjectNode f = LinkFrames.frame("sd").put("s", sessionId).put("type", type);
        f.set("d", data);
        link.accept(f);
    }
}
