package dev.guildhall.console.voice;

import dev.guildhall.events.payload.VoiceServerHealth;
import dev.guildhall.events.payload.VoiceServerHeartbeat;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest {@link VoiceServerHeartbeat} and {@link VoiceServerHealth} per voice server (what the compacted
 * {@code guildhall.voice.servers} and {@code guildhall.voice.health} hold), and how the feed reading them is doing.
 * Pure and thread-safe: {@link VoiceFleetFeed} writes, the view reads.
 */
public final class VoiceFleetStatus {

    /** A server whose heartbeat is this many intervals old is shown as silent. */
    public static final int SILENT_AFTER = 3;

    /** How the reading of the topics is going. */
    public enum Feed { NOT_CONFIGURED, CONNECTING, READING, FAILED }

    private final Map<String, VoiceServerHeartbeat> heartbeats = new ConcurrentHashMap<>();
    private final Map<String, VoiceServerHealth> verdicts = new ConcurrentHashMap<>();
    private volatile Feed feed = Feed.NOT_CONFIGURED;
    private volatile String feedError;

    /** Keeps the newer heartbeat of a server (by its send time). */
    public void heartbeat(VoiceServerHeartbeat beat) {
        heartbeats.merge(beat.voiceServer(), beat, (old, neu) -> neu.sentAt() >= old.sentAt() ? neu : old);
    }

    /** Keeps the newer verdict of a server (by its window end). */
    public void health(VoiceServerHealth verdict) {
        verdicts.merge(verdict.voiceServer(), verdict, (old, neu) -> neu.windowEnd() >= old.windowEnd() ? neu : old);
    }

    public void feed(Feed state, String error) {
        this.feed = state;
        this.feedError = error;
    }

    public Feed feed() {
        return feed;
    }

    /** What went wrong when {@link #feed()} is FAILED or stuck CONNECTING, else null. */
    public String feedError() {
        return feedError;
    }

    /** Every server seen, by region then id, as of {@code nowMs}. */
    public List<VoiceServerState> snapshot(long nowMs) {
        Set<String> ids = new TreeSet<>(heartbeats.keySet());
        ids.addAll(verdicts.keySet());
        return ids.stream().map(id -> state(id, nowMs))
                .sorted(Comparator.comparing(VoiceServerState::region).thenComparing(VoiceServerState::voiceServer))
                .toList();
    }

    private VoiceServerState state(String id, long nowMs) {
        VoiceServerHeartbeat beat = heartbeats.get(id);
        VoiceServerHealth verdict = verdicts.get(id);
        String region = beat != null ? beat.region() : verdict.region();
        String liveness;
        Long age = null;
        if (beat == null) {
            liveness = "no heartbeat";
        } else {
            age = Math.max(0, nowMs - beat.sentAt());
            if (VoiceServerHeartbeat.STOPPING.equals(beat.state())) {
                liveness = "stopping";
            } else if (age > SILENT_AFTER * Math.max(1, beat.intervalMs())) {
                liveness = "silent";
            } else {
                liveness = "running";
            }
        }
        return new VoiceServerState(id, region, liveness, age, beat == null ? 0 : beat.load(),
                beat == null ? 0 : beat.capacity(), verdict == null ? null : verdict.status(),
                verdict == null ? null : verdict.score(), verdict == null ? List.of() : verdict.reasons());
    }
}
