package dev.guildhall.systemtests;

import dev.guildhall.events.EventCodec;
import dev.guildhall.events.EventEnvelope;
import dev.guildhall.events.Topics;
import dev.guildhall.events.payload.VoiceAlert;
import dev.guildhall.testkit.Engines;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Voice packets sent through the UDP relay are forwarded to the other member of the channel; the relay's
 * voice.quality samples (10 % injected loss) reach ClickHouse's voice_quality_1m through Flink, and the
 * quality-monitor opens a loss alert for the region, which the alerts job writes to ClickHouse. Bound: 150 s.
 */
class VoiceReachesClickHouseIT {
    private static final Duration BOUND = Duration.ofSeconds(150);

    @Test
    void relayedVoiceIsMeasuredAndAggregatedInClickHouse() throws Exception {
        Stack stack = Stack.get();
        Community community = new Community(stack.rest());
        Community.Account speaker = community.member("speaker");
        Community.Account listener = community.member("listener");

        try (KafkaConsumer<String, byte[]> alerts = alertConsumer();
             VoiceClient talk = new VoiceClient(stack.rest(), speaker.token(), community.voiceChannelId);
             VoiceClient hear = new VoiceClient(stack.rest(), listener.token(), community.voiceChannelId)) {
            Thread.sleep(300); // both HELLOs bound

            String sql = "SELECT sum(samples), round(sum(loss_ratio * samples) / sum(samples), 3) FROM "
                    + "{db}.voice_quality_1m FINAL WHERE region = '" + stack.region + "'";
            Instant deadline = Instant.now().plus(BOUND);
            long frames = 0;
            String row = "";
            boolean alertOpened = false;
            String alertRows = "0";
            String alertSql = "SELECT count() FROM {db}.alerts FINAL WHERE region = '" + stack.region
                    + "' AND voice_server = '' AND metric = 'loss_ratio' AND state = 'open'";
            long nextCheck = System.nanoTime();
            long next = System.nanoTime();
            while (Instant.now().isBefore(deadline)) {
                talk.frame(frames % 10 == 9); // every 10th sequence number is lost
                frames++;
                if (frames % 250 == 0) {
                    talk.hello(); // keepalive
                    hear.hello();
                }
                next += 20_000_000L;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000L, (int) (sleep % 1_000_000L));
                }
                if (System.nanoTime() > nextCheck) {
                    nextCheck = System.nanoTime() + 3_000_000_000L;
                    row = stack.clickhouse(sql);
                    alertOpened |= alertOpenedFor(alerts, stack.region);
                    alertRows = stack.clickhouse(alertSql);
                    if (!row.isEmpty() && !row.startsWith("0") && alertOpened && !alertRows.equals("0")) {
                        break;
                    }
                }
            }
            assertThat(hear.received()).as("frames forwarded to the listener").isGreaterThan(frames * 8 / 10);
            assertThat(talk.received()).as("nothing echoed back to the speaker").isZero();
            assertThat(row).as("voice_quality_1m rows for %s within %s", stack.region, BOUND).isNotEmpty();
            String[] cols = row.split("\t");
            assertThat(Long.parseLong(cols[0])).isPositive();
            assertThat(Double.parseDouble(cols[1])).as("loss ratio").isBetween(0.08, 0.12);
            assertThat(alertOpened).as("loss alert opened for region " + stack.region).isTrue();
            assertThat(alertRows).as("the open alert reached ClickHouse's alerts table").isEqualTo("1");
        }
    }

    private static KafkaConsumer<String, byte[]> alertConsumer() {
        KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Engines.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "systest-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        c.subscribe(List.of(Topics.ALERTS));
        return c;
    }

    private static boolean alertOpenedFor(KafkaConsumer<String, byte[]> consumer, String region) {
        boolean found = false;
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
            EventEnvelope env = EventCodec.decode(r.value());
            VoiceAlert alert = EventCodec.payload(env, VoiceAlert.class);
            if (alert.region().equals(region) && alert.state().equals("open") && alert.metric().equals("loss_ratio")) {
                found = true;
            }
        }
        return found;
    }
}
