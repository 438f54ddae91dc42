package dev.guildhall.core.voice;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.json.Json;

/**
 * A member's voice state in a guild (Discord's voice state object): which channel, held by which gateway session,
 * and the self mute/deaf flags. Server mute/deaf and suppress are not implemented yet and always false.
 *
 * @param joinedAtMillis when the user entered {@code channelId} (epoch ms)
 */
record VoiceState(long guildId, long channelId, long userId, String sessionId, boolean selfMute, boolean selfDeaf,
                  boolean selfVideo, long joinedAtMillis) {

    /** Discord's voice state object, without {@code member} (as GUILD_CREATE lists it). */
    ObjectNode json() {
        ObjectNode o = Json.object();
        o.put("guild_id", Json.id(guildId));
        o.put("channel_id", Json.id(channelId));
        o.put("user_id", Json.id(userId));
        o.put("session_id", sessionId);
        o.put("deaf", false);
        o.put("mute", false);
        o.put("self_deaf", selfDeaf);
        o.put("self_mute", selfMute);
        o.put("self_stream", false);
        o.put("self_video", selfVideo);
        o.put("suppress", false);
        o.putNull("request_to_speak_timestamp");
        return o;
    }

    /** The voice state after leaving: {@code channel_id} null, as the VOICE_STATE_UPDATE of a leave carries it. */
    ObjectNode leftJson() {
        ObjectNode o = json();
        o.putNull("channel_id");
        return o;
    }
}
