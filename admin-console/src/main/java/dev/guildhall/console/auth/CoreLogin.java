package dev.guildhall.console.auth;

/** A successful core-server login: the user's snowflake id and user token (kept server side only). */
public record CoreLogin(long userId, String token) {
    @Override
    public String toString() {
        return "CoreLogin[userId=" + userId + ", token=<hidden>]";
    }
}
