package dev.guildhall.events.payload;

/**
 * A role was deleted (type {@code role.deleted}, topic {@code guildhall.guilds}).
 *
 * @param actorId   who deleted it
 * @param deletedAt epoch ms
 */
public record RoleDeleted(String roleId, String actorId, long deletedAt) {
}
