package dev.guildhall.core.voice;

import dev.guildhall.events.EventCodec;
import dev.guildhall.events.EventEnvelope;
import dev.guildhall.events.Topics;
import dev.guildhall.events.payload.VoiceQualitySample;
import dev.guildhall.testkit.Engines;
import dev.guildhall.testkit.KafkaEngine;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The relay measures real UDP streams and publishes voice.quality events to a real Kafka broker (testkit). */
class VoiceQualityPublishingIT {
    private static final long GUILD = 424242;
    private static final long CHANNEL = 777;

    @Test
    void publishesLossAndJitterPerStreamToKafka() throws Exception {
        KafkaEngine kafka = Engines.kafka();
        kafka.createTopic(Topics.VOICE_QUALITY, 3);
        String voiceServer = "voice-it-" + UUID.randomUUID().toString().substring(0, 8);
        VoiceRelayConfig config = new VoiceRelayConfig("127.0.0.1", 0, "127.0.0.1", "it-region", voiceServer,
                Duration.ofSeconds(2));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        long lossySsrc;
        long cleanSsrc;
        long jitterySsrc;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer());
             VoiceRelay relay = new VoiceRelay(config, producer, registry)) {
            relay.start();
            try (VoiceTestClient lossy = new VoiceTestClient(relay.admit(GUILD, CHANNEL, 1));
                 VoiceTestClient clean = new VoiceTestClient(relay.admit(GUILD, CHANNEL, 2));
                 VoiceTestClient jittery = new VoiceTestClient(relay.admit(GUILD, CHANNEL, 3))) {
                assertThat(lossy.connect()).isTrue();
                assertThat(clean.connect()).isTrue();
                assertThat(jittery.connect()).isTrue();
                lossySsrc = lossy.grant().ssrc();
                cleanSsrc = clean.grant().ssrc();
                jitterySsrc = jittery.grant().ssrc();
                byte[] payload = new byte[80];
                long start = System.nanoTime();
                // 10 ms ticks: frame n of the regular streams leaves at 20n ms; the jittery stream's odd frames
                // leave 10 ms late, so every transit difference is 10 ms and its jitter converges to 10 ms
                for (int tick = 0; tick < 500; tick++) {
                    int n = tick / 2;
                    if (tick % 2 == 0) {
                        if (n % 10 != 5) {
                            lossy.sendFrame(n, payload); // every 10th packet "lost"
                        }
                        clean.sendFrame(n, payload);
                        if (n % 2 == 0) {
                            jittery.sendFrame(n, payload);
                        }
                    } else if (n % 2 == 1) {
                        jittery.sendFrame(n, payload);
                    }
                    long due = start + (tick + 1) * 10_000_000L;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
                    }
                }
                Thread.sleep(2_500); // let the last interval close
            }
            assertThat(registry.get("guildhall.voice.quality.samples.failed").counter().count()).isZero();
        }

        List<VoiceQualitySample> lossySamples = new ArrayList<>();
        List<VoiceQualitySample> cleanSamples = new ArrayList<>();
        List<VoiceQualitySample> jitterySamples = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "voice-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.VOICE_QUALITY));
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline && (sum(lossySamples) < 250 || sum(cleanSamples) < 250
                    || sum(jitterySamples) < 250)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    EventEnvelope envelope = EventCodec.decode(record.value());
                    VoiceQualitySample sample = EventCodec.payload(envelope, VoiceQualitySample.class);
                    if (!sample.voiceServer().equals(voiceServer)) {
                        continue; // another test's relay
                    }
                    assertThat(record.key()).isEqualTo(String.valueOf(GUILD));
                    assertThat(envelope.type()).isEqualTo("voice.quality");
                    assertThat(envelope.guildId()).isEqualTo(String.valueOf(GUILD));
                    assertThat(sample.region()).isEqualTo("it-region");
                    assertThat(sample.channelId()).isEqualTo(String.valueOf(CHANNEL));
                    assertThat(sample.windowMs()).isBetween(1000, 3500);
                    assertThat(sample.packetsLost()).isEqualTo(Math.max(0, sample.packetsExpected() - sample.packetsReceived()));
                    if (sample.ssrc() == lossySsrc) {
                        lossySamples.add(sample);
                    } else if (sample.ssrc() == cleanSsrc) {
                        cleanSamples.add(sample);
                    } else if (sample.ssrc() == jitterySsrc) {
                        jitterySamples.add(sample);
                    }
                }
            }
        }

        assertThat(sum(lossySamples)).isEqualTo(250);
        assertThat(lossySamples.stream().mapToLong(VoiceQualitySample::packetsReceived).sum()).isEqualTo(225);
        assertThat(lossySamples.stream().mapToLong(VoiceQualitySample::packetsLost).sum()).isEqualTo(25);
        assertThat(lossySamples).allSatisfy(s -> {
            assertThat(s.userId()).isEqualTo("1");
            if (s.packetsExpected() >= 50) {
                assertThat(s.lossRatio()).isCloseTo(0.1, within(0.03));
            }
        });
        assertThat(lossySamples.size()).isBetween(2, 5);

        assertThat(sum(cleanSamples)).isEqualTo(250);
        assertThat(cleanSamples).allSatisfy(s -> {
            assertThat(s.userId()).isEqualTo("2");
            assertThat(s.packetsLost()).isZero();
            assertThat(s.lossRatio()).isZero();
            // paced by sleep: on a loaded 2-core CI box scheduling noise alone can reach several ms, so only a sanity bound
            // here; the injected 10 ms is asserted relative to this clean stream below
            assertThat(s.jitterMs()).isBetween(0.0, 25.0);
            // version 2: no keepalives, so no RTT probes; 80-byte payloads at 50 packets/s = 32 kbit/s
            assertThat(s.rttMs()).isNull();
            assertThat(s.packetsLate()).isZero();
            assertThat(s.mos()).isBetween(3.5, 4.41);
        });
        long cleanBytes = 80L * cleanSamples.stream().mapToLong(VoiceQualitySample::packetsReceived).sum();
        double cleanKbit = cleanSamples.stream().mapToDouble(s -> s.bitrateKbps() * s.windowMs()).sum();
        assertThat(cleanKbit / 8).as("bitrate × window = payload bytes").isCloseTo(cleanBytes, within(1.0));
        assertThat(lossySamples.stream().mapToDouble(VoiceQualitySample::mos).max().orElseThrow())
                .as("10 % loss costs MOS").isLessThan(cleanSamples.stream().mapToDouble(VoiceQualitySample::mos)
                        .min().orElseThrow());
        assertJitteryStream(jitterySamples);
        double cleanMean = cleanSamples.stream().mapToDouble(VoiceQualitySample::jitterMs).average().orElseThrow();
        double jitteryMean = jitterySamples.stream().skip(1).mapToDouble(VoiceQualitySample::jitterMs).average()
                .orElseThrow();
        assertThat(jitteryMean - cleanMean).as("10 ms of extra transit variation").isBetween(4.0, 14.0);
    }

    private static void assertJitteryStream(List<VoiceQualitySample> jitterySamples) {
        assertThat(sum(jitterySamples)).isEqualTo(250);
        assertThat(jitterySamples).allSatisfy(s -> assertThat(s.packetsLost()).isZero());
        // after the first interval the estimate has converged (15/16 per packet): 10 ms plus the machine's own
        // scheduling noise, which the relative assertion against the clean stream cancels out
        jitterySamples.stream().skip(1).forEach(s -> assertThat(s.jitterMs()).isBetween(4.0, 35.0));
    }

    private static long sum(List<VoiceQualitySample> samples) {
        return samples.stream().mapToLong(VoiceQualitySample::packetsExpected).sum();
    }
}
