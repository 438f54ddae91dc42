package dev.guildhall.events.payload;

/**
 * A user left a voice channel (op 4 with another or no channel, the gateway session ended, or the user left the
 * guild) (type {@code voice.session.left}, topic {@code guildhall.voice.sessions}, key = guild id).
 *
 * @param reason     {@code left}, {@code moved}, {@code session_replaced}, {@code session_ended}, {@code guild_left} or
 *                   {@code disconnected} (by a moderator)
 * @param durationMs time spent in the channel
 * @param leftAt     epoch ms
 */
public record VoiceSessionLeft(String channelId, String userId, String sessionId, String region, String voiceServer,
                               String reason, long durationMs, long leftAt) {
}
