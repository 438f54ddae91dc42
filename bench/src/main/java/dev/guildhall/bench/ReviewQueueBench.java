package dev.guildhall.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.HdrHistogram.Histogram;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * (e) The review queue with many pending items, as the console's lazy grid reads it: {@code items} messages that a
 * FLAG_TO_QUEUE keyword rule flags are posted through the REST API (open loop), then a moderator's reads are timed
 * one at a time: a page of 50 at a random offset for each sort (newest, oldest, score), the count the grid asks
 * first ({@code limit=1}), an item's detail (channel context and author history), and a claim with its release.
 * The reads keep to core-server's per-route rate limit as a Discord client does ({@link Rest#paced}): at ~50 reads
 * a second one moderator's 51st read of a route within a second is refused (Discord's default 50/s bucket), and
 * waiting out that 429 inside a sample made 500-750 ms outliers that were not the query. Every sample is written to
 * {@code review-queue-samples.csv} with the 429s it still waited out.
 */
final class ReviewQueueBench {
    private static final String[] SORTS = {"newest", "oldest", "score"};

    private ReviewQueueBench() {
    }

    static Report run(Options o, Path resultsDir) throws Exception {
        int items = o.integer("items", 10_000);
        int users = o.integer("users", 300);
        double rate = o.decimal("rate", 250);
        int samples = o.integer("samples", 200);
        String xmx = o.string("server-xmx", "1g");
        o.rejectUnknown();
        if (rate > users - 1) {
            // core-server's route limit lets each member post 5 messages per 5 s
            throw new IllegalArgumentException("--rate must stay below --users (each member may post once a second)");
        }

        Report report = new Report("review-queue");
        Path timeline = resultsDir.resolve("review-queue-samples.csv");
        try (BenchServer server = BenchServer.start("reviewqueue", xmx, Map.of(), null);
             PrintWriter samplesOut = new PrintWriter(Files.newBufferedWriter(timeline))) {
            Rest rest = new Rest(server.baseUrl());
            List<Rest.Account> members = Provisioning.users(rest, "rqposter", users);
            Provisioning.Community guild = Provisioning.communities(rest, members, users).get(0);
            Rest.Account owner = guild.members().get(0);
            String queue = "/guilds/" + guild.guildId() + "/auto-moderation/queue";
            rest.call("POST", "/guilds/" + guild.guildId() + "/auto-moderation/rules", owner.token(),
                    "{\"name\":\"flag\",\"event_type\":1,\"trigger_type\":1,\"enabled\":true,\"trigger_metadata\":"
                            + "{\"keyword_filter\":[\"flagme\"]},\"actions\":[{\"type\":100}]}", 200);
            report.config("one guild, " + users + " members; " + items + " flagged messages posted open-loop at " + rate
                    + " req/s through POST /channels/{id}/messages (FLAG_TO_QUEUE keyword rule), all pending");
            report.config(samples + " timed reads of each kind, one at a time, as the guild owner; core-server -Xmx"
                    + xmx + ", settings " + Report.settings(server.settings()));

            List<Rest.Account> posters = members.subList(1, members.size());
            OpenLoopPoster p = new OpenLoopPoster(rest, posters, guild.channelId(), rate, items, 0,
                    n -> "please flagme " + n + " gg wp");
            Thread posting = new Thread(p::run, "bench-poster");
            posting.start();
            while (posting.isAlive()) {
                posting.join(2000);
                Log.line("posted " + p.sent() + "/" + items);
            }
            p.awaitAnswers(60_000);
            long pending = 0;
            for (int wait = 0; wait < 60 && pending < items; wait++) {
                pending = rest.call("GET", queue + "?limit=1", owner.token(), null, 200).path("total_results").asLong();
                if (pending < items) {
                    Thread.sleep(1000);
                }
            }
            report.result("pending items in the queue: " + pending + " (posting answers: " + p.statusCounts() + ")");

            SplittableRandom random = new SplittableRandom(7);
            Map<String, Histogram> pages = new LinkedHashMap<>();
            for (String sort : SORTS) {
                pages.put(sort, new Histogram(3));
            }
            Histogram counts = new Histogram(3);
            Histogram details = new Histogram(3);
            Histogram claims = new Histogram(3);
            List<String> ids = new ArrayList<>();
            samplesOut.println("start_utc,kind,offset,ms,rate_limited");
            Timeline t = new Timeline(samplesOut);
            int maxOffset = (int) Math.max(0, pending - 50);
            for (int i = 0; i < samples; i++) {
                for (String sort : SORTS) {
                    int offset = random.nextInt(maxOffset + 1);
                    Rest.Timed page = t.sample(sort, offset, () -> rest.paced("GET queue", "GET",
                            queue + "?sort=" + sort + "&limit=50&offset=" + offset, owner.token(), null, 200));
                    pages.get(sort).recordValue(page.micros());
                    JsonNode rows = page.body().path("items");
                    if (ids.size() < samples && rows.size() > 0) {
                        ids.add(rows.get(random.nextInt(rows.size())).path("id").asText());
                    }
                }
                counts.recordValue(t.sample("count", 0,
                        () -> rest.paced("GET queue", "GET", queue + "?limit=1", owner.token(), null, 200)).micros());
            }
            for (String id : ids) {
                details.recordValue(t.sample("detail", 0,
                        () -> rest.paced("GET item", "GET", queue + "/" + id, owner.token(), null, 200)).micros());
                claims.recordValue(t.sample("claim", 0, () -> {
                    String path = queue + "/" + id + "/claim";
                    Rest.Timed claim = rest.paced("POST claim", "POST", path, owner.token(), null, 200);
                    Rest.Timed release = rest.paced("DELETE claim", "DELETE", path, owner.token(), null, 204);
                    return new Rest.Timed(release.body(), claim.micros() + release.micros(),
                            claim.rateLimited() + release.rateLimited());
                }).micros());
            }
            Log.line("per-sample timeline (start, kind, offset, ms, 429s): " + timeline.toAbsolutePath());
            for (String sort : SORTS) {
                report.result("page of 50 at a random offset, sort=" + sort + ": " + Report.percentiles(pages.get(sort)));
            }
            report.result("count (limit=1, what the grid asks first): " + Report.percentiles(counts));
            report.result("item detail (context + author history): " + Report.percentiles(details));
            report.result("claim + release (two calls): " + Report.percentiles(claims));
            report.result("timed reads answered 429 first (the wait is in the sample): " + t.rateLimitedSamples()
                    + "; per-sample timeline " + timeline.getFileName());
            report.result(String.format(Locale.ROOT, "pacing to core-server's per-route limit (X-RateLimit-Remaining 0:"
                    + " wait X-RateLimit-Reset-After before the next request, untimed): %d waits, %.1f s in all",
                    rest.pacingWaits(), rest.pacingNanos() / 1e9));
            for (String sort : SORTS) {
                double p99 = pages.get(sort).getValueAtPercentile(99) / 1000.0;
                report.target(String.format(Locale.ROOT, "page p99 ≤ 100 ms with %d pending, sort=%s (measured %.1f ms)",
                        pending, sort, p99), p99 <= 100 && pending >= items);
            }
            double detailP99 = details.getValueAtPercentile(99) / 1000.0;
            report.target(String.format(Locale.ROOT, "detail p99 ≤ 100 ms (measured %.1f ms)", detailP99),
                    detailP99 <= 100);
        }
        return report;
    }

    /**
     * Writes each timed sample as one line (start time, kind, offset, ms, 429s waited out), to line samples up with
     * the server's and PostgreSQL's logs, and counts the samples that were rate-limited.
     */
    private static final class Timeline {
        private final PrintWriter out;
        private int rateLimitedSamples;

        Timeline(PrintWriter out) {
            this.out = out;
        }

        Rest.Timed sample(String kind, int offset, Supplier<Rest.Timed> request) {
            Instant at = Instant.now();
            Rest.Timed answer = request.get();
            if (answer.rateLimited() > 0) {
                rateLimitedSamples++;
            }
            out.printf(Locale.ROOT, "%s,%s,%d,%.3f,%d%n", at, kind, offset, answer.micros() / 1000.0,
                    answer.rateLimited());
            return answer;
        }

        int rateLimitedSamples() {
            return rateLimitedSamples;
        }
    }
}
