package dev.guildhall.console.voice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guildhall.events.payload.VoiceServerHealth;
import dev.guildhall.events.payload.VoiceServerHeartbeat;
import java.util.List;
import org.junit.jupiter.api.Test;

class VoiceFleetStatusTest {

    private static VoiceServerHeartbeat beat(String id, String region, int load, long sentAt, String state) {
        return new VoiceServerHeartbeat(id, region, "127.0.0.1:1", 100, load, "http://127.0.0.1:2", 0, sentAt, 1000,
                state);
    }

    private static VoiceServerHealth verdict(String id, String status, double score, long windowEnd,
                                             List<String> reasons) {
        return new VoiceServerHealth(id, "eu", status, score, 40.0, 5.0, 0.01, 10, 1L, windowEnd - 10_000, windowEnd,
                reasons);
    }

    @Test
    void keepsTheNewestHeartbeatAndVerdictPerServerAndJudgesLiveness() {
        VoiceFleetStatus status = new VoiceFleetStatus();
        status.heartbeat(beat("eu-1", "eu", 30, 10_000, VoiceServerHeartbeat.RUNNING));
        status.heartbeat(beat("eu-1", "eu", 99, 9_000, VoiceServerHeartbeat.RUNNING)); // older: ignored
        status.heartbeat(beat("eu-2", "eu", 5, 6_000, VoiceServerHeartbeat.RUNNING));
        status.heartbeat(beat("us-1", "us", 0, 10_500, VoiceServerHeartbeat.STOPPING));
        status.health(verdict("eu-1", VoiceServerHealth.DEGRADED, 70, 20_000, List.of("jitter_p95_ms")));
        status.health(verdict("eu-1", VoiceServerHealth.HEALTHY, 100, 15_000, List.of())); // older: ignored
        status.health(new VoiceServerHealth("ap-1", "ap", VoiceServerHealth.DOWN, 0, null, null, null, 0, null, 0,
                20_000, List.of("heartbeat_missing")));

        List<VoiceServerState> servers = status.snapshot(10_800);
        assertThat(servers).extracting(VoiceServerState::voiceServer).containsExactly("ap-1", "eu-1", "eu-2", "us-1");
        VoiceServerState eu1 = servers.get(1);
        assertThat(eu1.liveness()).isEqualTo("running");
        assertThat(eu1.heartbeatAgeMs()).isEqualTo(800);
        assertThat(eu1.load()).isEqualTo(30);
        assertThat(eu1.loadRatio()).isEqualTo(0.3);
        assertThat(eu1.health()).isEqualTo("degraded");
        assertThat(eu1.reasons()).containsExactly("jitter_p95_ms");
        // 4.8 s without a heartbeat at a 1 s interval: silent
        assertThat(servers.get(2).liveness()).isEqualTo("silent");
        assertThat(servers.get(2).health()).isNull();
        assertThat(servers.get(3).liveness()).isEqualTo("stopping");
        VoiceServerState ap = servers.get(0);
        assertThat(ap.liveness()).isEqualTo("no heartbeat");
        assertThat(ap.heartbeatAgeMs()).isNull();
        assertThat(ap.loadRatio()).isZero();
        assertThat(ap.health()).isEqualTo("down");
    }

    @Test
    void theFeedStateStartsOffUntilConfigured() {
        VoiceFleetStatus status = new VoiceFleetStatus();
        assertThat(status.feed()).isEqualTo(VoiceFleetStatus.Feed.NOT_CONFIGURED);
        status.feed(VoiceFleetStatus.Feed.CONNECTING, "the topics do not exist yet");
        assertThat(status.feedError()).isEqualTo("the topics do not exist yet");
    }
}
