package dev.guildhall.events;

import dev.guildhall.events.payload.VoiceAlert;
import dev.guildhall.events.payload.VoiceServerHealth;
import dev.guildhall.events.payload.VoiceServerHeartbeat;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Round trips of the voice fleet's events: server heartbeats and quality-monitor's health verdicts. */
class VoiceFleetCodecTest {
    private final Snowflakes ids = new Snowflakes(1, 2);

    @Test
    void heartbeatRoundTripsOnTheServersTopic() {
        VoiceServerHeartbeat beat = new VoiceServerHeartbeat("voice-eu-west-1", "eu-west", "localhost:9444", 500, 12,
                "http://127.0.0.1:9261", 1_000L, 2_000L, 1000L, VoiceServerHeartbeat.RUNNING);
        EventEnvelope env = EventCodec.wrap(ids, "voice-node@voice-eu-west-1", "0", 2_000L, beat);
        String json = EventCodec.encodeToString(env);
        assertThat(json).contains("\"voice_server\":\"voice-eu-west-1\"", "\"interval_ms\":1000");
        EventEnvelope back = EventCodec.decode(json);
        assertThat(back.type()).isEqualTo("voice.server.heartbeat");
        assertThat(EventCodec.payload(back, VoiceServerHeartbeat.class)).isEqualTo(beat);
        assertThat(EventType.VOICE_SERVER_HEARTBEAT.topic()).isEqualTo(Topics.VOICE_SERVERS);
        assertThat(back.version()).isEqualTo(2);
        assertThat(EventCodec.payload(back, VoiceServerHeartbeat.class).refused()).isEmpty();
    }

    @Test
    void heartbeatVersionTwoNamesRefusedMembersAndVersionOneStillDecodes() {
        VoiceServerHeartbeat full = new VoiceServerHeartbeat("voice-ap-south-1", "ap-south", "localhost:9446", 1, 1,
                "http://127.0.0.1:9263", 1_000L, 3_000L, 1000L, VoiceServerHeartbeat.RUNNING, List.of("42:43"));
        EventEnvelope env = EventCodec.wrap(ids, "voice-node@voice-ap-south-1", "0", 3_000L, full);
        String json = EventCodec.encodeToString(env);
        assertThat(json).contains("\"refused\":[\"42:43\"]");
        assertThat(EventCodec.payload(EventCodec.decode(json), VoiceServerHeartbeat.class)).isEqualTo(full);
        String v1 = json.replace(",\"refused\":[\"42:43\"]", "").replace("\"version\":2", "\"version\":1");
        VoiceServerHeartbeat back = EventCodec.payload(EventCodec.decode(v1), VoiceServerHeartbeat.class);
        assertThat(back.refused()).isEmpty();
        assertThat(back.capacity()).isEqualTo(1);
    }

    @Test
    void voiceAlertVersionTwoNamesItsVoiceServerAndVersionOneStillDecodes() {
        VoiceAlert alert = new VoiceAlert("77", "eu-west", "rtt_p95_ms", VoiceAlert.UPDATE, 410.0, 300.0, 1_000L,
                31_000L, "voice-eu-west-1");
        EventEnvelope env = EventCodec.wrap(ids, "quality-monitor", "0", 31_000L, alert);
        assertThat(env.version()).isEqualTo(2);
        assertThat(EventCodec.payload(EventCodec.decode(EventCodec.encode(env)), VoiceAlert.class)).isEqualTo(alert);
        String v1 = EventCodec.encodeToString(EventCodec.wrap(ids, "quality-monitor", "0", 31_000L,
                        new VoiceAlert("78", "eu-west", "loss_ratio", VoiceAlert.OPEN, 0.1, 0.05, 1_000L, 31_000L)))
                .replace(",\"voice_server\":null", "").replace("\"version\":2", "\"version\":1");
        VoiceAlert back = EventCodec.payload(EventCodec.decode(v1), VoiceAlert.class);
        assertThat(back.voiceServer()).isNull();
        assertThat(back.alertId()).isEqualTo("78");
    }

    @Test
    void healthRoundTripsWithNullMetricsAndReasons() {
        VoiceServerHealth health = new VoiceServerHealth("voice-us-east-1", "us-east", VoiceServerHealth.DEGRADED,
                62.5, null, 31.0, 0.01, 40, 9_000L, 0L, 30_000L, List.of("jitter_p95_ms"));
        EventEnvelope env = EventCodec.wrap(ids, "quality-monitor", "0", 30_000L, health);
        EventEnvelope back = EventCodec.decode(EventCodec.encode(env));
        assertThat(back.type()).isEqualTo("voice.server.health");
        VoiceServerHealth decoded = EventCodec.payload(back, VoiceServerHealth.class);
        assertThat(decoded).isEqualTo(health);
        assertThat(decoded.rttP95Ms()).isNull();
        assertThat(decoded.usable()).isTrue();
        assertThat(EventType.fromWireName("voice.server.health")).contains(EventType.VOICE_SERVER_HEALTH);
        assertThat(EventType.VOICE_SERVER_HEALTH.topic()).isEqualTo(Topics.VOICE_HEALTH);
        assertThat(new VoiceServerHealth("a", "r", VoiceServerHealth.DOWN, 0, null, null, null, 0, null, 0L, 0L,
                null).reasons()).isEmpty();
    }
}
