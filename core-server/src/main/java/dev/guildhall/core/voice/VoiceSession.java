package dev.guildhall.core.voice;

import java.net.InetSocketAddress;

/**
 * One admitted voice session: a user in a voice channel with its ssrc and session token. Identity fields are
 * immutable; the bound address and activity time are written by the relay's event loop and read elsewhere; the
 * stream statistics are touched only by the event loop.
 */
final class VoiceSession {
    final long ssrc;
    final long guildId;
    final long channelId;
    final long userId;
    final String guildIdString;
    /** ASCII bytes of the hex session token */
    final byte[] token;
    /** a voice gateway session: binds by IP discovery or SELECT_PROTOCOL, and its RTP is transport-encrypted */
    final boolean encrypted;
    /** set by SELECT_PROTOCOL (the voice gateway); used by the event loop only */
    volatile TransportCrypto crypto;
    /** server-muted or without SPEAK: the relay drops this session's audio (Discord does) */
    volatile boolean silenced;
    /** server-deafened or self-deafened: the relay sends this session no audio (Discord does not) */
    volatile boolean deafened;

    volatile InetSocketAddress boundAddress;
    volatile long lastActivityNanos;

    // event loop only
    RtpStreamStatistics stats;
    long lastRtpNanos;
    long windowStartMillis;
    /** relay RTT probes and their echoes */
    final RoundTrip rtt = new RoundTrip();
    /** last client keepalive (0 = never): a client that sends keepalives receives RTT probes */
    long keepaliveNanos;
    /** last keepalive echo sent (echoes are rate-limited) */
    long keepaliveEchoNanos;

    VoiceSession(long ssrc, long guildId, long channelId, long userId, byte[] token, boolean encrypted,
                 long nowNanos) {
        this.encrypted = encrypted;
        this.ssrc = ssrc;
        this.guildId = guildId;
        this.channelId = channelId;
        this.userId = userId;
        this.guildIdString = Long.toUnsignedString(guildId);
        this.token = token;
        this.lastActivityNanos = nowNanos;
    }

    @Override
    public String toString() {
        return "VoiceSession{ssrc=" + ssrc + ", guild=" + guildId + ", channel=" + channelId + ", user=" + userId
                + ", bound=" + boundAddress + '}';
    }
}
