package dev.guildhall.core.messages;

import dev.guildhall.core.auth.User;

import java.time.Instant;

/** A stored message. {@code nonce} is kept as text; {@code editedAt} is null until the author edits it. */
public record Message(long id, long channelId, long guildId, User author, String content, String nonce, boolean tts,
                      Instant createdAt, Instant editedAt) {
    public Message(long id, long channelId, long guildId, User author, String content, String nonce, boolean tts,
                   Instant createdAt) {
        this(id, channelId, guildId, author, content, nonce, tts, createdAt, null);
    }
}
