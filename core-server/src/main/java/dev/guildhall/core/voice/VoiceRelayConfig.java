package dev.guildhall.core.voice;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of the voice UDP relay.
 *
 * @param bindHost       address the UDP socket binds to
 * @param udpPort        UDP port to bind; 0 picks an ephemeral port (tests)
 * @param publicHost     host announced to clients in the voice grant
 * @param region         region label put on every quality sample
 * @param voiceServerId  id of this relay, put on every quality sample
 * @param sampleInterval how often a voice.quality sample is published per active stream
 */
public record VoiceRelayConfig(String bindHost, int udpPort, String publicHost, String region, String voiceServerId,
                               Duration sampleInterval) {
    public static final int DEFAULT_UDP_PORT = 50000;
    public static final String DEFAULT_PUBLIC_HOST = "127.0.0.1";
    public static final String DEFAULT_REGION = "local";
    public static final String DEFAULT_VOICE_SERVER_ID = "voice-local-1";
    public static final Duration DEFAULT_SAMPLE_INTERVAL = Duration.ofSeconds(5);

    public VoiceRelayConfig {
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(publicHost, "publicHost");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(voiceServerId, "voiceServerId");
        Objects.requireNonNull(sampleInterval, "sampleInterval");
        if (udpPort < 0 || udpPort > 65535) {
            throw new IllegalArgumentException("udpPort must be 0..65535, was " + udpPort);
        }
        if (sampleInterval.isNegative() || sampleInterval.isZero()) {
            throw new IllegalArgumentException("sampleInterval must be positive");
        }
    }

    /** Defaults of the runtime contract, overridden by the process environment. */
    public static VoiceRelayConfig fromEnv() {
        return fromEnv(System.getenv());
    }

    /** Defaults of the runtime contract, overridden by the given environment. */
    public static VoiceRelayConfig fromEnv(Map<String, String> env) {
        String portText = env.getOrDefault("GUILDHALL_VOICE_UDP_PORT", String.valueOf(DEFAULT_UDP_PORT)).trim();
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("GUILDHALL_VOICE_UDP_PORT is not a port number: " + portText, e);
        }
        return new VoiceRelayConfig("0.0.0.0", port,
                env.getOrDefault("GUILDHALL_PUBLIC_HOST", DEFAULT_PUBLIC_HOST),
                env.getOrDefault("GUILDHALL_VOICE_REGION", DEFAULT_REGION),
                env.getOrDefault("GUILDHALL_VOICE_SERVER_ID", DEFAULT_VOICE_SERVER_ID),
                DEFAULT_SAMPLE_INTERVAL);
    }

    /** A copy with another UDP port (e.g. 0 for tests). */
    public VoiceRelayConfig withUdpPort(int port) {
        return new VoiceRelayConfig(bindHost, port, publicHost, region, voiceServerId, sampleInterval);
    }

    /** A copy with another sample interval (tests). */
    public VoiceRelayConfig withSampleInterval(Duration interval) {
        return new VoiceRelayConfig(bindHost, udpPort, publicHost, region, voiceServerId, interval);
    }
}
