package dev.guildhall.analytics;

import dev.guildhall.analytics.config.AnalyticsConfig;
import dev.guildhall.analytics.engagement.EngagementJob;
import dev.guildhall.analytics.members.MembersJob;
import dev.guildhall.analytics.metrics.AnalyticsMetrics;
import dev.guildhall.analytics.moderation.ModerationJob;
import dev.guildhall.analytics.runtime.LocalAnalyticsRuntime;
import dev.guildhall.events.Topics;
import dev.guildhall.events.payload.MemberLeft;
import dev.guildhall.events.payload.ModerationAction;
import dev.guildhall.testkit.ClickHouseEngine;
import dev.guildhall.testkit.Engines;
import dev.guildhall.testkit.KafkaEngine;
import dev.guildhall.warehouse.ClickHouseConnections;
import dev.guildhall.warehouse.Migrator;
import dev.guildhall.warehouse.queries.ActionCount;
import dev.guildhall.warehouse.queries.CohortRetention;
import dev.guildhall.warehouse.queries.DayCount;
import dev.guildhall.warehouse.queries.InsightsQueries;
import dev.guildhall.warehouse.queries.MemberDay;
import dev.guildhall.warehouse.queries.WeekCount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The engagement (per-author days), members and moderation jobs in the local MiniCluster against the testkit's
 * real Kafka and ClickHouse: member, message and moderation events of two past UTC days in, the owner-insight
 * queries (warehouse-schemas) give the exact answers, retention cohorts included; contract violations go to the dead-letter topic with their
 * reason and source, and the jobs keep running.
 */
class CommunityJobsIT {
    private static final long DAY = 86_400_000;
    private static final long GUILD = 5101;
    private static final Duration BOUND = Duration.ofSeconds(120);

    @TempDir
    Path checkpoints;

