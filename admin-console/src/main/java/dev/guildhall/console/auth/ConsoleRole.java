package dev.guildhall.console.auth;

/**
 * Console roles (Spring Security authorities are {@code ROLE_<name>}). Staff roles come from the console's
 * configuration (like SRE); OWNER and MODERATOR are derived from core-server's guild list at sign-in. No role widens
 * the guild scope: guild data is always limited to what core-server says the user owns or moderates.
 */
public final class ConsoleRole {
    /** Owns at least one guild: sees insights for the guilds they own. */
    public static final String OWNER = "OWNER";
    /** Holds MANAGE_MESSAGES or MODERATE_MEMBERS (or owns) in at least one guild: moderates those guilds. */
    public static final String MODERATOR = "MODERATOR";
    /** Listed in GUILDHALL_CONSOLE_SRE_USERS: sees voice quality across regions. */
    public static final String SRE = "SRE";
    /** Listed in GUILDHALL_CONSOLE_ADMIN_USERS: platform admin (voice quality and the moderation view). */
    public static final String PLATFORM_ADMIN = "PLATFORM_ADMIN";
    /** Listed in GUILDHALL_CONSOLE_TRUST_SAFETY_USERS: trust and safety staff (the moderation view). */
    public static final String TRUST_SAFETY = "TRUST_SAFETY";

    private ConsoleRole() {
    }
}
