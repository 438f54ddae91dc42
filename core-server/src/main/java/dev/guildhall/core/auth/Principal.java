package dev.guildhall.core.auth;

/**
 * The authenticated caller of a request or gateway session.
 *
 * @param applicationId the bot's application, or 0 for a user token
 * @param applicationFlags the application's flags (privileged intents), 0 for users
 */
public record Principal(User user, TokenKind kind, long applicationId, int applicationFlags) {
    public long userId() {
        return user.id();
    }

    public boolean isBot() {
        return kind == TokenKind.BOT;
    }
}
