package dev.guildhall.events.payload;

/**
 * A guild was deleted by its owner (type {@code guild.deleted}, topic {@code guildhall.guilds}).
 *
 * @param actorId   the owner
 * @param deletedAt epoch ms
 */
public record GuildDeleted(String actorId, long deletedAt) {
}
