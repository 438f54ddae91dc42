package dev.guildhall.bench;

import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * (b) {@code POST /channels/{id}/messages} at a constant open-loop rate, spread round-robin over enough members
 * that none exceeds Discord's per-route limit (5 per 5 s): latency from each request's scheduled send time to its
 * answer, and the status codes.
 */
final class MessagePostBench {
    private MessagePostBench() {
    }

    static Report run(Options o, Path resultsDir) throws Exception {
        double rate = o.decimal("rate", 200);
        int users = o.integer("users", 300);
        int warmupS = o.integer("warmup", 10);
        int durationS = o.integer("duration", 60);
        String xmx = o.string("server-xmx", "1g");
        boolean jfr = o.flag("jfr");
        o.rejectUnknown();
        if (rate / users > 0.8) {
            throw new IllegalArgumentException("--users=" + users + " at --rate=" + rate + " is more than 0.8 posts/s"
                    + " per user: Discord's per-route limit (5 per 5 s) would answer 429; use more users");
        }

        Report report = new Report("message-post");
        int warmupPosts = (int) Math.round(rate * warmupS);
        int total = warmupPosts + (int) Math.round(rate * durationS);
        Path jfrFile = jfr ? resultsDir.resolve("message-post-server.jfr").toAbsolutePath() : null;
        try (BenchServer server = BenchServer.start("post", xmx, Map.of(), jfrFile)) {
            Rest rest = new Rest(server.baseUrl());
            List<Rest.Account> members = Provisioning.users(rest, "poster", users);
            Provisioning.Community guild = Provisioning.communities(rest, members, users).get(0);
            report.config("one guild, one text channel, " + users + " members posting round-robin, open-loop "
                    + rate + " req/s (" + String.format(Locale.ROOT, "%.2f", rate / users) + "/s per member; Discord's"
                    + " per-route limit 5/5 s stays on); no gateway sessions; content `bench-<n>`");
            report.config("warm-up " + warmupS + " s (" + warmupPosts + " posts, not in the latencies), measured "
                    + durationS + " s (" + (total - warmupPosts) + " posts); latency from the scheduled send time to"
                    + " the complete answer (java.net.http client, HTTP/1.1 keep-alive)");
            report.config("core-server: -Xmx" + xmx + ", settings " + Report.settings(server.settings())
                    + (jfr ? ", JFR profile recording" : ""));
            OpenLoopPoster p = new OpenLoopPoster(rest, members, guild.channelId(), rate, total, warmupPosts);
            report.cpuStart(server);
            Thread posting = new Thread(p::run, "bench-poster");
            posting.start();
            long answeredBefore = 0;
            while (posting.isAlive()) {
                posting.join(1000);
                Histogram h = p.interval();
                long answered = p.answered();
                Log.line(String.format(Locale.ROOT, "%s posted %d/%d, last second: %d answered, p99 %s ms",
                        p.sent() > warmupPosts ? "measure" : "warm-up", p.sent(), total, answered - answeredBefore,
                        h.getTotalCount() == 0 ? "-" : Report.ms(h.getValueAtPercentile(99))));
                answeredBefore = answered;
            }
            int unanswered = p.awaitAnswers(30_000);
            report.cpuResult(server, "posting (warm-up + measured)");
            Histogram all = p.measured();
            Map<Integer, Integer> statuses = p.statusCounts();
            int ok = statuses.entrySet().stream().filter(e -> e.getKey() >= 200 && e.getKey() < 300)
                    .mapToInt(Map.Entry::getValue).sum();
            report.result("answers: " + statuses + " (status → count; -1 = I/O error, 0 = unanswered: "
                    + unanswered + ")");
            report.result("latency (scheduled send → answer): " + Report.percentiles(all));
            report.result(String.format(Locale.ROOT, "throughput: %.1f req/s offered", rate));
            report.result("server at end: heap used " + Report.mib(server.heapUsedBytes()) + ", RSS "
                    + Report.mib(server.rssBytes()) + "; server log " + server.logFile());
            report.target("p99 ≤ 15 ms at " + rate + " req/s (measured " + Report.ms(all.getValueAtPercentile(99))
                    + " ms)", all.getTotalCount() > 0 && all.getValueAtPercentile(99) <= 15_000);
            report.target("every request answered 2xx (" + ok + "/" + total + ")", ok == total);
        }
        if (jfrFile != null) {
            report.result("JFR recording of the server: " + jfrFile);
        }
        return report;
    }
}
