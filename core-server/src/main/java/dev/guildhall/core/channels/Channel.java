package dev.guildhall.core.channels;

/**
 * A guild channel (threads included). {@code bitrate} and {@code userLimit} are set for voice channels;
 * {@code parentId} is the category of a channel or the parent channel of a thread; {@code rtcRegion} is a voice
 * channel's voice region id, null for automatic.
 */
public record Channel(long id, long guildId, int type, String name, int position, String topic, Integer bitrate,
                      Integer userLimit, Long lastMessageId, Long parentId, boolean nsfw, int rateLimitPerUser,
                      String rtcRegion) {
    public static final int GUILD_TEXT = 0;
    public static final int GUILD_VOICE = 2;
    public static final int GUILD_CATEGORY = 4;
    public static final int GUILD_ANNOUNCEMENT = 5;
    public static final int ANNOUNCEMENT_THREAD = 10;
    public static final int PUBLIC_THREAD = 11;
    public static final int PRIVATE_THREAD = 12;
    public static final int GUILD_STAGE_VOICE = 13;
    public static final int DEFAULT_BITRATE = 64000;

    /** A channel without an {@code rtc_region} (automatic; threads and text channels have none). */
    public Channel(long id, long guildId, int type, String name, int position, String topic, Integer bitrate,
                   Integer userLimit, Long lastMessageId, Long parentId, boolean nsfw, int rateLimitPerUser) {
        this(id, guildId, type, name, position, topic, bitrate, userLimit, lastMessageId, parentId, nsfw,
                rateLimitPerUser, null);
    }

    /** A top-level channel without a parent, not nsfw, no slowmode. */
    public Channel(long id, long guildId, int type, String name, int position, String topic, Integer bitrate,
                   Integer userLimit, Long lastMessageId) {
        this(id, guildId, type, name, position, topic, bitrate, userLimit, lastMessageId, null, false, 0);
    }

    public boolean isVoice() {
        return type == GUILD_VOICE || type == GUILD_STAGE_VOICE;
    }

    public boolean isThread() {
        return type == ANNOUNCEMENT_THREAD || type == PUBLIC_THREAD || type == PRIVATE_THREAD;
    }
}
