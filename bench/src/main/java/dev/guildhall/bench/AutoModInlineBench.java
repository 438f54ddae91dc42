package dev.guildhall.bench;

import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * (d) AutoMod's inline overhead: {@code POST /channels/{id}/messages} as in message-post, in a guild with a full
 * AutoMod configuration (6 KEYWORD rules × 1000 keywords and 10 regexes, KEYWORD_PRESET with every preset,
 * MENTION_SPAM, SPAM and ML_TOXICITY, all FLAG_TO_QUEUE). The target (issue #6: p99 ≤ 2 ms) is core-server's
 * timer of the inline decision ({@code guildhall_automod_decision_seconds}: cached rule lookup, normalisation, rule
 * evaluation and the model within its budget, up to the verdict); reported beside it for information: the whole
 * inline check with the writes that act on the verdict ({@code guildhall_automod_inline_seconds}), the evaluation
 * alone, the model's answers, the messages/s screened and the end-to-end latency.
 */
final class AutoModInlineBench {
    private static final String[] WORDS = ("the a gg nice play round team push mid lane boss raid loot drop heal tank "
            + "dps queue match win lose again tonight anyone up for ranked casual server map patch nerf buff meta "
            + "build craft trade sell buy gold quest guild event stream clip lol ok thanks hello").split(" ");

    private AutoModInlineBench() {
    }

    static Report run(Options o, Path resultsDir) throws Exception {
        double rate = o.decimal("rate", 200);
        int users = o.integer("users", 300);
        int warmupS = o.integer("warmup", 10);
        int durationS = o.integer("duration", 60);
        double hitRate = o.decimal("hit-rate", 0.01);
        String xmx = o.string("server-xmx", "1g");
        o.rejectUnknown();

        Report report = new Report("automod-inline");
        int warmupPosts = (int) Math.round(rate * warmupS);
        int total = warmupPosts + (int) Math.round(rate * durationS);
        try (BenchServer server = BenchServer.start("automod", xmx, Map.of(), null)) {
            Rest rest = new Rest(server.baseUrl());
            List<Rest.Account> members = Provisioning.users(rest, "amposter", users);
            Provisioning.Community guild = Provisioning.communities(rest, members, users).get(0);
            Rest.Account owner = guild.members().get(0);
            List<String> keywords = configureRules(rest, owner, guild.guildId());
            report.config("one guild, one text channel, " + users + " members (the owner, exempt, never posts)"
                    + " posting round-robin, open-loop " + rate + " req/s; rules: 6 KEYWORD × 1000 keywords (exact,"
                    + " prefix*, *suffix, *infix*) + 10 regexes each, KEYWORD_PRESET (all presets), MENTION_SPAM"
                    + " (limit 20), SPAM, ML_TOXICITY (threshold 0.9, scored by the bundled model within the"
                    + " inline budget); all FLAG_TO_QUEUE");
            report.config("content: 12–40 words of gaming chat, 1–2 user mentions in one post of ten; " + (hitRate * 100)
                    + " % of posts contain a configured keyword (flagged: a review-queue row and events)");
            report.config("warm-up " + warmupS + " s, measured " + durationS + " s; core-server -Xmx" + xmx
                    + ", settings " + Report.settings(server.settings()));
            long loading = System.nanoTime();
            while (server.metric("guildhall_automod_model_loaded") < 1) {
                if (System.nanoTime() - loading > 120_000_000_000L) {
                    throw new IllegalStateException("core-server did not load AutoMod's model within 120 s");
                }
                Thread.sleep(200);
            }
            List<Rest.Account> posters = members.subList(1, members.size());
            SplittableRandom random = new SplittableRandom(42);
            List<String> contents = new ArrayList<>(total);
            for (int n = 0; n < total; n++) {
                contents.add(content(random, keywords, posters, hitRate));
            }
            OpenLoopPoster p = new OpenLoopPoster(rest, posters, guild.channelId(), rate, total, warmupPosts,
                    contents::get);
            report.cpuStart(server);
            Thread posting = new Thread(p::run, "bench-poster");
            posting.start();
            while (posting.isAlive()) {
                posting.join(1000);
                Log.line(String.format(Locale.ROOT, "posted %d/%d, decision p99 %.3f ms, whole check p99 %.3f ms",
                        p.sent(), total, p99(server, "guildhall_automod_decision_seconds"),
                        p99(server, "guildhall_automod_inline_seconds")));
            }
            int unanswered = p.awaitAnswers(30_000);
            double measuredS = (System.nanoTime() - p.scheduledNanos(warmupPosts)) / 1e9;
            report.cpuResult(server, "posting (warm-up + measured)");
            report.result("inline AutoMod decision per message (server timer guildhall_automod_decision: cached rule"
                    + " lookup, normalisation, rule evaluation and the model within its budget, up to the verdict;"
                    + " no writes): " + timer(server, "guildhall_automod_decision_seconds"));
            report.result("whole inline check, for information (server timer guildhall_automod_inline: the decision"
                    + " plus the writes acting on it: the inline verdict event, review-queue rows and events of"
                    + " flagged posts): " + timer(server, "guildhall_automod_inline_seconds"));
            report.result("rule evaluation alone (server timer guildhall_automod_evaluate: the automod library,"
                    + " no I/O): " + timer(server, "guildhall_automod_evaluate_seconds"));
            report.result("model inline (server timer guildhall_automod_model_inline: submit to the model's answer,"
                    + " answers within the budget): " + timer(server, "guildhall_automod_model_inline_seconds")
                    + "; unanswered (left automod_pending): timeout "
                    + unanswered(server, "timeout") + ", overloaded " + unanswered(server, "overloaded")
                    + ", failed " + unanswered(server, "failed") + ", no model " + unanswered(server, "unavailable"));
            Histogram all = p.measured();
            report.result("answers: " + p.statusCounts() + " (unanswered: " + unanswered + ")");
            report.result("end-to-end latency (scheduled send → answer): " + Report.percentiles(all));
            double decisions = server.metric("guildhall_automod_decision_seconds_count");
            report.result(String.format(Locale.ROOT, "messages/s: %.1f screened and answered 2xx over the measured"
                    + " window (%d posts in %.1f s, open loop at %.1f offered); decision capacity %.0f messages/s"
                    + " (1 / mean decision time: what one request thread decides back to back)", ok(p) / measuredS, ok(p), measuredS, rate,
                    decisions / server.metric("guildhall_automod_decision_seconds_sum")));
            double p99 = p99(server, "guildhall_automod_decision_seconds");
            report.target(String.format(Locale.ROOT, "inline decision (rules and model) p99 ≤ 2 ms (measured %.3f"
                    + " ms)", p99), p99 <= 2.0);
        }
        return report;
    }

    private static double p99(BenchServer server, String timer) {
        return server.metric(timer, "quantile=\"0.99\"") * 1000;
    }

    /** Posts after the warm-up answered 2xx. */
    private static int ok(OpenLoopPoster p) {
        int n = 0;
        for (int i = p.warmup(); i < p.total(); i++) {
            n += p.succeeded(i) ? 1 : 0;
        }
        return n;
    }

    private static String unanswered(BenchServer server, String reason) {
        return String.format(Locale.ROOT, "%.0f",
                server.metric("guildhall_automod_model_unanswered_total", "reason=\"" + reason + "\""));
    }

    /** A server timer's percentiles (Micrometer's sliding window of the last 2 minutes), max, mean and count. */
    private static String timer(BenchServer server, String name) {
        double count = server.metric(name + "_count");
        return String.format(Locale.ROOT, "p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms, mean %.3f ms (n=%.0f)",
                server.metric(name, "quantile=\"0.5\"") * 1000, server.metric(name, "quantile=\"0.99\"") * 1000,
                server.metric(name, "quantile=\"0.999\"") * 1000, server.metric(name + "_max") * 1000,
                server.metric(name + "_sum") * 1000 / count, count);
    }

    /** Creates the rules; returns some keywords that match (for the posts that should be flagged). */
    private static List<String> configureRules(Rest rest, Rest.Account owner, long guildId) {
        String path = "/guilds/" + guildId + "/auto-moderation/rules";
        List<String> hits = new ArrayList<>();
        for (int r = 0; r < 6; r++) {
            StringBuilder kws = new StringBuilder();
            for (int i = 0; i < 1000; i++) {
                String w = "zq" + r + "w" + i;
                String k = switch (i % 4) {
                    case 0 -> w;
                    case 1 -> w + "*";
                    case 2 -> "*" + w;
                    default -> "*" + w + "*";
                };
                kws.append(i == 0 ? "" : ",").append('"').append(k).append('"');
                if (i % 100 == 0) {
                    hits.add(w);
                }
            }
            StringBuilder regexes = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                regexes.append(i == 0 ? "" : ",").append("\"sc[a4]m").append(r).append(i).append("\\\\d+\"");
            }
            rule(rest, owner, path, "{\"name\":\"keywords " + r + "\",\"event_type\":1,\"trigger_type\":1,"
                    + "\"enabled\":true,\"trigger_metadata\":{\"keyword_filter\":[" + kws + "],\"regex_patterns\":["
                    + regexes + "],\"allow_list\":[\"zq" + r + "w1ok\"]},\"actions\":[{\"type\":100}]}");
        }
        rule(rest, owner, path, "{\"name\":\"presets\",\"event_type\":1,\"trigger_type\":4,\"enabled\":true,"
                + "\"trigger_metadata\":{\"presets\":[1,2,3]},\"actions\":[{\"type\":100}]}");
        rule(rest, owner, path, "{\"name\":\"mentions\",\"event_type\":1,\"trigger_type\":5,\"enabled\":true,"
                + "\"trigger_metadata\":{\"mention_total_limit\":20,\"mention_raid_protection_enabled\":true},"
                + "\"actions\":[{\"type\":100}]}");
        rule(rest, owner, path, "{\"name\":\"spam\",\"event_type\":1,\"trigger_type\":3,\"enabled\":true,"
                + "\"actions\":[{\"type\":100}]}");
        rule(rest, owner, path, "{\"name\":\"toxicity\",\"event_type\":1,\"trigger_type\":100,\"enabled\":true,"
                + "\"trigger_metadata\":{\"score_threshold\":0.9},\"actions\":[{\"type\":100}]}");
        return hits;
    }

    private static void rule(Rest rest, Rest.Account owner, String path, String body) {
        rest.call("POST", path, owner.token(), body, 200);
    }

    private static String content(SplittableRandom random, List<String> hits, List<Rest.Account> users,
                                  double hitRate) {
        int words = 12 + random.nextInt(29);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < words; i++) {
            b.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        // a mention in one post of ten: raid protection counts an author's mentions over a minute, and must not
        // flag ordinary chat (each member posts every 2 s here)
        for (int m = random.nextInt(10) == 0 ? 1 + random.nextInt(2) : 0; m > 0; m--) {
            b.append(" <@").append(users.get(random.nextInt(users.size())).userId()).append('>');
        }
        if (random.nextDouble() < hitRate) {
            b.append(' ').append(hits.get(random.nextInt(hits.size())));
        }
        b.append(' ').append(random.nextInt(1_000_000)); // no two posts alike (SPAM looks for duplicates)
        return b.toString();
    }
}
