package dev.guildhall.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * (a) N gateway clients (distinct users, all members of one guild with one text channel) while the members post
 * {@code bench-<n>} messages open-loop at a fixed rate: MESSAGE_CREATE deliveries per second, post→delivery
 * latency (from the post's scheduled time to the arrival at each client) and lost deliveries (every client must
 * receive every successfully posted message, checked by message number).
 */
final class GatewayFanoutBench {
    private GatewayFanoutBench() {
    }

    static Report run(Options o, Path resultsDir) throws Exception {
        int clients = o.integer("clients", 200);
        double rate = o.decimal("rate", 100);
        int warmupS = o.integer("warmup", 10);
        int durationS = o.integer("duration", 60);
        String xmx = o.string("server-xmx", "1g");
        int openRate = o.integer("open-rate", 100);
        boolean jfr = o.flag("jfr");
        int loops = o.integer("client-threads", 2);
        o.rejectUnknown();
        if (rate / clients > 0.8) {
            throw new IllegalArgumentException("--rate=" + rate + " over --clients=" + clients + " is more than 0.8"
                    + " posts/s per member: Discord's per-route limit (5 per 5 s) would answer 429; use more clients");
        }

        Report report = new Report("gateway-fanout");
        int warmupPosts = (int) Math.round(rate * warmupS);
        int total = warmupPosts + (int) Math.round(rate * durationS);
        Path jfrFile = jfr ? resultsDir.resolve("gateway-fanout-server.jfr").toAbsolutePath() : null;
        Recorder deliveryLatency = new Recorder(3);
        Histogram deliveryTotal = new Histogram(3);
        AtomicLong deliveries = new AtomicLong();
        AtomicLong measuredDeliveries = new AtomicLong();
        AtomicLong stray = new AtomicLong();
        OpenLoopPoster[] poster = new OpenLoopPoster[1];

        try (BenchServer server = BenchServer.start("fanout", xmx, java.util.Map.of(), jfrFile)) {
            Rest rest = new Rest(server.baseUrl());
            List<Rest.Account> users = Provisioning.users(rest, "fanout", clients);
            Provisioning.Community guild = Provisioning.communities(rest, users, clients).get(0);
            OpenLoopPoster p = new OpenLoopPoster(rest, users, guild.channelId(), rate, total, warmupPosts);
            poster[0] = p;
            try (GatewayFleet fleet = new GatewayFleet(server.gatewayUrl(), loops, 1, (client, n, at) -> {
                long due = p.scheduledNanos(n);
                if (due == 0) {
                    stray.incrementAndGet();
                    return;
                }
                client.markReceived(n);
                deliveries.incrementAndGet();
                if (n >= warmupPosts) {
                    measuredDeliveries.incrementAndGet();
                    deliveryLatency.recordValue(Math.max(0, (at - due) / 1000));
                }
            })) {
                long failedToOpen = IdleSessionsBench.openAll(fleet, users, openRate, 50, 120);
                if (failedToOpen > 0) {
                    throw new IllegalStateException(failedToOpen + " of " + clients + " gateway clients failed before"
                            + " READY: " + fleet.problems());
                }
                report.config(clients + " gateway clients (distinct users, intents GUILDS|GUILD_MESSAGES|MESSAGE_CONTENT,"
                        + " plain JSON, no compression) in one guild with one text channel; every member posts");
                report.config("posts: open-loop " + rate + "/s round-robin over the " + clients + " members ("
                        + String.format(Locale.ROOT, "%.2f", rate / clients) + "/s each; Discord's per-route limit 5/5 s"
                        + " stays on), warm-up " + warmupS + " s (" + warmupPosts + " posts, not in the latencies),"
                        + " measured " + durationS + " s (" + (total - warmupPosts) + " posts)");
                report.config("core-server: -Xmx" + xmx + ", settings " + Report.settings(server.settings())
                        + (jfr ? ", JFR profile recording" : ""));

                report.cpuStart(server);
                Thread posting = new Thread(p::run, "bench-poster");
                posting.start();
                long measureStart = 0;
                long measureStartCount = 0;
                List<Long> perSecond = new ArrayList<>();
                long last = 0;
                while (posting.isAlive()) {
                    posting.join(1000);
                    long now = deliveries.get();
                    Histogram h = deliveryLatency.getIntervalHistogram();
                    boolean measuring = p.sent() > warmupPosts;
                    if (measuring) {
                        deliveryTotal.add(h);
                        if (measureStart == 0) {
                            measureStart = System.nanoTime();
                            measureStartCount = now;
                        } else {
                            perSecond.add(now - last);
                        }
                    }
                    Log.line(String.format(Locale.ROOT, "%s posted %d/%d, deliveries %d/s, p99 %s ms, closed %d",
                            measuring ? "measure" : "warm-up", p.sent(), total, now - last,
                            h.getTotalCount() == 0 ? "-" : Report.ms(h.getValueAtPercentile(99)), fleet.closedCount()));
                    last = now;
                }
                long measureEnd = System.nanoTime();
                report.cpuResult(server, "posting (warm-up + measured)");
                long countAtEnd = deliveries.get();
                int unanswered = p.awaitAnswers(30_000);
                // wait for the fan-out to catch up (every accepted post at every open client), at most 30 s
                long expected = expected(p, fleet);
                long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (deliveries.get() < expected && System.nanoTime() < drainDeadline) {
                    Thread.sleep(100);
                }
                Thread.sleep(500);
                deliveryTotal.add(deliveryLatency.getIntervalHistogram());

                long lost = 0;
                for (GatewayFleet.Client c : fleet.clients()) {
                    for (int n = 0; n < total; n++) {
                        if (p.succeeded(n) && !c.hasReceived(n)) {
                            lost++;
                        }
                    }
                }
                double seconds = (measureEnd - measureStart) / 1e9;
                double throughput = (countAtEnd - measureStartCount) / seconds;
                long minSecond = perSecond.stream().mapToLong(Long::longValue).min().orElse(0);
                Histogram postLatency = p.measured();
                report.result("posts: " + p.statusCounts() + " (status → count; -1 = I/O error, 0 = unanswered: "
                        + unanswered + ")");
                report.result(String.format(Locale.ROOT, "MESSAGE_CREATE deliveries: %.0f/s over the measured %.1f s"
                        + " (lowest 1-s interval %d/s); %d deliveries in all, %d expected", throughput, seconds,
                        minSecond, deliveries.get(), expected));
                report.result("post→delivery latency: " + Report.percentiles(deliveryTotal));
                report.result("POST /channels/{id}/messages latency (from scheduled send): "
                        + Report.percentiles(postLatency));
                report.result("lost deliveries: " + lost + "; deliveries of unknown messages: " + stray.get()
                        + "; clients disconnected: " + fleet.closedCount() + (fleet.problemCount() == 0 ? ""
                        : "; problems: " + fleet.problems()));
                report.result("server at end: heap used " + Report.mib(server.heapUsedBytes()) + ", RSS "
                        + Report.mib(server.rssBytes()) + "; server log " + server.logFile());
                report.target("≥ 20,000 MESSAGE_CREATE deliveries/s sustained (measured " + Math.round(throughput)
                        + "/s)", throughput >= 20_000);
                report.target("p99 post→delivery ≤ 50 ms (measured "
                        + Report.ms(deliveryTotal.getValueAtPercentile(99)) + " ms)",
                        deliveryTotal.getTotalCount() > 0 && deliveryTotal.getValueAtPercentile(99) <= 50_000);
                report.target("0 lost (measured " + lost + ")", lost == 0 && fleet.closedCount() == 0);
            }
        }
        if (jfrFile != null) {
            report.result("JFR recording of the server: " + jfrFile);
        }
        return report;
    }

    private static long expected(OpenLoopPoster p, GatewayFleet fleet) {
        long ok = 0;
        for (int n = 0; n < p.total(); n++) {
            if (p.succeeded(n)) {
                ok++;
            }
        }
        return ok * fleet.clients().size();
    }
}
