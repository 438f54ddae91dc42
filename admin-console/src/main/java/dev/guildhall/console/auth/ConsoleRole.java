package dev.guildhall.console.auth;

/**
 * Console roles (Spring Security authorities are {@code ROLE_<name>}). Staff roles (SRE, PLATFORM_ADMIN,
 * TRUST_SAFETY) are core-server's ({@code GET /users/@me/staff-roles}, granted by platform admins or by core-server's
 * configuration); OWNER and MODERATOR are derived from core-server's guild list at sign-in. No role widens
 * the guild scope: guild data is always limited to what core-server says the user owns or moderates.
 */
public final class ConsoleRole {
    /** Owns at least one guild: sees insights for the guilds they own. */
    public static final String OWNER = "OWNER";
    /** Holds MANAGE_MESSAGES or MODERATE_MEMBERS (or owns) in at least one guild: moderates those guilds. */
    public static final String MODERATOR = "MODERATOR";
    /** Staff role SRE: sees voice quality across regions. */
    public static final String SRE = "SRE";
    /**
     * Staff role PLATFORM_ADMIN: user and guild lookup, staff roles, the console audit log; also voice quality and
     * the moderation view.
     */
    public static final String PLATFORM_ADMIN = "PLATFORM_ADMIN";
    /** Staff role TRUST_SAFETY: trust and safety staff (the moderation view). */
    public static final String TRUST_SAFETY = "TRUST_SAFETY";

    private ConsoleRole() {
    }
}
