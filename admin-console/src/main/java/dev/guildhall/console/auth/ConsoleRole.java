package dev.guildhall.console.auth;

/** Console roles (Spring Security authorities are {@code ROLE_<name>}). */
public final class ConsoleRole {
    /** Owns at least one guild: sees insights for the guilds they own. */
    public static final String OWNER = "OWNER";
    /** Listed in GUILDHALL_CONSOLE_SRE_USERS: sees voice quality across regions. */
    public static final String SRE = "SRE";

    private ConsoleRole() {
    }
}
