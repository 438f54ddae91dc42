package dev.guildhall.core.bans;

import dev.guildhall.core.auth.User;

/** A guild ban: the banned user and the reason (or null). */
public record Ban(User user, String reason) {
}
