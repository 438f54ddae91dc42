package dev.guildhall.events.payload;

/**
 * A user joined (or moved into) a voice channel through gateway op 4 (type {@code voice.session.joined}, topic
 * {@code guildhall.voice.sessions}, key = guild id). Published straight from core-server, not through the outbox:
 * voice states live in gateway memory, not in PostgreSQL (like presence).
 *
 * @param sessionId   the gateway session holding the voice state
 * @param region      region of the voice server chosen for the connection
 * @param voiceServer id of that voice server
 * @param joinedAt    epoch ms
 */
public record VoiceSessionJoined(String channelId, String userId, String sessionId, String region,
                                 String voiceServer, long joinedAt) {
}