    @Test
    void memberMessageAndModerationEventsBecomeExactInsights() throws Exception {
        KafkaEngine kafka = Engines.kafka();
        ClickHouseEngine clickhouse = Engines.clickhouse();
        String database = clickhouse.createDatabase("community");
        new Migrator(clickhouse.jdbcUrl(database)).migrate();
        InsightsQueries insights = new InsightsQueries(ClickHouseConnections.dataSource(clickhouse.jdbcUrl(database)));

        try (KafkaFeed feed = new KafkaFeed(kafka)) {
            for (String topic : List.of(Topics.MESSAGES, Topics.MEMBERS, Topics.MODERATION)) {
                kafka.createTopic(feed.prefix + topic, 1);
            }
            kafka.createTopic(feed.prefix + Topics.DEAD_LETTER, 1);

            Map<String, String> env = new HashMap<>();
            env.put("GUILDHALL_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
            env.put("GUILDHALL_CLICKHOUSE_URL", clickhouse.jdbcUrl(database));
            env.put("GUILDHALL_CHECKPOINT_DIR", checkpoints.toString());
            env.put("GUILDHALL_METRICS_PORT", "0");
            env.put("GUILDHALL_ANALYTICS_GROUP_ID", "it-" + UUID.randomUUID());
            env.put("GUILDHALL_KAFKA_TOPIC_PREFIX", feed.prefix);
            env.put("GUILDHALL_CHECKPOINT_INTERVAL", "2s");
            env.put("GUILDHALL_SINK_FLUSH_INTERVAL", "500ms");
            AnalyticsConfig config = AnalyticsConfig.from(new Properties(), env);

            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            LocalDate d1 = today.minusDays(3);
            LocalDate d2 = today.minusDays(2);
            long t1 = d1.toEpochDay() * DAY + 3_600_000;   // 01:00 UTC
            long t2 = d2.toEpochDay() * DAY + 7_200_000;

            // members: 3 joins and 1 kick on d1, 1 join and 1 leave on d2; a contract violation
            feed.send(Topics.MEMBERS, GUILD, TestEvents.memberJoined(GUILD, 1, t1));
            feed.send(Topics.MEMBERS, GUILD, TestEvents.memberJoined(GUILD, 2, t1 + 1_000));
            feed.send(Topics.MEMBERS, GUILD, TestEvents.memberJoined(GUILD, 3, t1 + 2_000));
            feed.send(Topics.MEMBERS, GUILD, TestEvents.memberLeft(GUILD, 3, MemberLeft.KICKED, t1 + 3_000));
            feed.send(Topics.MEMBERS, GUILD, TestEvents.memberLeft(GUILD, 9, "evaporated", t1 + 3_500));
            feed.send(Topics.MEMBERS, GUILD, TestEvents.memberJoined(GUILD, 4, t2));
            feed.send(Topics.MEMBERS, GUILD, TestEvents.memberLeft(GUILD, 2, MemberLeft.LEFT, t2 + 1_000));
            // messages: users 1 (twice) and 2 on d1, users 4 and 1 on d2; a bot on both days is no active user
            feed.send(Topics.MESSAGES, GUILD, TestEvents.messageCreated(GUILD, 600, 1, false, t1 + 10_000));
            feed.send(Topics.MESSAGES, GUILD, TestEvents.messageCreated(GUILD, 600, 1, false, t1 + 20_000));
            feed.send(Topics.MESSAGES, GUILD, TestEvents.messageCreated(GUILD, 601, 2, false, t1 + 30_000));
            feed.send(Topics.MESSAGES, GUILD, TestEvents.messageCreated(GUILD, 600, 77, true, t1 + 40_000));
            feed.send(Topics.MESSAGES, GUILD, TestEvents.messageCreated(GUILD, 600, 4, false, t2 + 10_000));
            feed.send(Topics.MESSAGES, GUILD, TestEvents.messageCreated(GUILD, 601, 1, false, t2 + 15_000));
            feed.send(Topics.MESSAGES, GUILD, TestEvents.messageCreated(GUILD, 600, 77, true, t2 + 20_000));
            // moderation: a ban delivered twice, a timeout, an unknown action, a voice mute and a voice disconnect
            byte[] ban = TestEvents.moderationAction(GUILD, ModerationAction.BAN, 1, 8, null, t1 + 50_000);
            feed.send(Topics.MODERATION, GUILD, ban);
            feed.send(Topics.MODERATION, GUILD, ban);
            feed.send(Topics.MODERATION, GUILD, TestEvents.moderationAction(GUILD, ModerationAction.TIMEOUT, 1, 9,
                    t2 + DAY, t2));
            feed.send(Topics.MODERATION, GUILD, TestEvents.moderationAction(GUILD, "pillory", 1, 9, null, t2 + 1));
            feed.send(Topics.MODERATION, GUILD, TestEvents.moderationAction(GUILD, ModerationAction.VOICE_MUTE, 1, 9,
                    null, t2 + 2));
            feed.send(Topics.MODERATION, GUILD, TestEvents.moderationAction(GUILD,
                    ModerationAction.VOICE_DISCONNECT, 1, 9, null, t2 + 3));
            // watermarks past both days (guild 9999 is not asserted on)
            feed.send(Topics.MEMBERS, 9999, TestEvents.memberJoined(9999, 1, t2 + DAY + 60_000));
            feed.send(Topics.MESSAGES, 9999, TestEvents.messageCreated(9999, 1, 1, false, t2 + DAY + 60_000));
            feed.flush();

            try (LocalAnalyticsRuntime runtime = new LocalAnalyticsRuntime(config,
                    AnalyticsJobs.select(EngagementJob.NAME + "," + MembersJob.NAME + "," + ModerationJob.NAME),
                    AnalyticsMetrics.registry())) {
                runtime.start();

                await().atMost(BOUND).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                        assertThat(insights.memberGrowth(GUILD, d1, today)).containsExactly(
                                new MemberDay(d1, 3, 1), new MemberDay(d2, 1, 1)));
                await().atMost(BOUND).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                        assertThat(insights.dailyActiveUsers(GUILD, d1, today)).containsExactly(
                                new DayCount(d1, 2), new DayCount(d2, 2)));
                LocalDate w1 = d1.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                LocalDate w2 = d2.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                assertThat(insights.weeklyActiveUsers(GUILD, d1, today)).containsExactlyElementsOf(w1.equals(w2)
                        ? List.of(new WeekCount(w1, 3)) : List.of(new WeekCount(w1, 2), new WeekCount(w2, 2)));
                assertThat(clickhouse.query(database, "SELECT user_id, toString(day), messages FROM user_activity_1d"
                        + " FINAL WHERE guild_id = " + GUILD + " ORDER BY day, user_id"))
                        .isEqualTo("1\t" + d1 + "\t2\n2\t" + d1 + "\t1\n1\t" + d2 + "\t1\n4\t" + d2 + "\t1\n");
                // cohorts: users 1, 2, 3 joined on d1 and only user 1 posted a day later; user 4 joined on d2
                await().atMost(BOUND).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                        assertThat(insights.newMemberRetention(GUILD, d1, today)).containsExactly(
                                new CohortRetention(d1, 3, 1, 0, 0), new CohortRetention(d2, 1, 0, 0, 0)));
                await().atMost(BOUND).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                        assertThat(insights.moderationActions(GUILD, Instant.ofEpochMilli(t1 - DAY),
                                Instant.ofEpochMilli(t2 + DAY))).containsExactly(
                                new ActionCount("ban", 1), new ActionCount("timeout", 1),
                                new ActionCount("voice_disconnect", 1), new ActionCount("voice_mute", 1)));
                assertThat(clickhouse.query(database, "SELECT action, actor_id, target_id, until_ms, occurred_ms"
                        + " FROM moderation_actions FINAL WHERE guild_id = " + GUILD + " ORDER BY occurred_ms"))
                        .isEqualTo("ban\t1\t8\t0\t" + (t1 + 50_000) + "\ntimeout\t1\t9\t" + (t2 + DAY) + "\t" + t2
                                + "\nvoice_mute\t1\t9\t0\t" + (t2 + 2) + "\nvoice_disconnect\t1\t9\t0\t" + (t2 + 3)
                                + "\n");

                List<String> deadLetters = feed.read(Topics.DEAD_LETTER, 2);
                assertThat(deadLetters).anySatisfy(d -> assertThat(d).contains("\"job\":\"members\"")
                        .contains("payload.reason must be one of").contains("evaporated")
                        .contains("\"source_topic\":\"" + feed.prefix + Topics.MEMBERS + "\"")
                        .contains("\"partition\":0").contains("\"offset\":4"));
                assertThat(deadLetters).anySatisfy(d -> assertThat(d).contains("\"job\":\"moderation\"")
                        .contains("payload.action must be one of").contains("pillory")
                        .contains("\"offset\":3"));
                assertThat(runtime.healthy()).isTrue();
            }
        }
    }
}
