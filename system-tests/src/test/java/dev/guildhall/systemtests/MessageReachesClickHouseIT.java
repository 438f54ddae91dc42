package dev.guildhall.systemtests;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A chat message posted through the REST API, as a client would, is stored in PostgreSQL, relayed through the
 * outbox to Kafka, counted by the Flink engagement job and lands in ClickHouse's message_counts_1m.
 * Bound: 150 s from the last post (one-minute event-time windows close when the watermark passes the minute).
 */
class MessageReachesClickHouseIT {
    private static final Duration BOUND = Duration.ofSeconds(150);

    @Test
    void postedMessagesAreCountedPerMinuteInClickHouse() throws Exception {
        Stack stack = Stack.get();
        RestClient rest = stack.rest();
        Community measured = new Community(rest);
        Community.Account alice = measured.member("alice");
        Community.Account bob = measured.member("bob");

        int posted = 0;
        for (int i = 0; i < 7; i++) {
            measured.post(alice.token(), "gg wp #" + i);
            measured.post(bob.token(), "rematch? " + i);
            posted += 2;
        }

        // Background traffic in another guild keeps event time moving, like any live community does.
        Community ticker = new Community(rest);
        Instant deadline = Instant.now().plus(BOUND);
        String sql = "SELECT sum(messages) FROM {db}.message_counts_1m FINAL WHERE guild_id = " + measured.guildId
                + " AND channel_id = " + measured.textChannelId;
        String counted = "";
        while (Instant.now().isBefore(deadline)) {
            ticker.post(ticker.ownerToken, "tick " + Instant.now());
            counted = stack.clickhouse(sql);
            if (counted.equals(String.valueOf(posted))) {
                break;
            }
            Thread.sleep(2_000);
        }
        assertThat(counted).as("messages counted for guild %s within %s", measured.guildId, BOUND)
                .isEqualTo(String.valueOf(posted));
        // Content never reaches ClickHouse: the table has no such column.
        assertThat(stack.clickhouse("SELECT count() FROM system.columns WHERE database = '{db}' AND name = 'content'"))
                .isEqualTo("0");
    }
}
