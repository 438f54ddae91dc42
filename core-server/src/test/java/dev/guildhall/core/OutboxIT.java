package dev.guildhall.core;

import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.core.support.TestServer;
import dev.guildhall.events.EventCodec;
import dev.guildhall.events.EventEnvelope;
import dev.guildhall.events.Topics;
import dev.guildhall.events.payload.MessageCreated;
import dev.guildhall.testkit.Engines;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Messages reach Kafka through the transactional outbox, including those stored while Kafka was unreachable. */
class OutboxIT {
    private static TestServer server;
    private static ApiClient api;
    private static Account owner;
    private static String guildId;
    private static String channelId;

    @BeforeAll
    static void start() throws Exception {
        Engines.kafka().createTopic(Topics.MESSAGES, 3);
        server = TestServer.start("core_outbox");
        api = server.client();
        owner = api.register("outboxowner");
        guildId = api.createGuild(owner, "Outbox Guild").get("id").asText();
        channelId = api.textChannel(owner, guildId);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Reads guildhall.messages from the beginning until every wanted message id was seen (or the timeout). */
    private static Map<String, ConsumerRecord<String, byte[]>> consumeUntil(List<String> messageIds, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Engines.kafka().bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "outbox-it-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Map<String, ConsumerRecord<String, byte[]>> byMessage = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(Topics.MESSAGES));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && !byMessage.keySet().containsAll(messageIds)) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    EventEnvelope e = EventCodec.decode(r.value());
                    MessageCreated m = EventCodec.payload(e, MessageCreated.class);
                    byMessage.putIfAbsent(m.messageId(), r);
                }
            }
        }
        return byMessage;
    }

    @Test
    void postedMessagesAppearOnKafkaAsMessageCreatedKeyedByGuild() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(api.sendMessage(owner.auth(), channelId, "outbox " + i).str("id"));
        }
        Map<String, ConsumerRecord<String, byte[]>> seen = consumeUntil(ids, Duration.ofSeconds(60));
        assertThat(seen.keySet()).containsAll(ids);
        Map<String, Integer> order = new HashMap<>();
        for (String id : ids) {
            ConsumerRecord<String, byte[]> r = seen.get(id);
            assertThat(r.key()).isEqualTo(guildId);
            EventEnvelope e = EventCodec.decode(r.value());
            assertThat(e.type()).isEqualTo("message.created");
            assertThat(e.version()).isEqualTo(1);
            assertThat(e.guildId()).isEqualTo(guildId);
            assertThat(e.eventId()).matches("\\d+");
            assertThat(e.source()).startsWith("core-server@");
            MessageCreated m = EventCodec.payload(e, MessageCreated.class);
            assertThat(m.channelId()).isEqualTo(channelId);
            assertThat(m.authorId()).isEqualTo(owner.userId());
            assertThat(m.authorBot()).isFalse();
            assertThat(m.content()).startsWith("outbox ");
            assertThat(m.contentLength()).isEqualTo(m.content().length());
            order.put(id, (int) r.offset());
        }
        // one guild = one partition: offsets follow the order of posting
        for (int i = 1; i < ids.size(); i++) {
            assertThat(seen.get(ids.get(i)).partition()).isEqualTo(seen.get(ids.get(0)).partition());
            assertThat(order.get(ids.get(i))).isGreaterThan(order.get(ids.get(i - 1)));
        }
        String metrics = api.call("GET", "/metrics", null, null).raw();
        assertThat(metrics).contains("guildhall_outbox_sent_total").contains("guildhall_outbox_pending");
    }

    @Test
    void aSecondNodeOnTheSameDatabaseStandsByAndTheLeaderRelaysItsMessages() throws Exception {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> server.server().outboxRelay().isLeader());
        try (TestServer second = TestServer.start("core_outbox_unused",
                Map.of("pg.url", server.config().pgUrl(), "node.process.id", "1"))) {
            Thread.sleep(1500);
            assertThat(second.server().outboxRelay().isLeader()).isFalse();
            String id = second.client().sendMessage(owner.auth(), channelId, "via the second node").str("id");
            assertThat(consumeUntil(List.of(id), Duration.ofSeconds(60))).containsKey(id);
        }
    }

    @Test
    void messagesStoredWhileKafkaIsUnreachableAreDeliveredLater() throws Exception {
        // restart against a broker address where nothing listens: messages are still accepted and stored
        server.restart(Map.of("kafka.bootstrap", "127.0.0.1:1"));
        api = server.client();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            var r = api.sendMessage(owner.auth(), channelId, "while kafka is away " + i);
            assertThat(r.status()).isEqualTo(200);
            ids.add(r.str("id"));
        }
        Thread.sleep(1500);
        String metrics = api.call("GET", "/metrics", null, null).raw();
        assertThat(metrics).containsPattern("guildhall_outbox_pending\\{[^}]*\\} 3\\.0");
        // back to the real broker: the relay delivers what is pending
        server.restart(Map.of("kafka.bootstrap", Engines.kafka().bootstrapServers()));
        api = server.client();
        Map<String, ConsumerRecord<String, byte[]>> seen = consumeUntil(ids, Duration.ofSeconds(60));
        assertThat(seen.keySet()).containsAll(ids);
    }
}
