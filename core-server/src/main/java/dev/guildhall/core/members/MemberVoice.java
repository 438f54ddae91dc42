package dev.guildhall.core.members;

/**
 * What {@code PATCH /guilds/{id}/members/{user}} does to a member's voice state ({@code channel_id}, {@code mute},
 * {@code deaf}); implemented by the voice feature ({@code core.voice.VoiceStateService}).
 */
public interface MemberVoice {
    /** The voice channel the member is connected to in the guild, or null. */
    Long channelOf(long guildId, long userId);

    /** After the commit: the member's server mute/deaf are now these (VOICE_STATE_UPDATE if connected). */
    void serverFlags(long guildId, long userId, boolean mute, boolean deaf);

    /** After the commit: a moderator moved the member to {@code channelId}, or disconnected them (0). */
    void move(long guildId, long userId, long channelId);

    /** Voice switched off: nobody is ever connected. */
    MemberVoice NONE = new MemberVoice() {
        @Override
        public Long channelOf(long guildId, long userId) {
            return null;
        }

        @Override
        public void serverFlags(long guildId, long userId, boolean mute, boolean deaf) {
        }

        @Override
        public void move(long guildId, long userId, long channelId) {
        }
    };
}
