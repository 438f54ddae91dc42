package dev.guildhall.core.permissions;

/**
 * A channel permission overwrite: {@code id} is a role id (type 0; the guild id for @everyone) or a user id (type 1).
 */
public record PermissionOverwrite(long id, int type, long allow, long deny) {
    public static final int ROLE = 0;
    public static final int MEMBER = 1;
}
