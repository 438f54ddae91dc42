package dev.guildhall.core.voice;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #4, proof "Bad input", over real UDP sockets: short, oversized, replayed, forged, undecryptable, spoofed and
 * random datagrams, sent from an attacker's socket and from the healthy sender's own address, are each dropped and
 * counted in {@code guildhall.voice.packets.dropped}; meanwhile a healthy transport-encrypted stream from the same
 * sender keeps flowing and every one of its packets reaches the listener, intact.
 */
class VoiceRelayBadInputIT {
    private static final long GUILD = 77;
    private static final long CHANNEL = 88;
    private static final Random RANDOM = new Random(4);

    private static SimpleMeterRegistry registry;
    private static KafkaProducer<String, byte[]> producer;
    private static VoiceRelay relay;
    private static DatagramSocket sender;    // the healthy stream's client
    private static DatagramSocket attacker;
    private static VoiceTestClient listener; // skeleton session: receives the healthy stream in plaintext
    private static VoiceSession senderSession;
    private static TransportCrypto senderCrypto; // the client's side of the sender's transport key
    private static InetSocketAddress relayAddress;
    private static final List<byte[]> sentEncrypted = new ArrayList<>();
    private static int sequence;

    /** A kind of bad datagram and which socket sends it. */
    enum Kind { SHORT, OVERSIZED, REPLAYED, FORGED, UNDECRYPTABLE, SPOOFED_SSRC, GARBAGE }

    record Bad(Kind kind, int size, long seed) {
    }

    @BeforeContainer
    static void start() throws Exception {
        registry = new SimpleMeterRegistry();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 100), new StringSerializer(), new ByteArraySerializer());
        relay = new VoiceRelay(new VoiceRelayConfig("127.0.0.1", 0, "127.0.0.1", "fuzz", "voice-fuzz",
                Duration.ofHours(1)), producer, registry);
        relay.start();
        relayAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), relay.boundPort());
        sender = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        attacker = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        senderSession = relay.admitEncrypted(GUILD, CHANNEL, 1);
        assertThat(relay.bind(senderSession, (InetSocketAddress) sender.getLocalSocketAddress())).isTrue();
        byte[] key = TransportCrypto.newKey();
        senderSession.crypto = new TransportCrypto(TransportCrypto.AES256_GCM, key);
        senderCrypto = new TransportCrypto(TransportCrypto.AES256_GCM, key);
        listener = new VoiceTestClient(relay.admit(GUILD, CHANNEL, 2));
        assertThat(listener.connect()).isTrue();
    }

    @AfterContainer
    static void stop() {
        listener.close();
        sender.close();
        attacker.close();
        relay.close();
        producer.close(Duration.ZERO);
    }

    @Provide
    Arbitrary<List<Bad>> batches() {
        Arbitrary<Bad> bad = Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 4000),
                Arbitraries.longs()).as(Bad::new);
        return bad.list().ofMinSize(1).ofMaxSize(12);
    }

    @Property(tries = 60)
    void badDatagramsAreDroppedAndCountedWhileTheHealthyStreamArrivesIntact(@ForAll("batches") List<Bad> batch)
            throws Exception {
        double droppedBefore = totalDropped();
        List<byte[]> expected = new ArrayList<>();
        // the healthy stream interleaved with the attack: one frame before, between and after the bad datagrams
        expected.add(sendHealthy());
        for (Bad bad : batch) {
            send(bad);
            expected.add(sendHealthy());
        }
        for (byte[] frame : expected) {
            byte[] received = listener.receive(2000);
            assertThat(received).as("healthy frame relayed intact").isEqualTo(frame);
        }
        assertThat(listener.receive(50)).as("nothing else reaches the listener").isNull();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(totalDropped() - droppedBefore).as("every bad datagram dropped and counted")
                        .isEqualTo(batch.size()));
    }

    /** Sends the next 20 ms frame of the healthy stream; returns the plaintext RTP the listener must receive. */
    private static byte[] sendHealthy() throws Exception {
        byte[] opus = new byte[40 + RANDOM.nextInt(40)];
        RANDOM.nextBytes(opus);
        byte[] plain = VoiceTestClient.rtp(senderSession.ssrc, sequence, 960L * sequence, opus);
        sequence++;
        byte[] sealed = new byte[plain.length + TransportCrypto.OVERHEAD];
        int n = senderCrypto.encrypt(plain, plain.length, sealed);
        byte[] datagram = Arrays.copyOf(sealed, n);
        sentEncrypted.add(datagram);
        sender.send(new DatagramPacket(datagram, datagram.length, relayAddress));
        return plain;
    }

    private static void send(Bad bad) throws Exception {
        Random r = new Random(bad.seed());
        byte[] data;
        DatagramSocket from = attacker;
        switch (bad.kind()) {
            case SHORT -> {
                data = new byte[1 + bad.size() % 11]; // 1..11 bytes: below any RTP header
                r.nextBytes(data); // 8 bytes from an unbound address are no keepalive either
            }
            case OVERSIZED -> {
                data = new byte[VoiceRelay.MAX_DATAGRAM + 1 + bad.size()];
                r.nextBytes(data);
                from = r.nextBoolean() ? sender : attacker;
            }
            case REPLAYED -> {
                data = sentEncrypted.get(r.nextInt(sentEncrypted.size())); // already received by the relay
                from = sender;
            }
            case FORGED -> {
                // the sender's header, a body and tag nobody encrypted, a nonce far ahead of the stream
                data = new byte[12 + 20 + bad.size() % 200 + TransportCrypto.OVERHEAD];
                r.nextBytes(data);
                ByteBuffer.wrap(data).put((byte) 0x80).put((byte) 0x78).putShort((short) r.nextInt())
                        .putInt(r.nextInt()).putInt((int) senderSession.ssrc);
                ByteBuffer.wrap(data).putInt(data.length - 4, sequence + 1_000_000);
                from = sender;
            }
            case UNDECRYPTABLE -> {
                // a genuine packet of the stream, one bit flipped after the header, under an unused nonce
                byte[] plain = VoiceTestClient.rtp(senderSession.ssrc, sequence, 960L * sequence, new byte[60]);
                byte[] sealed = new byte[plain.length + TransportCrypto.OVERHEAD];
                int n = new TransportCrypto(TransportCrypto.AES256_GCM, new byte[32]).encrypt(plain, plain.length,
                        sealed);
                data = Arrays.copyOf(sealed, n);
                data[12 + r.nextInt(n - 16)] ^= (byte) (1 << r.nextInt(8));
                ByteBuffer.wrap(data).putInt(n - 4, sequence + 2_000_000);
                from = sender;
            }
            case SPOOFED_SSRC -> {
                data = VoiceTestClient.rtp(senderSession.ssrc, sequence, 960L * sequence, new byte[40]);
            }
            default -> {
                data = new byte[12 + bad.size() % (VoiceRelay.MAX_DATAGRAM - 12)];
                r.nextBytes(data);
                if (data.length == 74) {
                    data[0] = 9; // not an IP discovery request
                }
            }
        }
        from.send(new DatagramPacket(data, data.length, relayAddress));
    }

    private static double totalDropped() {
        return registry.get("guildhall.voice.packets.dropped").counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
