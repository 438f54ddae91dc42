package dev.guildhall.events.payload;

import java.util.List;

/**
 * A guild channel changed (type {@code channel.updated}, topic {@code guildhall.guilds}): its settings, its
 * position or parent, or its permission overwrites.
 *
 * @param changed   the Discord field names that changed, e.g. {@code name}, {@code position},
 *                  {@code permission_overwrites}
 * @param actorId   who changed it
 * @param updatedAt epoch ms
 */
public record ChannelUpdated(String channelId, int channelType, String name, String parentId, int position,
                             List<String> changed, String actorId, long updatedAt) {
}
