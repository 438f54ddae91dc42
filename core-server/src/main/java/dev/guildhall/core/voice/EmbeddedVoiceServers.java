package dev.guildhall.core.voice;

/** Every voice connection goes to core-server's own voice gateway and relay (the default, one process). */
public final class EmbeddedVoiceServers implements VoiceServers {
    private final VoiceGateway gateway;
    private final String voiceServerId;

    public EmbeddedVoiceServers(VoiceGateway gateway, String voiceServerId) {
        this.gateway = gateway;
        this.voiceServerId = voiceServerId;
    }

    @Override
    public Assignment assign(long guildId, long channelId, long userId, String sessionId, String rtcRegion) {
        return new Assignment(voiceServerId, gateway.endpoint(), gateway.authorize(guildId, channelId, userId,
                sessionId));
    }

    @Override
    public void maySpeak(long guildId, long userId, boolean allowed) {
        gateway.maySpeak(guildId, userId, allowed);
    }

    @Override
    public void mayHear(long guildId, long userId, boolean allowed) {
        gateway.mayHear(guildId, userId, allowed);
    }

    @Override
    public void disconnect(long guildId, long userId) {
        gateway.disconnect(guildId, userId);
    }
}
