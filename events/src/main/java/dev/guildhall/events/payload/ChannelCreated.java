package dev.guildhall.events.payload;

/**
 * A guild channel was created (type {@code channel.created}, topic {@code guildhall.guilds}).
 *
 * @param channelType Discord channel type (0 text, 2 voice, 4 category, 5 announcement, 13 stage)
 * @param parentId    the category, or null
 * @param actorId     who created it
 * @param createdAt   epoch ms
 */
public record ChannelCreated(String channelId, int channelType, String name, String parentId, int position,
                             String actorId, long createdAt) {
}
