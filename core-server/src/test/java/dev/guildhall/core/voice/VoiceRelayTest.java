package dev.guildhall.core.voice;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay over real UDP sockets on localhost. Kafka is not involved here (the sample interval is an hour, so
 * nothing is published); publishing is covered by {@code VoiceQualityPublishingIT} against a real broker.
 */
class VoiceRelayTest {
    private static final long GUILD = 1000;
    private static final long CHANNEL_A = 2000;
    private static final long CHANNEL_B = 3000;

    private SimpleMeterRegistry registry;
    private Producer<String, byte[]> producer;
    private VoiceRelay relay;
    private final List<VoiceTestClient> clients = new ArrayList<>();

    @BeforeEach
    void startRelay() {
        registry = new SimpleMeterRegistry();
        // a real client that is never asked to send: the sample interval outlives the test
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 100,
                ProducerConfig.RECONNECT_BACKOFF_MS_CONFIG, 60_000, ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 60_000), new StringSerializer(), new ByteArraySerializer());
        VoiceRelayConfig config = new VoiceRelayConfig("127.0.0.1", 0, "127.0.0.1", "test-region", "voice-test-1",
                Duration.ofHours(1));
        relay = new VoiceRelay(config, producer, registry);
        relay.start();
    }

    @AfterEach
    void stopRelay() {
        clients.forEach(VoiceTestClient::close);
        relay.close();
        producer.close(Duration.ZERO);
    }

    private VoiceTestClient join(long channel, long user) throws IOException {
        VoiceTestClient client = new VoiceTestClient(relay.admit(GUILD, channel, user));
        clients.add(client);
        return client;
    }

    private double dropped(String reason) {
        return registry.get("guildhall.voice.packets.dropped").tag("reason", reason).counter().count();
    }

    private double counter(String name) {
        return registry.get(name).counter().count();
    }

    @Test
    void grantFollowsTheContract() {
        VoiceGrant grant = relay.admit(GUILD, CHANNEL_A, 1);
        assertThat(grant.udpPort()).isEqualTo(relay.boundPort()).isPositive();
        assertThat(grant.udpHost()).isEqualTo("127.0.0.1");
        assertThat(grant.region()).isEqualTo("test-region");
        assertThat(grant.voiceServer()).isEqualTo("voice-test-1");
        assertThat(grant.ssrc()).isBetween(1L, 0xFFFF_FFFFL);
        assertThat(grant.sessionToken()).matches("[0-9a-f]{32}");
        Set<String> tokens = new HashSet<>();
        Set<Long> ssrcs = new HashSet<>();
        for (int user = 0; user < 200; user++) {
            VoiceGrant g = relay.admit(GUILD, CHANNEL_B, user);
            tokens.add(g.sessionToken());
            ssrcs.add(g.ssrc());
        }
        assertThat(tokens).hasSize(200);
        assertThat(ssrcs).hasSize(200);
    }

    @Test
    void forwardsToEveryOtherMemberOfTheChannelOnly() throws IOException {
        VoiceTestClient alice = join(CHANNEL_A, 1);
        VoiceTestClient bob = join(CHANNEL_A, 2);
        VoiceTestClient carol = join(CHANNEL_A, 3);
        VoiceTestClient dave = join(CHANNEL_B, 4);
        for (VoiceTestClient c : clients) {
            assertThat(c.connect()).as("HELLO_ACK").isTrue();
        }

        byte[] payload = "opus-frame-from-alice".getBytes(StandardCharsets.US_ASCII);
        byte[] sent = alice.sendFrame(0, payload);
        assertThat(bob.receive(2000)).isEqualTo(sent);
        assertThat(carol.receive(2000)).isEqualTo(sent);
        assertThat(alice.receive(300)).as("no echo to the sender").isNull();
        assertThat(dave.receive(300)).as("other channel").isNull();

        byte[] fromDave = dave.sendFrame(7, new byte[]{1, 2, 3});
        assertThat(alice.receive(300)).isNull();
        assertThat(bob.receive(300)).isNull();

        byte[] fromCarol = carol.sendFrame(1, new byte[160]);
        assertThat(alice.receive(2000)).isEqualTo(fromCarol);
        assertThat(bob.receive(2000)).isEqualTo(fromCarol);
        assertThat(dave.receive(300)).isNull();
        assertThat(fromDave).isNotNull();

        assertThat(counter("guildhall.voice.packets.forwarded")).isEqualTo(4.0);
        assertThat(counter("guildhall.voice.packets.in")).isEqualTo(4 + 3.0); // 4 HELLOs + 3 RTP
    }

    @Test
    void manyPacketsAllArriveInOrder() throws IOException {
        VoiceTestClient alice = join(CHANNEL_A, 1);
        VoiceTestClient bob = join(CHANNEL_A, 2);
        assertThat(alice.connect()).isTrue();
        assertThat(bob.connect()).isTrue();
        for (int n = 0; n < 200; n++) {
            byte[] sent = alice.sendFrame(n, new byte[]{(byte) n});
            assertThat(bob.receive(2000)).isEqualTo(sent);
        }
        assertThat(counter("guildhall.voice.packets.forwarded")).isEqualTo(200.0);
        assertThat(registry.get("guildhall.voice.bytes.forwarded").counter().count()).isEqualTo(200.0 * 13);
    }

    @Test
    void badDatagramsAreDroppedAndCountedWhileOtherStreamsContinue() throws IOException {
        VoiceTestClient alice = join(CHANNEL_A, 1);
        VoiceTestClient bob = join(CHANNEL_A, 2);
        VoiceTestClient mallory = join(CHANNEL_A, 3);
        assertThat(alice.connect()).isTrue();
        assertThat(bob.connect()).isTrue();

        // wrong token: no HELLO_ACK, not bound, so mallory's RTP is not relayed
        String wrong = mallory.grant().sessionToken().replace(mallory.grant().sessionToken().charAt(0),
                mallory.grant().sessionToken().charAt(0) == 'a' ? 'b' : 'a');
        assertThat(mallory.connect(wrong)).isFalse();
        assertThat(mallory.connect(mallory.grant().sessionToken() + "0")).as("token with a suffix").isFalse();
        assertThat(mallory.connect("")).as("empty token").isFalse();
        mallory.sendFrame(0, new byte[]{9});
        // ssrc nobody was given
        mallory.sendRaw(VoiceTestClient.rtp(alice.grant().ssrc() ^ 0x5A5A5A5AL, 0, 0, new byte[]{9}));
        // alice's ssrc from mallory's socket: spoofed source
        mallory.sendRaw(VoiceTestClient.rtp(alice.grant().ssrc(), 99, 0, new byte[]{9}));
        // too short for anything, too short for RTP, not RTP version 2, RTP claiming 15 CSRCs, HELLO of another type
        mallory.sendRaw(new byte[]{1, 2});
        mallory.sendRaw(new byte[]{(byte) 0x80, 120, 0, 1, 0, 0, 0});
        mallory.sendRaw(new byte[]{0x40, 120, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 5});
        mallory.sendRaw(new byte[]{(byte) 0x8F, 120, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 5});
        mallory.sendRaw(new byte[]{0x47, 0x48, 0x07, 0, 0, 0, 0, 1, 65});
        // random garbage: every datagram is dropped for some reason, none forwarded
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            byte[] garbage = new byte[1 + random.nextInt(300)];
            random.nextBytes(garbage);
            mallory.sendRaw(garbage);
        }

        byte[] sent = alice.sendFrame(0, new byte[]{42});
        assertThat(bob.receive(2000)).isEqualTo(sent);
        byte[] reply = bob.sendFrame(0, new byte[]{43});
        assertThat(alice.receive(2000)).isEqualTo(reply);
        assertThat(alice.receive(300)).as("nothing from mallory").isNull();
        assertThat(bob.receive(300)).as("nothing from mallory").isNull();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(dropped("bad_token")).isEqualTo(2.0);
            assertThat(dropped("unbound_ssrc")).isEqualTo(1.0);
            assertThat(dropped("spoofed_source")).isEqualTo(1.0);
            assertThat(dropped("too_short")).isGreaterThanOrEqualTo(2.0);
            assertThat(dropped("bad_version")).isGreaterThanOrEqualTo(1.0);
            assertThat(dropped("malformed")).isGreaterThanOrEqualTo(1.0);
            assertThat(dropped("bad_hello")).isGreaterThanOrEqualTo(2.0); // empty token, unknown type
            assertThat(dropped("unknown_ssrc")).isGreaterThanOrEqualTo(1.0);
            double totalDropped = registry.get("guildhall.voice.packets.dropped").counters().stream()
                    .mapToDouble(c -> c.count()).sum();
            assertThat(totalDropped).isEqualTo(3 + 1 + 1 + 1 + 5 + 200.0);
        });
        assertThat(counter("guildhall.voice.packets.forwarded")).isEqualTo(2.0);
    }

    @Test
    void keepalivesAreEchoedAndTheirSendersReceiveRttProbesWhoseEchoesAreTimed() throws IOException {
        VoiceTestClient alice = join(CHANNEL_A, 1);
        VoiceTestClient stranger = join(CHANNEL_A, 2); // never binds
        assertThat(alice.connect()).isTrue();
        assertThat(alice.receive(1500)).as("no probe before the client sent a keepalive").isNull();

        byte[] keepalive = {7, 0, 0, 0, 0, 0, 0, 0}; // discord.js: little-endian counter
        alice.sendRaw(keepalive);
        assertThat(alice.receive(1000)).as("keepalive echoed unchanged").isEqualTo(keepalive);
        alice.sendRaw(keepalive); // sooner than 100 ms after the last echo: rate-limited
        stranger.sendRaw(keepalive); // from an address no session is bound to

        byte[] probe = alice.receive(2500);
        assertThat(probe).hasSize(8);
        assertThat(ByteBuffer.wrap(probe).getInt()).as("GHRT").isEqualTo(0x47485254);
        alice.sendRaw(probe);
        alice.sendRaw(probe); // a second echo of the same probe is no second sample
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(counter("guildhall.voice.rtt.probes.answered")).isEqualTo(1.0);
            assertThat(counter("guildhall.voice.keepalives.echoed")).isEqualTo(1.0);
            assertThat(dropped("stale_probe")).isEqualTo(1.0);
            assertThat(dropped("keepalive_flood")).isEqualTo(1.0);
            assertThat(dropped("unknown_source")).isEqualTo(1.0);
        });
    }

    @Test
    void readmitReplacesTheEarlierSession() throws IOException {
        VoiceTestClient first = join(CHANNEL_A, 1);
        VoiceTestClient listener = join(CHANNEL_A, 2);
        assertThat(first.connect()).isTrue();
        assertThat(listener.connect()).isTrue();

        VoiceTestClient second = join(CHANNEL_A, 1); // same user joins again (e.g. reconnect)
        assertThat(second.grant().ssrc()).isNotEqualTo(first.grant().ssrc());
        assertThat(second.grant().sessionToken()).isNotEqualTo(first.grant().sessionToken());
        assertThat(first.connect()).as("old token no longer valid").isFalse();
        assertThat(second.connect()).isTrue();

        first.sendFrame(0, new byte[]{1});
        assertThat(listener.receive(300)).isNull();
        byte[] sent = second.sendFrame(0, new byte[]{2});
        assertThat(listener.receive(2000)).isEqualTo(sent);
        assertThat(relay.sessionCount()).isEqualTo(2);
    }

    @Test
    void helloFromANewAddressRebindsTheSession() throws IOException {
        VoiceTestClient alice = join(CHANNEL_A, 1);
        VoiceTestClient bob = join(CHANNEL_A, 2);
        assertThat(alice.connect()).isTrue();
        assertThat(bob.connect()).isTrue();
        // alice's NAT mapping changed: same grant, new socket
        VoiceTestClient aliceMoved = new VoiceTestClient(alice.grant(),
                new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
        clients.add(aliceMoved);
        assertThat(aliceMoved.connect()).isTrue();
        alice.sendFrame(0, new byte[]{1});
        assertThat(bob.receive(300)).as("old address is no longer the source").isNull();
        byte[] sent = aliceMoved.sendFrame(1, new byte[]{2});
        assertThat(bob.receive(2000)).isEqualTo(sent);
        byte[] reply = bob.sendFrame(0, new byte[]{3});
        assertThat(aliceMoved.receive(2000)).isEqualTo(reply);
        assertThat(alice.receive(300)).isNull();
    }

    @Test
    void releasedSessionIsNoLongerRelayed() throws IOException {
        VoiceTestClient alice = join(CHANNEL_A, 1);
        VoiceTestClient bob = join(CHANNEL_A, 2);
        assertThat(alice.connect()).isTrue();
        assertThat(bob.connect()).isTrue();
        assertThat(relay.release(CHANNEL_A, 1)).isTrue();
        assertThat(relay.release(CHANNEL_A, 1)).isFalse();
        alice.sendFrame(0, new byte[]{1});
        assertThat(bob.receive(300)).isNull();
        bob.sendFrame(0, new byte[]{2});
        assertThat(alice.receive(300)).isNull();
        assertThat(dropped("unknown_ssrc")).isEqualTo(1.0);
    }

    @Test
    void tokenComparisonIsExact() {
        byte[] expected = "00ff".getBytes(StandardCharsets.US_ASCII);
        io.netty.buffer.ByteBuf buf = io.netty.buffer.Unpooled.copiedBuffer("xx00ff", StandardCharsets.US_ASCII);
        assertThat(SessionBindingHandler.tokenMatches(buf, 2, expected)).isTrue();
        assertThat(SessionBindingHandler.tokenMatches(buf, 3, expected)).isFalse();
        assertThat(SessionBindingHandler.tokenMatches(buf, 1, expected)).isFalse();
        assertThat(SessionBindingHandler.tokenMatches(buf, 6, expected)).isFalse();
        buf.release();
    }
}
