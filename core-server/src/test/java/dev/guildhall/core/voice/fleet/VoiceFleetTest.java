package dev.guildhall.core.voice.fleet;

import dev.guildhall.core.voice.VoiceRegions;
import dev.guildhall.core.voice.VoiceServers;
import dev.guildhall.events.payload.VoiceServerHealth;
import dev.guildhall.events.payload.VoiceServerHeartbeat;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Placement and failover decisions of {@link VoiceFleet} on a controlled clock (no Kafka, no nodes). */
class VoiceFleetTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now.get());
        }
    };
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final VoiceFleet fleet = new VoiceFleet(new VoiceFleetConfig(true, "eu-west",
            RegionLatencies.parse(RegionLatencies.DEMO), Duration.ofMillis(2500), Duration.ofHours(1),
            "0123456789abcdef", Duration.ofMinutes(5)), clock, registry);
    private final List<String> moved = new ArrayList<>();

    @AfterEach
    void close() {
        fleet.close();
    }

    private void beat(String id, String region) {
        fleet.heartbeat(new VoiceServerHeartbeat(id, region, id + ":443", 10, 0, null, 0, now.get(), 1000,
                VoiceServerHeartbeat.RUNNING), now.get());
    }

    private void moveOnRequest() {
        fleet.onMove((guild, user) -> {
            moved.add(guild + "/" + user);
            fleet.assign(guild, 5, user, "s" + user, null);
        });
    }

    @Test
    void placementsOnADeadNodeMoveOnceToTheNextNearest() {
        moveOnRequest();
        beat("eu", "eu-west");
        beat("us", "us-east");
        VoiceServers.Assignment a = fleet.assign(1, 5, 10, "s10", null);
        assertThat(a.voiceServer()).isEqualTo("eu");
        assertThat(a.endpoint()).isEqualTo("eu:443");
        assertThat(a.token()).contains(".");
        fleet.assign(1, 5, 11, "s11", null);
        fleet.check();
        assertThat(moved).isEmpty();

        now.addAndGet(2_000);
        beat("us", "us-east");
        fleet.check();
        assertThat(moved).as("2 s without a heartbeat is not dead yet").isEmpty();
        now.addAndGet(1_000);
        beat("us", "us-east");
        fleet.check();
        assertThat(moved).containsExactlyInAnyOrder("1/10", "1/11");
        assertThat(fleet.placementOf(1, 10)).isEqualTo("us");
        fleet.check();
        assertThat(moved).hasSize(2);
        assertThat(registry.get("guildhall.voice.fleet.failovers").tag("from", "eu").tag("reason", "dead").counter()
                .count()).isEqualTo(2);
    }

    @Test
    void unhealthyAndStoppingNodesAreLeftButDegradedOnesKept() {
        moveOnRequest();
        beat("eu", "eu-west");
        beat("us", "us-east");
        fleet.assign(1, 5, 10, "s10", null);
        fleet.health(new VoiceServerHealth("eu", "eu-west", VoiceServerHealth.DEGRADED, 55, null, 20.0, 0.0, 10,
                now.get(), 0, now.get(), List.of("jitter_p95_ms")));
        fleet.check();
        assertThat(moved).isEmpty();
        fleet.health(new VoiceServerHealth("eu", "eu-west", VoiceServerHealth.UNHEALTHY, 5, null, 90.0, 0.2, 10,
                now.get(), 0, now.get(), List.of("jitter_p95_ms", "loss_ratio")));
        fleet.check();
        assertThat(moved).containsExactly("1/10");
        assertThat(fleet.placementOf(1, 10)).isEqualTo("us");

        fleet.heartbeat(new VoiceServerHeartbeat("us", "us-east", "us:443", 10, 0, null, 0, now.get(), 1000,
                VoiceServerHeartbeat.STOPPING), now.get());
        fleet.check();
        assertThat(moved).containsExactly("1/10", "1/10");
        assertThat(fleet.placementOf(1, 10)).as("nothing usable left").isNull();
    }

    @Test
    void withoutAUsableNodeTheEndpointIsNullUntilOneHeartbeats() {
        moveOnRequest();
        VoiceServers.Assignment none = fleet.assign(1, 5, 10, "s10", null);
        assertThat(none.voiceServer()).isNull();
        assertThat(none.endpoint()).isNull();
        assertThat(registry.get("guildhall.voice.fleet.unavailable").counter().count()).isEqualTo(1);
        fleet.check();
        assertThat(moved).isEmpty();
        beat("ap", "ap-south");
        fleet.check();
        assertThat(moved).containsExactly("1/10");
        assertThat(fleet.placementOf(1, 10)).isEqualTo("ap");
        fleet.disconnect(1, 10);
        assertThat(fleet.placementOf(1, 10)).isNull();
        fleet.check();
        assertThat(moved).hasSize(1);
    }

    @Test
    void anOlderHeartbeatDoesNotRewindLiveness() {
        beat("eu", "eu-west");
        long fresh = now.get();
        fleet.heartbeat(new VoiceServerHeartbeat("eu", "eu-west", "old:1", 10, 0, null, 0, fresh - 5_000, 1000,
                VoiceServerHeartbeat.RUNNING), fresh - 5_000);
        assertThat(fleet.usableServers()).extracting(s -> s.heartbeat().endpoint()).containsExactly("eu:443");
    }

    @Test
    void aLateNodeWhoseOpsPortRefusesConnectionsIsLeftBeforeTheDeadline() throws Exception {
        moveOnRequest();
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        fleet.heartbeat(new VoiceServerHeartbeat("eu", "eu-west", "eu:443", 10, 0, "http://127.0.0.1:" + closedPort,
                0, now.get(), 1000, VoiceServerHeartbeat.RUNNING), now.get());
        beat("us", "us-east");
        fleet.assign(1, 5, 10, "s10", null);
        now.addAndGet(1_100);
        fleet.check();
        assertThat(moved).as("not late enough to probe").isEmpty();
        now.addAndGet(200);
        beat("us", "us-east");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            fleet.check();
            return !moved.isEmpty();
        });
        assertThat(moved).containsExactly("1/10");
        assertThat(fleet.placementOf(1, 10)).isEqualTo("us");
        assertThat(registry.get("guildhall.voice.fleet.failovers").tag("reason", "unreachable").counter().count())
                .isEqualTo(1);
        assertThat(fleet.usableServers()).extracting(VoiceServerView::id).containsExactly("us");
        now.addAndGet(100);
        beat("eu", "eu-west");
        assertThat(fleet.usableServers()).as("a newer heartbeat clears it").hasSize(2);
    }

    @Test
    void aChannelsRtcRegionChoosesTheNearestNodeToIt() {
        beat("eu", "eu-west");
        beat("us", "us-east");
        beat("ap", "ap-south");
        assertThat(fleet.assign(1, 5, 10, "s10", null).voiceServer()).as("automatic: the default region")
                .isEqualTo("eu");
        assertThat(fleet.assign(1, 6, 11, "s11", "ap-south").voiceServer()).isEqualTo("ap");
        assertThat(fleet.assign(1, 6, 10, "s10", "us-east").voiceServer()).as("re-assigned on a region change")
                .isEqualTo("us");
        assertThat(fleet.placementOf(1, 10)).isEqualTo("us");
    }

    @Test
    void theConfiguredRegionsAreTheVoiceRegionsWithTheDefaultOptimal() {
        VoiceRegions regions = new VoiceRegions(RegionLatencies.parse(RegionLatencies.DEMO).regions(), "eu-west");
        assertThat(regions.ids()).containsExactly("ap-south", "eu-west", "us-east");
        assertThat(regions.contains("mars")).isFalse();
        assertThat(regions.json().findValues("optimal").stream().map(v -> v.asBoolean()).toList())
                .containsExactly(false, true, false);
        assertThat(regions.json().get(0).path("deprecated").asBoolean()).isFalse();
    }
}
