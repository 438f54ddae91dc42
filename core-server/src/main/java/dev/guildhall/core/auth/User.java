package dev.guildhall.core.auth;

/** A user account (person or bot). */
public record User(long id, String username, String globalName, boolean bot) {
}
