package dev.guildhall.core.channels;

import dev.guildhall.core.guilds.Guild;

/** A channel the caller may see, with the caller's permissions in it. */
public record ChannelGrant(Channel channel, Guild guild, long permissions) {
}
