package dev.guildhall.core.voice;

/**
 * What a client gets from {@code POST /channels/{id}/voice/join}: where to send UDP and how to prove who it is.
 * Serialised as {@code {"ssrc","udp_host","udp_port","session_token","region","voice_server"}}.
 *
 * @param ssrc         RTP synchronisation source allocated to this voice session (uint32)
 * @param sessionToken lowercase hex, unguessable; sent in the HELLO datagram
 */
public record VoiceGrant(long ssrc, String udpHost, int udpPort, String sessionToken, String region,
                         String voiceServer) {
}
