package dev.guildhall.simulator.api;

/** Answer of {@code POST /channels/{id}/voice/join} (docs/runtime-contract.md, "Voice"). */
public record VoiceGrant(long ssrc, String udpHost, int udpPort, String sessionToken, String region, String voiceServer) {
}
