package dev.guildhall.core.voice;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Idle sessions and streams are dropped (short idle timeout instead of the 30 s default). */
class VoiceRelayExpiryTest {

    @Test
    void silentSessionsExpireAndActiveOnesStay() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        VoiceRelayConfig config = new VoiceRelayConfig("127.0.0.1", 0, "127.0.0.1", "test-region", "voice-expiry",
                Duration.ofMillis(200));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1", ProducerConfig.MAX_BLOCK_MS_CONFIG, 50,
                ProducerConfig.RECONNECT_BACKOFF_MS_CONFIG, 60_000, ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 60_000),
                new StringSerializer(), new ByteArraySerializer());
             VoiceRelay relay = new VoiceRelay(config, producer, registry, Duration.ofMillis(1500))) {
            relay.start();
            try (VoiceTestClient talker = new VoiceTestClient(relay.admit(1, 10, 1));
                 VoiceTestClient silent = new VoiceTestClient(relay.admit(1, 10, 2));
                 VoiceTestClient neverBound = new VoiceTestClient(relay.admit(1, 10, 3))) {
                assertThat(talker.connect()).isTrue();
                assertThat(silent.connect()).isTrue();
                assertThat(relay.sessionCount()).isEqualTo(3);

                // the talker keeps sending for 3 s; the silent member never sends again, the third never said HELLO
                for (int n = 0; n < 150; n++) {
                    talker.sendFrame(n, new byte[]{1});
                    Thread.sleep(20);
                }
                assertThat(relay.sessionCount()).isEqualTo(1);
                assertThat(registry.get("guildhall.voice.sessions.expired").counter().count()).isEqualTo(2.0);
                assertThat(registry.get("guildhall.voice.streams.active").gauge().value()).isEqualTo(1.0);

                // the expired member's token no longer works, and its RTP is not relayed
                assertThat(silent.connect()).isFalse();
                assertThat(neverBound.connect()).isFalse();

                // once the talker stops, its stream and then its session go too
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                    assertThat(relay.sessionCount()).isZero();
                    assertThat(registry.get("guildhall.voice.streams.active").gauge().value()).isZero();
                });
            }
        }
    }
}
