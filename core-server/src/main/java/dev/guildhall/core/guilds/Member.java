package dev.guildhall.core.guilds;

import dev.guildhall.core.auth.User;

import java.time.Instant;
import java.util.List;

/** A guild member; {@code roleIds} excludes @everyone, like Discord. */
public record Member(long guildId, User user, String nick, Instant joinedAt, List<Long> roleIds) {
}
