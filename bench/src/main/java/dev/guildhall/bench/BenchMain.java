package dev.guildhall.bench;

import java.nio.file.Path;

/**
 * {@code bench/run NAME [--option=value ...]}: runs one load harness against engines and a core-server process it
 * starts itself, prints progress, then a results block (also written to {@code bench/target/results/}). Exit code
 * 0 when every target was met, 3 when one was missed, 1 on an error. Everything it started is stopped on exit
 * (including Ctrl-C; the testkit's watchdogs cover kill -9).
 */
public final class BenchMain {
    static final String USAGE = """
            usage: bench/run NAME [--option=value ...]
              gateway-fanout   200 gateway clients in one guild, 100 posts/s fanned out to all of them
                               --clients=200 --rate=100 --warmup=10 --duration=60 --open-rate=100 --client-threads=2
              message-post     POST /channels/{id}/messages open-loop at 200 req/s over 300 members
                               --rate=200 --users=300 --warmup=10 --duration=60
              automod-inline   message-post in a guild with a full AutoMod configuration: inline overhead
                               --rate=200 --users=300 --warmup=10 --duration=60 --hit-rate=0.01
              review-queue     10,000 pending review-queue items: page, count, detail and claim latencies
                               --items=10000 --users=300 --rate=250 --samples=200
              idle-sessions    20,000 idle heartbeating gateway sessions, server heap and RSS
                               --sessions=20000 --guild-size=200 --open-rate=500 --hold=90 --source-addresses=4
                               --gateway-nodes=N: the sessions on N gateway-node JVMs behind one primary, opened by
                               several load-generator JVMs (beyond one process's open-files limit)
                               --node-xmx=1g --sessions-per-process=10000 --load-xmx=1g
              voice-relay      the voice UDP relay (AEAD both ways) next to a plain Netty UDP echo, in-process:
                               forwarded packets/s, added latency p50/p99, memory per voice client
                               --streams=20 --warmup=3 --duration=10 --latency-rate=5000 --payload=80
                               --memory-clients=2000
              every core-server benchmark above: --server-xmx=1g (core-server heap) --jfr=true (server flight recording)
              analytics-throughput  events Kafka -> Flink (stream-analytics process) -> ClickHouse: drain rate of a
                               backlog, then p95 event-to-ClickHouse freshness at a steady rate; memory per process
                               --events=2000000 --live-rate=20000 --live-duration=60 --partitions=3 --parallelism=1
                               --analytics-xmx=768m --guilds=1000 --authors-per-guild=200
                               --jfr=true (flight recording of stream-analytics)
                               --jobs=all (or e.g. engagement,voice-quality,members,moderation: the jobs that run)
                               --analytics-settings=GUILDHALL_X=v,... (env of stream-analytics, e.g. GUILDHALL_DEDUP_DEPTH=0)
              warehouse-queries  history in the console's ClickHouse tables, then p95 of every named query
                               --rows=100000000 --runs=30 --warmup-runs=3 --guilds=1000 --days=400 --guild=1
                               --instant-days=7 --date-days=30
              console-dashboards  the console in headless Chromium (issue #7): every dashboard's render time over
                               history and a review queue with many pending items, as owner, SRE and moderator
                               --rows=100000000 --queue-items=10000 --runs=30 --warmup-runs=3 --guilds=1000 --days=400
                               --posters=300 --rate=250 --server-xmx=1g --console-xmx=512m --chromium=/usr/bin/chromium
                               --profile=true (one more load of each page under Chromium's CPU profiler, and a
                               traced load of insights over 366 days and of /voice: main-thread CPU by event)
                               --console-jar=admin-console/target/admin-console.jar (the console to time)
                               --compare-jar=PATH (first, the dashboards loaded alternately from --console-jar and
                               from a second console started from PATH: an A/B under the same machine load)
            bench/run jmh [JMH options]   microbenchmarks, e.g. bench/run jmh DispatchEncoding
            """;

    private BenchMain() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("help") || args[0].startsWith("-")) {
            System.out.print(USAGE);
            System.exit(args.length == 0 ? 64 : 0);
        }
        int code;
        try {
            code = run(args) ? 0 : 3;
        } catch (Exception e) {
            e.printStackTrace();
            code = 1;
        }
        System.exit(code); // shutdown hooks stop core-server and the engines
    }

    /** Runs the named benchmark; true when every target was met. */
    static boolean run(String[] args) throws Exception {
        Options options = Options.parse(args, 1);
        Path results = Path.of(System.getProperty("guildhall.repo.dir", "."), "bench", "target", "results");
        java.nio.file.Files.createDirectories(results);
        Report report = switch (args[0]) {
            case "gateway-fanout" -> GatewayFanoutBench.run(options, results);
            case "message-post" -> MessagePostBench.run(options, results);
            case "automod-inline" -> AutoModInlineBench.run(options, results);
            case "idle-sessions" -> IdleSessionsBench.run(options, results);
            case "analytics-throughput" -> AnalyticsThroughputBench.run(options, results);
            case "warehouse-queries" -> WarehouseQueriesBench.run(options, results);
            case "voice-relay" -> VoiceRelayBench.run(options, results);
            case "review-queue" -> ReviewQueueBench.run(options, results);
            case "console-dashboards" -> ConsoleDashboardsBench.run(options, results);
            default -> throw new IllegalArgumentException("unknown benchmark '" + args[0] + "'\n" + USAGE);
        };
        report.write(results, "bench/run " + args[0] + (options.describe().isEmpty() ? "" : " " + options.describe()));
        return report.allMet();
    }
}
