package dev.guildhall.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves the harness works end to end in well under a minute: a tiny fan-out run (engines, a core-server process,
 * REST provisioning, Netty gateway clients, open-loop posts, loss check), a tiny POST run, a tiny warehouse run
 * (history generation and every named query), a tiny voice-relay run (relay and echo in-process), a tiny
 * review-queue run (its timed reads keep to core-server's rate limit and are all written to the timeline), and the
 * REST client's pacing against a tight rate-limit bucket. The real benchmarks (bench/run NAME) are never run by
 * the build.
 */
class BenchSmokeIT {
    @Test
    void tinyFanoutDeliversEveryMessageToEveryClient() throws Exception {
        Path results = Files.createTempDirectory("bench-smoke");
        Report report = GatewayFanoutBench.run(Options.parse(new String[] {"--clients=4", "--rate=3", "--warmup=1",
                "--duration=3", "--server-xmx=256m"}, 0), results);

        String text = report.render("smoke");
        assertThat(text).contains("posts: {200=12}", "lost deliveries: 0", "48 expected");
        assertThat(report.met("0 lost")).as(text).isTrue();
    }

    @Test
    void tinyWarehouseRunTimesEveryNamedQuery() throws Exception {
        Path results = Files.createTempDirectory("bench-smoke");
        Report report = WarehouseQueriesBench.run(Options.parse(new String[] {"--rows=100000", "--runs=2",
                "--warmup-runs=1"}, 0), results);

        String text = report.render("smoke");
        assertThat(text).contains("ConsoleQueries.messagesPerMinute: p50", "InsightsQueries.newMemberRetention: p50",
                "VoiceQueries.worstGuilds: p50", "VoiceMinutesQueries.voiceMinutesPerDay: p50",
                "AutoModQueries.scoreDistribution: p50", "ClickHouse memory: RSS max").doesNotContain("skipped");
    }

    @Test
    void tinyVoiceRelayRunMeasuresBothServers() throws Exception {
        Path results = Files.createTempDirectory("bench-smoke");
        Report report = VoiceRelayBench.run(Options.parse(new String[] {"--streams=2", "--warmup=1", "--duration=1",
                "--latency-rate=200", "--memory-clients=200"}, 0), results);

        String text = report.render("smoke");
        assertThat(text).contains("echo: ", "relay: ", "relay added latency", "memory per connected voice client",
                "CPU per delivered packet");
        assertThat(text).doesNotContain("no samples");
    }

    @Test
    void tinyPostRunAnswersEveryRequest() throws Exception {
        Path results = Files.createTempDirectory("bench-smoke");
        Report report = MessagePostBench.run(Options.parse(new String[] {"--rate=5", "--users=10", "--warmup=1",
                "--duration=2", "--server-xmx=256m"}, 0), results);

        String text = report.render("smoke");
        assertThat(text).contains("answers: {200=15}");
        assertThat(report.met("every request answered 2xx")).as(text).isTrue();
    }

    @Test
    void tinyReviewQueueRunTimesNoRateLimitWait() throws Exception {
        Path results = Files.createTempDirectory("bench-smoke");
        Report report = ReviewQueueBench.run(Options.parse(new String[] {"--items=60", "--users=30", "--rate=20",
                "--samples=80", "--server-xmx=256m"}, 0), results);

        String text = report.render("smoke");
        // 320 reads of one route, faster than its 50/s bucket on an idle machine: paced, never timed as a 429 wait
        assertThat(text).contains("pending items in the queue: 60",
                "timed reads answered 429 first (the wait is in the sample): 0");
        assertThat(Files.readAllLines(results.resolve("review-queue-samples.csv")))
                .hasSize(1 + 4 * 80 + 2 * 80)
                .first().isEqualTo("start_utc,kind,offset,ms,rate_limited");
    }

    @Test
    void pacedCallsWaitForASpentBucketInsteadOfTimingA429() throws Exception {
        // 3 requests per 2 s for every route without a rule: 7 calls of one route spend the bucket at least twice
        try (BenchServer server = BenchServer.start("pacing", "256m", Map.of("ratelimit.route.default", "3/2000"),
                null)) {
            Rest rest = new Rest(server.baseUrl());
            Rest.Account user = rest.register("pacer");
            int rateLimited = 0;
            for (int i = 0; i < 7; i++) {
                rateLimited += rest.paced("GET me", "GET", "/users/@me", user.token(), null, 200).rateLimited();
            }
            assertThat(rateLimited).isZero();
            assertThat(rest.pacingWaits()).isGreaterThanOrEqualTo(2);
        }
    }
}
