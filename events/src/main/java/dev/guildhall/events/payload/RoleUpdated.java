package dev.guildhall.events.payload;

/**
 * A role changed: settings or position (type {@code role.updated}, topic {@code guildhall.guilds}).
 *
 * @param permissions the role's permission bits after the change, as a decimal string
 * @param actorId     who changed it
 * @param updatedAt   epoch ms
 */
public record RoleUpdated(String roleId, String name, String permissions, int position, String actorId,
                          long updatedAt) {
}
