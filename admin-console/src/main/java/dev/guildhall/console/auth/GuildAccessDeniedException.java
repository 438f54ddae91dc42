package dev.guildhall.console.auth;

/**
 * The guild is not in the user's scope (unknown, someone else's, or one they do not moderate), or the user lacks
 * the guild permission an action needs. Views show it as "not found / no access" without telling which.
 */
public class GuildAccessDeniedException extends RuntimeException {
    public GuildAccessDeniedException(String message) {
        super(message);
    }
}
