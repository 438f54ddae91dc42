package dev.guildhall.core.channels;

/** A guild channel. {@code bitrate} and {@code userLimit} are set for voice channels. */
public record Channel(long id, long guildId, int type, String name, int position, String topic, Integer bitrate,
                      Integer userLimit, Long lastMessageId) {
    public static final int GUILD_TEXT = 0;
    public static final int GUILD_VOICE = 2;
    public static final int DEFAULT_BITRATE = 64000;

    public boolean isVoice() {
        return type == GUILD_VOICE || type == 13;
    }
}
