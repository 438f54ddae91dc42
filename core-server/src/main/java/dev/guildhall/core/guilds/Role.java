package dev.guildhall.core.guilds;

/** A guild role; the @everyone role has the guild's id. */
public record Role(long id, long guildId, String name, long permissions, int position, int color, boolean hoist,
                   boolean mentionable) {
}
