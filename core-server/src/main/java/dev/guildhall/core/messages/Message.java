package dev.guildhall.core.messages;

import dev.guildhall.core.auth.User;

import java.time.Instant;

/** A stored message. {@code nonce} is kept as text. */
public record Message(long id, long channelId, long guildId, User author, String content, String nonce, boolean tts,
                      Instant createdAt) {
}
