package dev.guildhall.core.threads;

import dev.guildhall.core.channels.Channel;

/** A thread: its channel row (type 10/11/12, parent_id = the parent channel) and its metadata. */
public record GuildThread(Channel channel, ThreadMeta meta) {
    public long id() {
        return channel.id();
    }

    public long guildId() {
        return channel.guildId();
    }

    public long parentId() {
        return channel.parentId();
    }

    public boolean isPrivate() {
        return channel.type() == Channel.PRIVATE_THREAD;
    }
}
