package dev.guildhall.core.voice.fleet;

import dev.guildhall.events.payload.VoiceServerHealth;
import dev.guildhall.events.payload.VoiceServerHeartbeat;

/**
 * What core-server knows of one voice server: its latest heartbeat (and when it was sent), and quality-monitor's
 * latest health verdict (null until one arrives: a server without a verdict yet is judged by its heartbeats alone).
 */
public record VoiceServerView(VoiceServerHeartbeat heartbeat, long lastSeenMillis, VoiceServerHealth health) {

    public String id() {
        return heartbeat.voiceServer();
    }

    public String region() {
        return heartbeat.region();
    }

    /** Heartbeats arrive and it is not stopping. */
    public boolean alive(long nowMillis, long deadAfterMillis) {
        return VoiceServerHeartbeat.RUNNING.equals(heartbeat.state()) && nowMillis - lastSeenMillis <= deadAfterMillis;
    }

    /** Alive and not judged unhealthy or down by quality-monitor. */
    public boolean usable(long nowMillis, long deadAfterMillis) {
        return alive(nowMillis, deadAfterMillis) && (health == null || health.usable());
    }

    /** Why it is not usable: "dead", "stopping" or quality-monitor's status; null if usable. */
    public String unusableReason(long nowMillis, long deadAfterMillis) {
        if (!VoiceServerHeartbeat.RUNNING.equals(heartbeat.state())) {
            return "stopping";
        }
        if (nowMillis - lastSeenMillis > deadAfterMillis) {
            return "dead";
        }
        if (health != null && !health.usable()) {
            return health.status();
        }
        return null;
    }

    VoiceServerView withHeartbeat(VoiceServerHeartbeat beat, long seenMillis) {
        return new VoiceServerView(beat, seenMillis, health);
    }

    VoiceServerView withHealth(VoiceServerHealth verdict) {
        return new VoiceServerView(heartbeat, lastSeenMillis, verdict);
    }
}
