package dev.guildhall.console.auth;

/** Discord permission bits the console looks at (values of Discord's permission flags). */
public final class GuildPermissions {
    public static final long KICK_MEMBERS = 1L << 1;
    public static final long BAN_MEMBERS = 1L << 2;
    public static final long ADMINISTRATOR = 1L << 3;
    public static final long MANAGE_GUILD = 1L << 5;
    public static final long VIEW_AUDIT_LOG = 1L << 7;
    public static final long MANAGE_MESSAGES = 1L << 13;
    public static final long MODERATE_MEMBERS = 1L << 40;

    private GuildPermissions() {
    }

    /** Like Discord: ADMINISTRATOR grants everything. */
    public static boolean has(long permissions, long required) {
        return (permissions & ADMINISTRATOR) != 0 || (permissions & required) == required;
    }

    /** The {@code permissions} string of a partial guild; unparsable counts as none. */
    public static long parse(String permissions) {
        try {
            return permissions == null ? 0 : Long.parseLong(permissions);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
