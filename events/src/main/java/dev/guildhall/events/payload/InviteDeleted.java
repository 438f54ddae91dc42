package dev.guildhall.events.payload;

/**
 * An invite was deleted (type {@code invite.deleted}, topic {@code guildhall.guilds}).
 *
 * @param actorId   who deleted it
 * @param deletedAt epoch ms
 */
public record InviteDeleted(String code, String channelId, String actorId, long deletedAt) {
}
