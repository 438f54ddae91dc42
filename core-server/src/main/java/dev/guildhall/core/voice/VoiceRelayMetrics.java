package dev.guildhall.core.voice;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The relay's Micrometer meters, registered once so the packet path never looks a meter up. */
final class VoiceRelayMetrics {
    final Counter packetsIn;
    final Counter bytesIn;
    final Counter packetsForwarded;
    final Counter bytesForwarded;
    final Counter hellosAccepted;
    final Counter samplesPublished;
    final Counter samplesFailed;
    final Counter sessionsExpired;
    final Counter keepalivesEchoed;
    final Counter probesSent;
    final Counter probesAnswered;
    private final Map<DropReason, Counter> dropped = new EnumMap<>(DropReason.class);
    final AtomicInteger activeStreams = new AtomicInteger();

    VoiceRelayMetrics(MeterRegistry registry, VoiceSessions sessions, String region, String voiceServer) {
        packetsIn = Counter.builder("guildhall.voice.packets.in").description("UDP datagrams received by the relay")
                .tags("region", region, "voice_server", voiceServer).register(registry);
        bytesIn = Counter.builder("guildhall.voice.bytes.in").baseUnit("bytes")
                .tags("region", region, "voice_server", voiceServer).register(registry);
        packetsForwarded = Counter.builder("guildhall.voice.packets.forwarded")
                .description("RTP datagrams sent to channel members (one per recipient)")
                .tags("region", region, "voice_server", voiceServer).register(registry);
        bytesForwarded = Counter.builder("guildhall.voice.bytes.forwarded").baseUnit("bytes")
                .tags("region", region, "voice_server", voiceServer).register(registry);
        hellosAccepted = Counter.builder("guildhall.voice.hellos.accepted")
                .tags("region", region, "voice_server", voiceServer).register(registry);
        samplesPublished = Counter.builder("guildhall.voice.quality.samples.published")
                .tags("region", region, "voice_server", voiceServer).register(registry);
        samplesFailed = Counter.builder("guildhall.voice.quality.samples.failed")
                .description("voice.quality samples that could not be handed to Kafka")
                .tags("region", region, "voice_server", voiceServer).register(registry);
        sessionsExpired = Counter.builder("guildhall.voice.sessions.expired")
                .tags("region", region, "voice_server", voiceServer).register(registry);
        keepalivesEchoed = Counter.builder("guildhall.voice.keepalives.echoed")
                .description("8-byte client keepalives echoed back").tags("region", region, "voice_server", voiceServer)
                .register(registry);
        probesSent = Counter.builder("guildhall.voice.rtt.probes.sent")
                .description("UDP RTT probes sent to clients that send keepalives")
                .tags("region", region, "voice_server", voiceServer).register(registry);
        probesAnswered = Counter.builder("guildhall.voice.rtt.probes.answered")
                .description("UDP RTT probes echoed in time (one RTT sample each)")
                .tags("region", region, "voice_server", voiceServer).register(registry);
        for (DropReason reason : DropReason.values()) {
            dropped.put(reason, Counter.builder("guildhall.voice.packets.dropped")
                    .description("datagrams dropped by the relay, by reason")
                    .tags("region", region, "voice_server", voiceServer, "reason", reason.tag())
                    .register(registry));
        }
        Gauge.builder("guildhall.voice.streams.active", activeStreams, AtomicInteger::get)
                .description("RTP streams with statistics (received RTP in the last idle timeout)")
                .tags("region", region, "voice_server", voiceServer).register(registry);
        Gauge.builder("guildhall.voice.sessions", sessions, VoiceSessions::size)
                .tags("region", region, "voice_server", voiceServer).register(registry);
        Gauge.builder("guildhall.voice.sessions.bound", sessions, VoiceSessions::boundCount)
                .tags("region", region, "voice_server", voiceServer).register(registry);
    }

    void dropped(DropReason reason) {
        dropped.get(reason).increment();
    }

    double droppedCount(DropReason reason) {
        return dropped.get(reason).count();
    }
}
