package dev.guildhall.core.messages;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.guildhall.core.auth.User;
import dev.guildhall.core.json.Json;

import java.time.Instant;

/**
 * A stored message. {@code nonce} is kept as text; {@code editedAt} is null until the author edits it.
 *
 * @param referenceId the message this one replies to (0 = not a reply)
 * @param referenced  that message when loaded and still there, else null
 * @param pinnedAt    when it was pinned, null when not pinned
 * @param extras      what an application's message carries (type, flags, webhook, components), null for others
 * @param mentions    whom it mentions
 * @param attachments its attachment objects (an array)
 */
public record Message(long id, long channelId, long guildId, User author, String content, String nonce, boolean tts,
                      Instant createdAt, Instant editedAt, long referenceId, Message referenced, Instant pinnedAt,
                      MessageExtras extras, Mentions mentions, ArrayNode attachments) {
    public Message(long id, long channelId, long guildId, User author, String content, String nonce, boolean tts,
                   Instant createdAt) {
        this(id, channelId, guildId, author, content, nonce, tts, createdAt, null, 0, null, null, null,
                Mentions.none(), Json.array());
    }

    public Message withMentions(Mentions newMentions) {
        return new Message(id, channelId, guildId, author, content, nonce, tts, createdAt, editedAt, referenceId,
                referenced, pinnedAt, extras, newMentions, attachments);
    }

    public Message withAttachments(ArrayNode newAttachments) {
        return new Message(id, channelId, guildId, author, content, nonce, tts, createdAt, editedAt, referenceId,
                referenced, pinnedAt, extras, mentions, newAttachments);
    }

    public Message withExtras(MessageExtras newExtras) {
        return new Message(id, channelId, guildId, author, content, nonce, tts, createdAt, editedAt, referenceId,
                referenced, pinnedAt, newExtras, mentions, attachments);
    }

    public Message withContent(String newContent, Instant edited) {
        return new Message(id, channelId, guildId, author, newContent, nonce, tts, createdAt, edited, referenceId,
                referenced, pinnedAt, extras, mentions, attachments);
    }

    public Message withReference(long refId, Message ref) {
        return new Message(id, channelId, guildId, author, content, nonce, tts, createdAt, editedAt, refId, ref,
                pinnedAt, extras, mentions, attachments);
    }

    public Message withPinnedAt(Instant pinned) {
        return new Message(id, channelId, guildId, author, content, nonce, tts, createdAt, editedAt, referenceId,
                referenced, pinned, extras, mentions, attachments);
    }
}
