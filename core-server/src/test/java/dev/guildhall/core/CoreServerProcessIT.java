package dev.guildhall.core;

import dev.guildhall.core.support.ApiClient;
import dev.guildhall.core.support.ApiClient.Account;
import dev.guildhall.events.EventCodec;
import dev.guildhall.events.Topics;
import dev.guildhall.events.payload.MessageCreated;
import dev.guildhall.testkit.Engines;
import dev.guildhall.testkit.FreePorts;
import dev.guildhall.testkit.PostgresEngine;
import dev.guildhall.testkit.ServiceProcess;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * core-server launched exactly as the runtime contract says (packaged jar + lib/, env config): it serves,
 * survives kill -9 without losing outbox events, and stops gracefully on SIGTERM.
 */
class CoreServerProcessIT {

    @Test
    void launchKillNineRestartAndGracefulStop() throws Exception {
        Engines.kafka().createTopic(Topics.MESSAGES, 3);
        PostgresEngine pg = Engines.postgres();
        int port = FreePorts.next();
        Map<String, String> env = Map.of(
                "GUILDHALL_HTTP_PORT", Integer.toString(port),
                "GUILDHALL_PG_URL", pg.createDatabase("core_process"),
                "GUILDHALL_PG_USER", pg.user(),
                "GUILDHALL_PG_PASSWORD", pg.password(),
                "GUILDHALL_KAFKA_BOOTSTRAP", Engines.kafka().bootstrapServers(),
                "GUILDHALL_VOICE_UDP_PORT", "0",
                "GUILDHALL_VOICE_GATEWAY_PORT", "0",
                "GUILDHALL_PUBLIC_HOST", "localhost",
                "GUILDHALL_AUTH_BCRYPT_COST", "4",
                "GUILDHALL_RATELIMIT_ROUTES", "none"); // 20 quick posts; global and default route limits stay
        String health = "http://127.0.0.1:" + port + "/health";
        ApiClient api = new ApiClient("http://127.0.0.1:" + port);
        List<String> ids = new ArrayList<>();

        ServiceProcess first = ServiceProcess.start("core-server", "dev.guildhall.core.CoreServerMain", "256m", env)
                .awaitHealthy(health, Duration.ofSeconds(60));
        Account owner = api.register("procowner");
        String guildId = api.createGuild(owner, "Process Guild").get("id").asText();
        String channelId = api.textChannel(owner, guildId);
        assertThat(api.get("/api/v10/gateway", null).str("url")).isEqualTo("ws://localhost:" + port + "/gateway");
        for (int i = 0; i < 20; i++) {
            ids.add(api.sendMessage(owner.auth(), channelId, "before crash " + i).str("id"));
        }
        first.kill9();

        ServiceProcess second = ServiceProcess.start("core-server", "dev.guildhall.core.CoreServerMain", "256m", env)
                .awaitHealthy(health, Duration.ofSeconds(60));
        try {
            for (int i = 0; i < 5; i++) {
                ids.add(api.sendMessage(owner.auth(), channelId, "after restart " + i).str("id"));
            }
            assertThat(consume(ids, Duration.ofSeconds(60))).containsAll(ids);
        } finally {
            second.close(); // SIGTERM
        }
        assertThat(second.isAlive()).isFalse();
        assertThat(second.logTail(30)).contains("event=core_server_stopped");
    }

    private static Set<String> consume(List<String> wanted, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Engines.kafka().bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "process-it-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Set<String> seen = new HashSet<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(Topics.MESSAGES));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && !seen.containsAll(wanted)) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    seen.add(EventCodec.payload(EventCodec.decode(r.value()), MessageCreated.class).messageId());
                }
            }
        }
        return seen;
    }
}
