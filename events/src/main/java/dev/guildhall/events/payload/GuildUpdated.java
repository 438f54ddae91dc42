package dev.guildhall.events.payload;

import java.util.List;

/**
 * A guild's settings changed (type {@code guild.updated}, topic {@code guildhall.guilds}).
 *
 * @param actorId   who changed them (MANAGE_GUILD)
 * @param changed   names of the changed fields (Discord's guild object keys, e.g. {@code name})
 * @param name      the guild's name after the change
 * @param updatedAt epoch ms
 */
public record GuildUpdated(String actorId, List<String> changed, String name, long updatedAt) {
}
