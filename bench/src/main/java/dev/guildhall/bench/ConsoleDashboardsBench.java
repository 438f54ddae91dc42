package dev.guildhall.bench;

import dev.guildhall.events.EventCodec;
import dev.guildhall.events.Snowflakes;
import dev.guildhall.events.Topics;
import dev.guildhall.events.payload.VoiceServerHealth;
import dev.guildhall.events.payload.VoiceServerHeartbeat;
import dev.guildhall.testkit.ClickHouseEngine;
import dev.guildhall.testkit.Engines;
import dev.guildhall.testkit.FreePorts;
import dev.guildhall.testkit.ServiceProcess;
import dev.guildhall.warehouse.Migrator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * {@code bench/run console-dashboards} (issue #7, Proof → Benchmarks): the console's dashboards in headless Chromium
 * over generated history and a full review queue. Engines (testkit PostgreSQL, Kafka, ClickHouse), core-server and
 * admin-console each as their own JVM; an owner, a moderator and an SRE provisioned through core-server's REST API;
 * {@code --rows} of history ({@link WarehouseHistory}, ending now) in which history guild 1 is the owner's real
 * guild; {@code --queue-items} messages posted through REST that a FLAG_TO_QUEUE rule puts in the review queue; one
 * heartbeat and verdict per voice server of the history on the compacted fleet topics. Then each audience signs in
 * and every page and interaction is timed until rendered ({@link ConsoleBrowser}) {@code --warmup-runs} + {@code
 * --runs} times. Targets: p95 ≤ 1 s for every dashboard render and every queue interaction.
 */
final class ConsoleDashboardsBench {
    private static final double TARGET_MS = 1000;
    private static final String PASSWORD = "bench-password";
    private static final String SRE_USERNAME = "dash-sre";
    /** MANAGE_MESSAGES | MODERATE_MEMBERS | KICK_MEMBERS | BAN_MEMBERS | VIEW_AUDIT_LOG. */
    private static final long MODERATOR_PERMISSIONS = (1L << 13) | (1L << 40) | (1L << 1) | (1L << 2) | (1L << 7);
    private static final int REGIONS = 8;
    private static final int SERVERS_PER_REGION = 50;
    private static final int AUDIT_TIMEOUTS = 50;
    /** Each page's own part of "rendered" (JavaScript conditions, see {@link ConsoleBrowser}). */
    private static final String INSIGHTS_READY =
            "document.querySelector('#insights-summary')?.textContent.trim().length > 0";
    private static final String MESSAGES_READY =
            "document.querySelector('#messages-total')?.textContent.trim().length > 0";
    private static final String VOICE_READY = "document.querySelector('#voice-status')?.textContent.trim().length > 0";
    private static final String AUDIT_READY = "document.querySelector('#audit-grid')?.checkVisibility()";
    private static final String QUEUE_READY =
            "/pending item/.test(document.querySelector('#queue-count')?.textContent || '')";

    private ConsoleDashboardsBench() {
    }

    static Report run(Options o, Path resultsDir) throws Exception {
        long rows = Long.parseLong(o.string("rows", "100000000"));
        int guilds = o.integer("guilds", 1000);
        int days = o.integer("days", 400);
        int items = o.integer("queue-items", 10_000);
        int posters = o.integer("posters", 300);
        double rate = o.decimal("rate", 250);
        int runs = o.integer("runs", 30);
        int warmup = o.integer("warmup-runs", 3);
        String serverXmx = o.string("server-xmx", "1g");
        String consoleXmx = o.string("console-xmx", "512m");
        String chromium = o.string("chromium", "/usr/bin/chromium");
        boolean profile = o.flag("profile");
        String consoleJar = o.string("console-jar", "admin-console/target/admin-console.jar");
        String compareJar = o.string("compare-jar", "");
        o.rejectUnknown();
        if (rate > posters - 1) {
            throw new IllegalArgumentException("--rate must stay below --posters (each member may post once a second)");
        }
        if (runs < 1 || items < 100) {
            throw new IllegalArgumentException("--runs must be at least 1 and --queue-items at least 100");
        }

        Report report = new Report("console-dashboards");
        ClickHouseEngine clickhouse = Engines.clickhouse();
        String database = clickhouse.createDatabase("bench_console");
        String clickhouseUrl = clickhouse.jdbcUrl(database);
        new Migrator(clickhouseUrl).migrate();
        // staff roles live in core-server (bootstrapped from its configuration): the SRE is named there
        try (BenchServer server = BenchServer.start("console-dashboards", serverXmx,
                Map.of("console.sre.users", SRE_USERNAME), null)) {
            Rest rest = new Rest(server.baseUrl());
            Rest.Account owner = rest.register("dash-owner");
            Rest.Account moderator = rest.register("dash-moderator");
            Rest.Account sre = rest.register(SRE_USERNAME);
            long[] created = rest.createGuild(owner, "Dashboard Guild");
            long guild = created[0];
            long channel = created[1];
            List<Rest.Account> authors = Provisioning.users(rest, "dashposter", posters);
            String invite = rest.createInvite(owner, channel);
            List<Rest.Account> joining = new ArrayList<>(authors);
            joining.add(moderator);
            Provisioning.parallel(joining.size() + " guild joins", joining.size(), i -> {
                rest.join(joining.get(i), invite);
                return Boolean.TRUE;
            });
            long role = Long.parseLong(rest.call("POST", "/guilds/" + guild + "/roles", owner.token(),
                    "{\"name\":\"Moderators\",\"permissions\":\"" + MODERATOR_PERMISSIONS + "\"}", 200)
                    .path("id").asText());
            rest.call("PUT", "/guilds/" + guild + "/members/" + moderator.userId() + "/roles/" + role, owner.token(),
                    null, 204);
            report.config("core-server -Xmx" + serverXmx + " (settings " + Report.settings(server.settings())
                    + "); admin-console -Xmx" + consoleXmx + " (production jar, refresh every 10 s as shipped)");
            report.config("audiences (signed in through the console's login form, checked by core-server): owner of"
                    + " guild " + guild + "; a moderator there (Manage Messages, Timeout/Kick/Ban Members, View Audit"
                    + " Log); an SRE (core-server's console.sre.users); " + posters + " posting members");

            int pending = seedQueue(rest, owner, authors, guild, channel, items, rate);
            report.result("review queue: " + pending + " pending items, each a message posted through POST"
                    + " /channels/{id}/messages that core-server's FLAG_TO_QUEUE keyword rule queued");
            // audit log entries beyond the setup's own (role create, member role update): timeouts
            String until = Instant.now().plus(1, ChronoUnit.HOURS).toString();
            int timeouts = Math.min(AUDIT_TIMEOUTS, authors.size());
            Provisioning.parallel(timeouts + " timeouts (audit log)", timeouts, i -> rest.call("PATCH",
                    "/guilds/" + guild + "/members/" + authors.get(i).userId(), owner.token(),
                    "{\"communication_disabled_until\":\"" + until + "\"}", 200));

            long end = Instant.now().truncatedTo(ChronoUnit.MINUTES).getEpochSecond();
            long t0 = System.nanoTime();
            Log.line(String.format(Locale.ROOT, "generating %,d rows of history ending now; history guild 1 = guild %d",
                    rows, guild));
            new WarehouseHistory(clickhouse, database, guilds, days, end, Map.of(1, guild)).generate(rows);
            long stored = Long.parseLong(clickhouse.query("SELECT sum(rows) FROM system.parts WHERE active AND"
                    + " database = '" + database + "'").trim());
            report.config(String.format(Locale.ROOT, "history: %,d rows (%,d stored, generated in %.0f s) over %d days"
                    + " up to %s, %d guilds, history guild 1 = the owner's guild; ClickHouse %s (testkit)", rows,
                    stored, (System.nanoTime() - t0) / 1e9, days, Instant.ofEpochSecond(end), guilds,
                    clickhouse.query("SELECT version()").trim()));
            publishFleet();
            report.config("fleet: " + REGIONS * SERVERS_PER_REGION + " voice servers (every one of the history),"
                    + " one heartbeat and one health verdict each on the compacted topics");

            int consolePort = FreePorts.next();
            Map<String, String> env = new LinkedHashMap<>();
            env.put("GUILDHALL_CONSOLE_PORT", Integer.toString(consolePort));
            env.put("GUILDHALL_CORE_URL", server.baseUrl());
            env.put("GUILDHALL_CLICKHOUSE_URL", clickhouseUrl);
            env.put("GUILDHALL_KAFKA_BOOTSTRAP", Engines.kafka().bootstrapServers());
            String consoleUrl = "http://127.0.0.1:" + consolePort;
            try (ServiceProcess console = ServiceProcess.startJar("admin-console", consoleJar, consoleXmx, env);
                 ConsoleBrowser browser = new ConsoleBrowser(chromium)) {
                console.awaitHealthy(consoleUrl + "/health", Duration.ofSeconds(120));
                report.config("Chromium " + browser.version() + " headless (Playwright), 1280×720, one tab per"
                        + " audience; " + warmup + " warm-up runs, then " + runs + " timed runs of each page and"
                        + " interaction, one at a time; a page load is a full navigation");
                Timings timings = new Timings();
                Map<String, String> profiles = new LinkedHashMap<>();
                Path shots = resultsDir.resolve("console-dashboards-screenshots");
                Files.createDirectories(shots);
                Memory memory = new Memory(console, consoleUrl, clickhouse);
                LocalDate today = LocalDate.now(ZoneOffset.UTC);
                if (!compareJar.isEmpty()) {
                    compare(report, browser, consoleUrl, consoleJar, compareJar, consoleXmx, env, guild, today,
                            List.of(owner.username(), sre.username()), warmup, runs);
                }
                report.cpuStart(server);

                try (ConsoleBrowser.Session s = browser.signIn(consoleUrl, owner.username(), PASSWORD)) {
                    for (int rangeDays : new int[] {7, 30, 366}) {
                        String path = "/insights/" + guild + "?from=" + today.minusDays(rangeDays - 1) + "&to=" + today;
                        timings.time("owner: insights, last " + rangeDays + " days (/insights)", warmup, runs, memory,
                                () -> s.load(path, INSIGHTS_READY));
                    }
                    timings.time("owner: messages, last hour (/messages)", warmup, runs, memory,
                            () -> s.load("/messages/" + guild, MESSAGES_READY));
                    s.load("/insights/" + guild, INSIGHTS_READY);
                    s.screenshot(shots.resolve("owner-insights.png"));
                    if (profile) {
                        String year = "/insights/" + guild + "?from=" + today.minusDays(365) + "&to=" + today;
                        profiles.put("owner: insights, last 366 days, trace", s.traceLoad(year, INSIGHTS_READY,
                                shots.resolve("owner-insights-366.trace.json"), 14));
                        profiles.put("owner: insights, last 30 days", s.profileLoad("/insights/" + guild,
                                INSIGHTS_READY, shots.resolve("owner-insights.cpuprofile"), 12));
                        profiles.put("owner: messages", s.profileLoad("/messages/" + guild, MESSAGES_READY,
                                shots.resolve("owner-messages.cpuprofile"), 12));
                    }
                }
                try (ConsoleBrowser.Session s = browser.signIn(consoleUrl, sre.username(), PASSWORD)) {
                    timings.time("SRE: voice dashboard, last hour (/voice)", warmup, runs, memory,
                            () -> s.load("/voice", VOICE_READY));
                    timings.time("SRE: voice, pick Last 7 days", warmup, runs, memory, () -> {
                        s.load("/voice", VOICE_READY);
                        return s.select("#voice-range", "Last 7 days", VOICE_READY);
                    });
                    s.load("/voice", VOICE_READY);
                    s.screenshot(shots.resolve("sre-voice.png"));
                    if (profile) {
                        profiles.put("SRE: voice, trace", s.traceLoad("/voice", VOICE_READY,
                                shots.resolve("sre-voice.trace.json"), 14));
                        profiles.put("SRE: voice", s.profileLoad("/voice", VOICE_READY,
                                shots.resolve("sre-voice.cpuprofile"), 12));
                    }
                }
                try (ConsoleBrowser.Session s = browser.signIn(consoleUrl, moderator.username(), PASSWORD)) {
                    timings.time("moderator: audit log (/moderation)", warmup, runs, memory,
                            () -> s.load("/moderation/" + guild, AUDIT_READY));
                    queueRuns(s, guild, pending, warmup, runs, timings, memory);
                    s.screenshot(shots.resolve("moderator-queue.png"));
                    if (profile) {
                        profiles.put("moderator: review queue", s.profileLoad("/queue/" + guild, QUEUE_READY,
                                shots.resolve("moderator-queue.cpuprofile"), 12));
                    }
                }
                report.cpuResult(server, "timed runs");
                for (Timings.Entry e : timings.entries()) {
                    report.result(e.describe());
                    report.target(String.format(Locale.ROOT, "%s p95 ≤ %.0f ms (measured %.0f ms)", e.name(),
                            TARGET_MS, e.percentile(95)), e.percentile(95) <= TARGET_MS);
                }
                profiles.forEach((page, top) -> report.result("profiled load, " + page + " (Chromium renderer;"
                        + " .cpuprofile / .trace.json beside the screenshots): " + top));
                report.result(memory.describe());
                report.result(memory.queryTimes());
                report.result("core-server: heap used " + Report.mib(server.heapUsedBytes()) + ", RSS "
                        + Report.mib(server.rssBytes()));
                report.result("screenshots: " + shots);
            }
        }
        return report;
    }

    /**
     * {@code --compare-jar}: a second console started from that jar (same core-server, warehouse and settings, at
     * {@code localhost} so the two keep separate session cookies) and the dashboards loaded alternately from each,
     * A then B then A ..., so both see the same machine load: the way to tell a change's effect on a busy machine.
     */
    private static void compare(Report report, ConsoleBrowser browser, String consoleUrl, String consoleJar,
                                String jar, String xmx,
                                Map<String, String> env, long guild, LocalDate today, List<String> users, int warmup,
                                int runs) throws Exception {
        int port = FreePorts.next();
        Map<String, String> envB = new LinkedHashMap<>(env);
        envB.put("GUILDHALL_CONSOLE_PORT", Integer.toString(port));
        String urlB = "http://localhost:" + port;
        String year = "/insights/" + guild + "?from=" + today.minusDays(365) + "&to=" + today;
        Map<String, String> ownerPages = new LinkedHashMap<>();
        ownerPages.put("owner: insights, last 366 days", year);
        ownerPages.put("owner: messages, last hour", "/messages/" + guild);
        Timings timings = new Timings();
        try (ServiceProcess b = ServiceProcess.startJar("admin-console", jar, xmx, envB)) {
            b.awaitHealthy(urlB + "/health", Duration.ofSeconds(120));
            for (int user = 0; user < users.size(); user++) {
                Map<String, String> pages = user == 0 ? ownerPages : Map.of("SRE: voice dashboard, last hour", "/voice");
                String ready = user == 0 ? INSIGHTS_READY : VOICE_READY;
                try (ConsoleBrowser.Session sa = browser.signIn(consoleUrl, users.get(user), PASSWORD);
                     ConsoleBrowser.Session sb = browser.signIn(urlB, users.get(user), PASSWORD)) {
                    for (var page : pages.entrySet()) {
                        String check = page.getValue().startsWith("/messages") ? MESSAGES_READY : ready;
                        for (int i = 0; i < warmup + runs; i++) {
                            ConsoleBrowser.Rendered a = sa.load(page.getValue(), check);
                            ConsoleBrowser.Rendered rb = sb.load(page.getValue(), check);
                            if (i >= warmup) {
                                timings.add("A (" + Path.of(consoleJar).getFileName() + ") " + page.getKey(), a);
                                timings.add("B (" + Path.of(jar).getFileName() + ") " + page.getKey(), rb);
                            }
                        }
                    }
                }
            }
        }
        report.config("compared with a second console from " + jar + ", pages loaded alternately from each");
        for (Timings.Entry e : timings.entries()) {
            report.result("compare: " + e.describe());
            Log.line("compare: " + e.describe());
        }
    }

    /**
     * The review queue as a moderator works it, each run from a fresh page load: open it (the count and the first
     * rows), sort by score, scroll deep (the grid's {@code scrollToIndex}, as dragging its scrollbar does), open the
     * detail of a row on screen (channel context, author history), claim it.
     */
    private static void queueRuns(ConsoleBrowser.Session s, long guild, int pending, int warmup, int runs,
                                  Timings timings, Memory memory) {
        String open = QUEUE_READY;
        String[] names = {"moderator: review queue, open with " + pending + " pending (/queue)",
            "moderator: review queue, sort by score", "moderator: review queue, scroll deep",
            "moderator: review queue, open an item's detail", "moderator: review queue, claim the item"};
        SplittableRandom random = new SplittableRandom(7);
        for (int run = 0; run < warmup + runs; run++) {
            boolean timed = run >= warmup;
            int deep = pending / 2 + random.nextInt(Math.max(1, pending / 2 - 60));
            List<ConsoleBrowser.Rendered> r = new ArrayList<>();
            r.add(s.load("/queue/" + guild, open));
            r.add(s.select("#queue-sort", "Highest score first", open));
            r.add(s.interact(() -> s.page.evaluate("i => document.querySelector('#queue-grid').scrollToIndex(i)",
                    deep), open));
            // a row on screen: the body row nearest the grid's vertical middle
            s.page.evaluate("""
                    () => {
                      document.querySelectorAll('[data-bench-target]')
                        .forEach(e => e.removeAttribute('data-bench-target'));
                      const g = document.querySelector('#queue-grid'), box = g.getBoundingClientRect();
                      const mid = box.top + box.height / 2;
                      const tr = [...g.shadowRoot.querySelectorAll('tbody#items > tr')].filter(t => !t.hidden)
                        .sort((a, b) => Math.abs(a.getBoundingClientRect().top - mid)
                                      - Math.abs(b.getBoundingClientRect().top - mid))[0];
                      [...tr.children].map(td => td._content).filter(c => c && c.textContent.includes('flagme'))[0]
                        .setAttribute('data-bench-target', '');
                    }""");
            r.add(s.interact(() -> s.page.locator("[data-bench-target]").click(),
                    "document.querySelector('#detail-content')?.textContent.includes('flagme')"));
            r.add(s.interact(() -> s.page.locator("#queue-claim").click(),
                    "(document.querySelector('#detail-claim')?.textContent || '').startsWith('Claimed by')"));
            if (timed) {
                for (int i = 0; i < names.length; i++) {
                    timings.add(names[i], r.get(i));
                }
                memory.sample();
            }
        }
        for (String name : names) {
            Log.line(timings.entry(name).describe());
        }
    }

    /** Posts {@code items} flagged messages (open loop) and waits until core-server has queued them; the count. */
    private static int seedQueue(Rest rest, Rest.Account owner, List<Rest.Account> authors, long guild, long channel,
                                 int items, double rate) throws InterruptedException {
        rest.call("POST", "/guilds/" + guild + "/auto-moderation/rules", owner.token(),
                "{\"name\":\"flag\",\"event_type\":1,\"trigger_type\":1,\"enabled\":true,\"trigger_metadata\":"
                        + "{\"keyword_filter\":[\"flagme\"]},\"actions\":[{\"type\":100}]}", 200);
        OpenLoopPoster poster = new OpenLoopPoster(rest, authors, channel, rate, items, 0,
                n -> "please flagme " + n + " gg wp");
        Thread posting = new Thread(poster::run, "bench-poster");
        posting.start();
        while (posting.isAlive()) {
            posting.join(2000);
            Log.line("posted " + poster.sent() + "/" + items);
        }
        poster.awaitAnswers(60_000);
        String queue = "/guilds/" + guild + "/auto-moderation/queue?limit=1";
        long pending = 0;
        for (int wait = 0; wait < 60 && pending < items; wait++) {
            pending = rest.call("GET", queue, owner.token(), null, 200).path("total_results").asLong();
            if (pending < items) {
                Thread.sleep(1000);
            }
        }
        if (pending < items) {
            throw new IllegalStateException("only " + pending + " of " + items + " items were queued (answers "
                    + poster.statusCounts() + ")");
        }
        return (int) pending;
    }

    /** One heartbeat (running, a one-hour interval so none turns silent during the run) and verdict per server. */
    private static void publishFleet() {
        Engines.kafka().createTopic(Topics.VOICE_SERVERS, 1);
        Engines.kafka().createTopic(Topics.VOICE_HEALTH, 1);
        Snowflakes ids = new Snowflakes(1, 1);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Engines.kafka().bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            long now = System.currentTimeMillis();
            for (int r = 0; r < REGIONS; r++) {
                for (int v = 0; v < SERVERS_PER_REGION; v++) {
                    String region = "region-" + r;
                    String node = region + "-vs-" + v;
                    producer.send(new ProducerRecord<>(Topics.VOICE_SERVERS, node, EventCodec.encode(EventCodec.wrap(
                            ids, "bench", "0", now, new VoiceServerHeartbeat(node, region, "127.0.0.1:1", 200,
                                    v % 150, "http://127.0.0.1:2", now - 60_000, now, 3_600_000,
                                    VoiceServerHeartbeat.RUNNING)))));
                    producer.send(new ProducerRecord<>(Topics.VOICE_HEALTH, node, EventCodec.encode(EventCodec.wrap(
                            ids, "bench", "0", now, new VoiceServerHealth(node, region,
                                    v % 10 == 0 ? VoiceServerHealth.DEGRADED : VoiceServerHealth.HEALTHY, 80 + v % 20,
                                    60.0 + v, 8.0, 0.01, 5, now, now - 60_000, now,
                                    v % 10 == 0 ? List.of("rtt_p95_ms") : List.of())))));
                }
            }
            producer.flush();
        }
    }

    /** Timings per page or interaction, in the order first timed. */
    static final class Timings {
        record Entry(String name, List<ConsoleBrowser.Rendered> samples) {
            double percentile(double p) {
                return percentile(p, ConsoleBrowser.Rendered::ms);
            }

            double percentile(double p, java.util.function.ToDoubleFunction<ConsoleBrowser.Rendered> value) {
                double[] ms = samples.stream().mapToDouble(value).sorted().toArray();
                return ms[Math.max(0, (int) Math.ceil(p / 100 * ms.length) - 1)];
            }

            String describe() {
                ConsoleBrowser.Rendered last = samples.get(samples.size() - 1);
                return String.format(Locale.ROOT, "%s: p50 %.0f ms, p95 %.0f ms, max %.0f ms (n=%d); in HTTP"
                                + " requests p50 %.0f ms, outside them p50 %.0f ms; Chromium renderer CPU p50 %.0f ms"
                                + " (%d round trip(s), %.0f KiB); rendered %d chart(s), %d with data, %d grid(s), %d"
                                + " body rows", name, percentile(50), percentile(95), percentile(100), samples.size(),
                        percentile(50, ConsoleBrowser.Rendered::requestMs),
                        percentile(50, r -> r.ms() - r.requestMs()),
                        percentile(50, ConsoleBrowser.Rendered::rendererCpuMs),
                        last.roundTrips(), last.bytes() / 1024.0, last.charts(), last.chartsWithData(), last.grids(),
                        last.rows());
            }
        }

        private final Map<String, Entry> entries = new LinkedHashMap<>();

        void add(String name, ConsoleBrowser.Rendered r) {
            entries.computeIfAbsent(name, n -> new Entry(n, new ArrayList<>())).samples().add(r);
        }

        /** {@code warmup} untimed then {@code runs} timed calls of {@code measure}; a progress line at the end. */
        void time(String name, int warmup, int runs, Memory memory,
                  Supplier<ConsoleBrowser.Rendered> measure) {
            for (int i = 0; i < warmup; i++) {
                measure.get();
            }
            for (int i = 0; i < runs; i++) {
                add(name, measure.get());
            }
            memory.sample();
            Log.line(entries.get(name).describe());
        }

        Entry entry(String name) {
            return entries.get(name);
        }

        List<Entry> entries() {
            return List.copyOf(entries.values());
        }
    }

    /** Heap (from its /metrics) and RSS of the console, and RSS of ClickHouse, sampled after each page's runs. */
    static final class Memory {
        private final ServiceProcess console;
        private final ClickHouseEngine clickhouse;
        private final URI metrics;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private long consoleHeapMax;
        private long consoleRssMax;
        private long clickhouseRssMax;

        Memory(ServiceProcess console, String consoleUrl, ClickHouseEngine clickhouse) {
            this.console = console;
            this.clickhouse = clickhouse;
            this.metrics = URI.create(consoleUrl + "/metrics");
        }

        void sample() {
            consoleHeapMax = Math.max(consoleHeapMax, consoleHeap());
            consoleRssMax = Math.max(consoleRssMax, ProcessMemory.rss(console.pid()));
            clickhouseRssMax = Math.max(clickhouseRssMax, ProcessMemory.rss(clickhouse.pid()));
        }

        /** Sum of {@code jvm_memory_used_bytes{area="heap",...}} in the console's Prometheus text. */
        private long consoleHeap() {
            double sum = 0;
            for (String line : metricsText().split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return (long) sum;
        }

        private String metricsText() {
            try {
                return http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
            } catch (java.io.IOException e) {
                throw new IllegalStateException("GET " + metrics + " failed: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** Mean and max of each warehouse query the console ran ({@code guildhall_console_warehouse_query_seconds}). */
        String queryTimes() {
            Map<String, double[]> byQuery = new java.util.TreeMap<>(); // count, sum, max
            for (String line : metricsText().split("\n")) {
                if (!line.startsWith("guildhall_console_warehouse_query_seconds_")
                        || !line.contains("outcome=\"ok\"")) {
                    continue;
                }
                int q = line.indexOf("query=\"") + 7;
                String query = line.substring(q, line.indexOf('"', q));
                double v = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                double[] a = byQuery.computeIfAbsent(query, k -> new double[3]);
                if (line.startsWith("guildhall_console_warehouse_query_seconds_count")) {
                    a[0] = v;
                } else if (line.startsWith("guildhall_console_warehouse_query_seconds_sum")) {
                    a[1] = v;
                } else if (line.startsWith("guildhall_console_warehouse_query_seconds_max")) {
                    a[2] = v;
                }
            }
            StringBuilder b = new StringBuilder("console's warehouse queries (mean / max of the last minutes, ms):");
            byQuery.forEach((q, a) -> b.append(String.format(Locale.ROOT, " %s %.0f/%.0f (n=%.0f);", q,
                    a[0] == 0 ? 0 : 1000 * a[1] / a[0], 1000 * a[2], a[0])));
            return b.toString();
        }

        String describe() {
            return "memory while timing: admin-console heap used max " + Report.mib(consoleHeapMax) + ", RSS max "
                    + Report.mib(consoleRssMax) + " (peak " + Report.mib(ProcessMemory.peakRss(console.pid()))
                    + "); ClickHouse RSS max " + Report.mib(clickhouseRssMax) + " (peak since start "
                    + Report.mib(ProcessMemory.peakRss(clickhouse.pid())) + ")";
        }
    }
}
