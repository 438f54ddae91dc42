package dev.guildhall.events.payload;

/**
 * A guild channel was deleted (type {@code channel.deleted}, topic {@code guildhall.guilds}).
 *
 * @param actorId   who deleted it
 * @param deletedAt epoch ms
 */
public record ChannelDeleted(String channelId, int channelType, String name, String parentId, String actorId,
                             long deletedAt) {
}
