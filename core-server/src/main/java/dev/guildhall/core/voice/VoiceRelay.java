package dev.guildhall.core.voice;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.Producer;

import java.util.Objects;

/**
 * The voice UDP relay of the walking skeleton (see docs/runtime-contract.md, "Voice").
 * STEP-0 API stub: the signatures are final, the implementation follows.
 */
public final class VoiceRelay implements AutoCloseable {
    private final VoiceRelayConfig config;
    private final Producer<String, byte[]> producer;
    private final MeterRegistry registry;
    private volatile int boundPort = -1;

    public VoiceRelay(VoiceRelayConfig config, Producer<String, byte[]> producer, MeterRegistry registry) {
        this.config = Objects.requireNonNull(config, "config");
        this.producer = Objects.requireNonNull(producer, "producer");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Binds the UDP port and starts relaying. */
    public void start() {
        boundPort = config.udpPort();
    }

    /** The UDP port actually bound (differs from the configured one when that is 0). */
    public int boundPort() {
        return boundPort;
    }

    /**
     * Admit a user to a voice channel: allocates an ssrc and a fresh session token. A user has at most one voice
     * session per channel; admitting again replaces (and unbinds) the earlier one.
     */
    public VoiceGrant admit(long guildId, long channelId, long userId) {
        throw new UnsupportedOperationException("voice relay not implemented yet");
    }

    @Override
    public void close() {
    }
}
