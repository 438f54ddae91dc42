package dev.guildhall.events.payload;

/**
 * An application command was created, updated or deleted (type {@code command.changed}, topic
 * {@code guildhall.guilds}). The envelope's guild id is the command's guild, or {@code "0"} for a global command.
 *
 * @param guildId   the guild of a guild command, null for a global command
 * @param action    {@code created}, {@code updated} or {@code deleted}
 * @param actorId   the user or bot that made the change
 */
public record CommandChanged(String commandId, String applicationId, String guildId, String name, int commandType,
                             String action, String actorId, long occurredAt) {
}
