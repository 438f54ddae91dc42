package dev.guildhall.core.voice;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.json.Json;

/**
 * A member's voice state in a guild (Discord's voice state object): which channel, held by which gateway session,
 * the self mute/deaf flags, the server mute/deaf of the member and {@code suppress} (no SPEAK in the channel).
 *
 * @param joinedAtMillis when the user entered {@code channelId} (epoch ms)
 */
record VoiceState(long guildId, long channelId, long userId, String sessionId, boolean selfMute, boolean selfDeaf,
                  boolean selfVideo, long joinedAtMillis, boolean mute, boolean deaf, boolean suppress) {

    /** Whether the relay forwards this member's audio: not server-muted and allowed to SPEAK (Discord drops it). */
    boolean maySpeak() {
        return !mute && !suppress;
    }

    /** Whether the relay sends this member audio: neither server- nor self-deafened (a deafened client hears none). */
    boolean mayHear() {
        return !deaf && !selfDeaf;
    }

    VoiceState withServerFlags(boolean mute, boolean deaf) {
        return new VoiceState(guildId, channelId, userId, sessionId, selfMute, selfDeaf, selfVideo, joinedAtMillis,
                mute, deaf, suppress);
    }

    /** SPEAK in the channel was granted or revoked. */
    VoiceState withSuppress(boolean suppressed) {
        return new VoiceState(guildId, channelId, userId, sessionId, selfMute, selfDeaf, selfVideo, joinedAtMillis,
                mute, deaf, suppressed);
    }

    /** In another channel (moved by a moderator), where SPEAK may differ. */
    VoiceState movedTo(long channel, boolean suppressed, long nowMillis) {
        return new VoiceState(guildId, channel, userId, sessionId, selfMute, selfDeaf, selfVideo, nowMillis, mute,
                deaf, suppressed);
    }

    /** Discord's voice state object, without {@code member} (as GUILD_CREATE lists it). */
    ObjectNode json() {
        ObjectNode o = Json.object();
        o.put("guild_id", Json.id(guildId));
        o.put("channel_id", Json.id(channelId));
        o.put("user_id", Json.id(userId));
        o.put("session_id", sessionId);
        o.put("deaf", deaf);
        o.put("mute", mute);
        o.put("self_deaf", selfDeaf);
        o.put("self_mute", selfMute);
        o.put("self_stream", false);
        o.put("self_video", selfVideo);
        o.put("suppress", suppress);
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
