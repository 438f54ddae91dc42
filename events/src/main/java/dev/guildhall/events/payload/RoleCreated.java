package dev.guildhall.events.payload;

/**
 * A role was created (type {@code role.created}, topic {@code guildhall.guilds}).
 *
 * @param permissions the role's permission bits as a decimal string (like Discord)
 * @param actorId     who created it
 * @param createdAt   epoch ms
 */
public record RoleCreated(String roleId, String name, String permissions, int position, String actorId,
                          long createdAt) {
}
