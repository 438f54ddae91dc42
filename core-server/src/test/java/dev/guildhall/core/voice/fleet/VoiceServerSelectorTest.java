package dev.guildhall.core.voice.fleet;

import dev.guildhall.events.payload.VoiceServerHealth;
import dev.guildhall.events.payload.VoiceServerHeartbeat;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VoiceServerSelectorTest {
    private static final long NOW = 100_000;
    private final VoiceServerSelector selector = new VoiceServerSelector(RegionLatencies.parse(RegionLatencies.DEMO),
            2500);

    private static VoiceServerView server(String id, String region, int capacity, int load, long seen,
                                          VoiceServerHealth health) {
        return new VoiceServerView(new VoiceServerHeartbeat(id, region, id + ":443", capacity, load, null, 0, seen,
                1000, VoiceServerHeartbeat.RUNNING), seen, health);
    }

    private static VoiceServerHealth health(String id, String status, Double jitter) {
        return new VoiceServerHealth(id, "r", status, 50, null, jitter, 0.0, 10, NOW, NOW - 30_000, NOW, List.of());
    }

    private String choose(List<VoiceServerView> servers, String region, Map<String, Integer> placed) {
        return selector.choose(servers, region, id -> placed.getOrDefault(id, 0), NOW)
                .map(c -> c.server().id()).orElse(null);
    }

    @Test
    void sameRegionFirstThenNearest() {
        List<VoiceServerView> all = List.of(server("eu", "eu-west", 10, 0, NOW, null),
                server("us", "us-east", 10, 0, NOW, null), server("ap", "ap-south", 10, 0, NOW, null));
        assertThat(choose(all, "eu-west", Map.of())).isEqualTo("eu");
        assertThat(choose(all, "ap-south", Map.of())).isEqualTo("ap");
        assertThat(choose(all.subList(1, 3), "eu-west", Map.of())).isEqualTo("us");
        assertThat(choose(all, "mars", Map.of())).as("unknown region: all equally far, least loaded, then id")
                .isEqualTo("ap");
    }

    @Test
    void fullDeadStoppingAndUnhealthyServersAreSkipped() {
        VoiceServerView eu = server("eu", "eu-west", 2, 1, NOW, null);
        VoiceServerView us = server("us", "us-east", 10, 0, NOW, null);
        assertThat(choose(List.of(eu, us), "eu-west", Map.of())).isEqualTo("eu");
        assertThat(choose(List.of(eu, us), "eu-west", Map.of("eu", 2))).as("own placements count").isEqualTo("us");
        assertThat(choose(List.of(server("eu", "eu-west", 1, 1, NOW, null), us), "eu-west", Map.of()))
                .as("heartbeat load counts").isEqualTo("us");
        assertThat(choose(List.of(server("eu", "eu-west", 10, 0, NOW - 2501, null), us), "eu-west", Map.of()))
                .as("dead").isEqualTo("us");
        VoiceServerView stopping = new VoiceServerView(new VoiceServerHeartbeat("eu", "eu-west", "e", 10, 0, null, 0,
                NOW, 1000, VoiceServerHeartbeat.STOPPING), NOW, null);
        assertThat(choose(List.of(stopping, us), "eu-west", Map.of())).isEqualTo("us");
        for (String status : List.of(VoiceServerHealth.UNHEALTHY, VoiceServerHealth.DOWN)) {
            assertThat(choose(List.of(server("eu", "eu-west", 10, 0, NOW, health("eu", status, 1.0)), us),
                    "eu-west", Map.of())).isEqualTo("us");
        }
        assertThat(choose(List.of(server("eu", "eu-west", 1, 1, NOW, null)), "eu-west", Map.of())).isNull();
    }

    @Test
    void jitterAndDegradedStatusAddToTheExpectedLatency() {
        VoiceServerView jittery = server("eu", "eu-west", 10, 0, NOW, health("eu", VoiceServerHealth.HEALTHY, 90.0));
        VoiceServerView us = server("us", "us-east", 10, 0, NOW, health("us", VoiceServerHealth.HEALTHY, 2.0));
        assertThat(selector.expectedMs(jittery, "eu-west")).isEqualTo(95.0);
        assertThat(choose(List.of(jittery, us), "eu-west", Map.of())).isEqualTo("us");
        VoiceServerView degraded = server("eu", "eu-west", 10, 0, NOW, health("eu", VoiceServerHealth.DEGRADED, 2.0));
        assertThat(selector.expectedMs(degraded, "eu-west")).isEqualTo(57.0);
        assertThat(choose(List.of(degraded, us), "eu-west", Map.of())).isEqualTo("eu");
    }

    @Test
    void latencyMatrixIsSymmetricAndValidated() {
        RegionLatencies l = RegionLatencies.parse("a/b=40, c/a=90");
        assertThat(l.rttMs("b", "a")).isEqualTo(40);
        assertThat(l.rttMs("a", "c")).isEqualTo(90);
        assertThat(l.rttMs("b", "c")).isEqualTo(RegionLatencies.UNKNOWN_PAIR_MS);
        assertThat(l.rttMs("c", "c")).isEqualTo(RegionLatencies.SAME_REGION_MS);
        assertThatThrownBy(() -> RegionLatencies.parse("a-b=4")).hasMessageContaining("eu-west/us-east=80");
        assertThatThrownBy(() -> RegionLatencies.parse("a/b=x")).hasMessageContaining("number");
    }
}
