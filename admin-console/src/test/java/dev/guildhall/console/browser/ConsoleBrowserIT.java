package dev.guildhall.console.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.guildhall.console.auth.GuildPermissions;
import dev.guildhall.console.support.CoreServerProcess.Account;
import dev.guildhall.events.EventCodec;
import dev.guildhall.events.Snowflakes;
import dev.guildhall.events.Topics;
import dev.guildhall.events.payload.VoiceServerHealth;
import dev.guildhall.events.payload.VoiceServerHeartbeat;
import dev.guildhall.testkit.Engines;
import dev.guildhall.warehouse.ClickHouseConnections;
import dev.guildhall.warehouse.queries.AlertSpan;
import dev.guildhall.warehouse.queries.GuildVoiceQuality;
import dev.guildhall.warehouse.queries.VoiceMetric;
import dev.guildhall.warehouse.queries.VoiceQualityPoint;
import dev.guildhall.warehouse.queries.VoiceQualityStats;
import dev.guildhall.warehouse.queries.VoiceQueries;
import dev.guildhall.warehouse.queries.VoiceServerQuality;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Signs in to the console in headless Debian Chromium against the real stack (core-server, PostgreSQL, Kafka,
 * ClickHouse; shared with the other browser ITs, {@link SharedConsoleStack}) and checks what owners and SREs see,
 * and what they must not see. Screenshots go to target/screenshots/.
 */
@ExtendWith(SharedConsoleStack.class)
class ConsoleBrowserIT {

    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final String PASSWORD = "browser-it-pw";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static ConsoleStack stack;
    private static Browser browser;

    private static String owner;
    private static String sre;
    private static String member;
    private static long ownGuild;
    private static long otherGuild;
    private static long quietGuild;
    private static long liveGuild;
    private static long modGuild;
    private static String moderator;
    private static String troublemaker;
    private static long troublemakerId;
    private static String strangerToken;
    private static Instant minuteA;
    private static Instant minuteB;

    private BrowserContext context;
    private Page page;
    private String testName;

    @BeforeAll
    static void seed(ConsoleStack sharedStack, Browser sharedBrowser) throws Exception {
        stack = sharedStack;
        browser = sharedBrowser;
        String suffix = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000, 9_999_999));
        owner = "owner" + suffix;
        sre = SharedConsoleStack.SRE;
        String stranger = "stranger" + suffix;

        Account ownerAccount = stack.core.register(owner, PASSWORD);
        Account strangerAccount = stack.core.register(stranger, PASSWORD);
        stack.staff(sre);
        member = "member" + suffix;
        stack.core.register(member, PASSWORD);
        String ownerToken = ownerAccount.token();
        ownGuild = stack.core.createGuild(ownerAccount, "Browser Guild");
        otherGuild = stack.core.createGuild(strangerAccount, "Stranger Guild");
        quietGuild = stack.core.createGuild(ownerAccount, "Quiet Guild");
        liveGuild = stack.core.createGuild(ownerAccount, "Live Guild");
        // a moderator of one guild (timeout, kick, ban, audit log) who is a plain member of the owner's guild
        moderator = "moderator" + suffix;
        troublemaker = "troublemaker" + suffix;
        modGuild = stack.core.createGuild(strangerAccount, "Mod Guild");
        Account moderatorAccount = stack.core.register(moderator, PASSWORD);
        Account troublemakerAccount = stack.core.register(troublemaker, PASSWORD);
        stack.core.join(strangerAccount, modGuild, moderatorAccount);
        stack.core.join(strangerAccount, modGuild, troublemakerAccount);
        stack.core.grant(strangerAccount, modGuild, moderatorAccount, "Moderators",
                GuildPermissions.MODERATE_MEMBERS | GuildPermissions.KICK_MEMBERS | GuildPermissions.BAN_MEMBERS
                        | GuildPermissions.VIEW_AUDIT_LOG);
        stack.core.join(ownerAccount, ownGuild, moderatorAccount);
        strangerToken = strangerAccount.token();
        troublemakerId = troublemakerAccount.id();

        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        minuteA = now.minus(5, ChronoUnit.MINUTES);
        minuteB = now.minus(2, ChronoUnit.MINUTES);
        long a = minuteA.getEpochSecond();
        long b = minuteB.getEpochSecond();
        long general = stack.core.channelId(ownerToken, ownGuild, "general");
        // own guild: minute A = 7 + 4 over two channels (the 4 replaces an older 100 via version), minute B = 3;
        // channel 12 is not known to core-server
        stack.sql("INSERT INTO message_counts_1m (guild_id, channel_id, minute, messages, version) VALUES "
                + "(" + ownGuild + ", " + general + ", toDateTime(" + a + "), 7, 1), "
                + "(" + ownGuild + ", 12, toDateTime(" + a + "), 100, 1), "
                + "(" + ownGuild + ", 12, toDateTime(" + a + "), 4, 2), "
                + "(" + ownGuild + ", " + general + ", toDateTime(" + b + "), 3, 1)");
        // someone else's guild: must never be shown to the owner
        stack.sql("INSERT INTO message_counts_1m (guild_id, channel_id, minute, messages, version) VALUES "
                + "(" + otherGuild + ", 21, toDateTime(" + a + "), 777, 1)");

        Files.createDirectories(SCREENSHOTS);
    }

    @BeforeEach
    void openContext(TestInfo info) {
        testName = info.getTestMethod().map(m -> m.getName()).orElse("test");
        context = ConsolePages.newContext(browser);
        page = context.newPage();
    }

    @AfterEach
    void closeContext() {
        try {
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(testName + ".png"))
                    .setFullPage(true));
        } finally {
            context.close();
        }
    }

    @Test
    void ownerSeesTheSeededMessagesPerMinuteOfTheirGuild() {
        signIn(owner, PASSWORD);
        openOwnGuild();

        List<String> cells = awaitCells("#messages-table", c -> c.contains("11") && c.contains("3"));
        // newest first: minute B (3 messages) then minute A (7 + 4, the replaced 100 not counted)
        assertThat(cells).containsSubsequence(MINUTE.format(minuteB), "3", MINUTE.format(minuteA), "11");
        assertThat(cells).doesNotContain("100", "104", "111", "777");
        assertThat(page.locator("#messages-total").textContent()).contains("14 messages in the last hour");
        assertThat(awaitCells("#channels-table", c -> c.contains("general")))
                .containsSubsequence("general", "10", "channel 12 (unknown)", "4");
        assertThat(page.locator("#messages-chart canvas").count()).isPositive();
        assertThat(page.locator("html").getAttribute("theme")).contains("dark");
        assertThat(page.locator("#signed-in-user").textContent()).isEqualTo(owner);
    }

    @Test
    void ownerSeesWhatToDoWhenTheirGuildHadNoMessages() {
        signIn(owner, PASSWORD);
        page.waitForURL("**/messages/*");
        page.navigate(stack.consoleUrl + "/messages/" + quietGuild);
        page.getByText("No messages in the last hour — post in a channel of this guild").waitFor();
        assertThat(page.locator("#messages-table").isVisible()).isFalse();
        assertThat(page.locator("#messages-chart canvas").count()).isPositive();
    }

    @Test
    void messagesViewRefreshesByItselfWhenNewCountsArrive() {
        signIn(owner, PASSWORD);
        page.waitForURL("**/messages/*");
        page.navigate(stack.consoleUrl + "/messages/" + liveGuild);
        page.getByText("No messages in the last hour").waitFor();

        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(1, ChronoUnit.MINUTES);
        stack.sql("INSERT INTO message_counts_1m (guild_id, channel_id, minute, messages, version) VALUES ("
                + liveGuild + ", 31, toDateTime(" + minute.getEpochSecond() + "), 42, 1)");
        // no reload: the view polls every 10 s
        List<String> cells = awaitCells("#messages-table", c -> c.contains("42"));
        assertThat(cells).containsSubsequence(MINUTE.format(minute), "42");
        assertThat(page.locator("#messages-total").textContent()).contains("42 messages in the last hour");
    }

    @Test
    void unreachableClickHouseShowsAnErrorStateNotACrash() throws Exception {
        int port = dev.guildhall.testkit.FreePorts.next();
        int deadClickHouse = dev.guildhall.testkit.FreePorts.next();
        try (dev.guildhall.testkit.ServiceProcess console = stack.startConsole(port,
                "jdbc:clickhouse://127.0.0.1:" + deadClickHouse + "/guildhall")) {
            String url = "http://127.0.0.1:" + port;
            ConsolePages.signIn(page, url, sre, ConsoleStack.STAFF_PASSWORD);
            page.waitForURL("**/voice");
            page.locator("#error-state").waitFor();
            assertThat(page.locator("#error-state").textContent())
                    .contains("The warehouse (ClickHouse) cannot be read right now");
            assertThat(page.locator("#jitter-chart").isVisible()).isFalse();
            assertThat(page.locator("#worst-servers").isVisible()).isFalse();
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("clickhouseDown-voice.png")));

        }
    }

    @Test
    void signOutEndsTheSession() {
        signIn(owner, PASSWORD);
        openOwnGuild();
        page.locator("#sign-out").click();
        page.waitForURL("**/login");
        page.navigate(stack.consoleUrl + "/messages/" + ownGuild);
        page.waitForURL("**/login");
        assertThat(page.locator("#messages-table").count()).isZero();
    }

    @Test
    void ownerDirectUrlToAnotherGuildShowsNoAccessAndNoData() {
        signIn(owner, PASSWORD);
        openOwnGuild();
        page.navigate(stack.consoleUrl + "/messages/" + otherGuild);

        // refused on the first render, well before the view's 10 s refresh re-checks the scope
        page.locator("#no-access").waitFor(new Locator.WaitForOptions().setTimeout(5_000));
        assertThat(page.locator("#no-access").textContent()).contains("Guild not found, or you have no access");
        assertThat(page.locator("#messages-table").count()).isZero();
        assertThat(page.content()).doesNotContain("777").doesNotContain("Stranger Guild");

        page.navigate(stack.consoleUrl + "/messages/not-a-number");
        page.locator("#no-access").waitFor();
    }

    /**
     * An impairment in one region (high RTT, jitter and loss, low MOS), written to the voice quality input tables as
     * stream-analytics writes them, plus the alert quality-monitor would store: the SRE sees it on the RTT chart, at
     * the top of the worst servers and guilds, and as an open alert, with the named queries' numbers.
     */
    @Test
    void sreSeesAnInjectedVoiceImpairmentOnTheChartAndItsAlert() {
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(1, ChronoUnit.MINUTES);
        long m = minute.getEpochSecond();
        voiceMinute("eu-it", "voice-eu-it-1", 424242, m, "[310,330,350,420]", "[40,45,50,60]", 500, 90, 6,
                4, 7.2);
        voiceMinute("us-it", "voice-us-it-1", 434343, m, "[40,42,45]", "[3,4,5]", 500, 1, 0, 3, 12.9);
        stack.sql("INSERT INTO alerts (alert_id, region, metric, state, value, threshold, window_start, window_end,"
                + " occurred_at, event_id) VALUES ('alert-it-1', 'eu-it', 'rtt_p95_ms', 'open', 402.5, 250.0, "
                + "toDateTime(" + m + "), toDateTime(" + (m + 60) + "), " + (m + 61) * 1000 + ", '1')");
        // quality-monitor's per-voice-server alert (V009 voice_server), opened a second later
        stack.sql("INSERT INTO alerts (alert_id, region, voice_server, metric, state, value, threshold, window_start,"
                + " window_end, occurred_at, event_id) VALUES ('alert-it-2', 'eu-it', 'voice-eu-it-1', 'loss_ratio',"
                + " 'open', 0.18, 0.05, toDateTime(" + m + "), toDateTime(" + (m + 60) + "), " + (m + 62) * 1000
                + ", '2')");
        VoiceQueries queries = new VoiceQueries(ClickHouseConnections.dataSource(
                stack.clickhouse.jdbcUrl(stack.clickhouseDb)));

        // the voice nodes' latest heartbeats and quality-monitor's verdict, on their compacted topics
        String node = "voice-eu-it-" + ThreadLocalRandom.current().nextInt(1_000_000);
        long sent = System.currentTimeMillis();
        publishFleet(node, new VoiceServerHeartbeat(node, "eu-it", "127.0.0.1:1", 200, 50, "http://127.0.0.1:2",
                        sent - 60_000, sent, 1000, VoiceServerHeartbeat.RUNNING),
                new VoiceServerHealth(node, "eu-it", VoiceServerHealth.UNHEALTHY, 12, 402.5, 55.0, 0.18, 4, sent,
                        sent - 10_000, sent, List.of("rtt_p95_ms", "loss_ratio")));

        signIn(sre, ConsoleStack.STAFF_PASSWORD);
        page.waitForURL("**/voice");
        assertThat(awaitCells("#voice-fleet", c -> c.contains(node))).containsSubsequence("eu-it", node,
                "50 / 200 (25%)", "unhealthy", "12", "rtt_p95_ms, loss_ratio");
        assertThat(page.locator("#fleet-status").textContent()).contains("not usable");
        // the worst servers by loss over the last 5 minutes, as the named query ranks them
        Instant end = minute.plus(2, ChronoUnit.MINUTES);
        List<VoiceServerQuality> worst = queries.worstVoiceServers(VoiceMetric.LOSS_RATIO, end, 5, 1, 10);
        assertThat(worst).extracting(VoiceServerQuality::voiceServer).containsExactly("voice-eu-it-1",
                "voice-us-it-1");
        VoiceQualityStats eu = worst.get(0).stats();
        assertThat(awaitCells("#worst-servers", c -> c.contains("voice-eu-it-1"))).containsSubsequence("eu-it",
                "voice-eu-it-1", Long.toString(eu.samples()), one(eu.rttP95Ms()), one(eu.jitterP95Ms()),
                String.format(Locale.ROOT, "%.2f%%", eu.lossRatio() * 100),
                String.format(Locale.ROOT, "%.2f", eu.mos()), "us-it", "voice-us-it-1");
        GuildVoiceQuality guild = queries.worstGuilds(VoiceMetric.LOSS_RATIO, end, 5, 1, 10).get(0);
        assertThat(guild.guildId()).isEqualTo(424242);
        assertThat(awaitCells("#worst-guilds", c -> c.contains("424242"))).containsSubsequence("424242",
                Long.toString(guild.stats().samples()), one(guild.stats().rttP95Ms()));

        // the open alerts, as openAlerts answers (newest first): the voice server's, then the region's ("—")
        List<AlertSpan> open = queries.openAlerts(10);
        assertThat(open).extracting(AlertSpan::alertId).containsExactly("alert-it-2", "alert-it-1");
        AlertSpan serverAlert = open.get(0);
        AlertSpan alert = open.get(1);
        assertThat(awaitCells("#open-alerts", c -> c.contains("rtt_p95_ms") && c.contains("loss_ratio")))
                .containsSubsequence(serverAlert.region(), "voice-eu-it-1", serverAlert.metric(), "open",
                        MINUTE.format(serverAlert.openedAt()), one(serverAlert.openValue()),
                        one(serverAlert.threshold()),
                        alert.region(), "—", alert.metric(), "open", MINUTE.format(alert.openedAt()),
                        one(alert.openValue()), one(alert.threshold()));
        assertThat(page.locator("#voice-status").textContent()).contains("2 alert(s) open");
        assertThat(page.locator("#more-open-alerts").isVisible()).as("all open alerts listed").isFalse();
        awaitCells("#recent-alerts", c -> c.contains("rtt_p95_ms"));

        // the RTT chart (p95 per region) plots the impaired minute at the value qualityByRegion answers
        VoiceQualityPoint euMinute = queries.qualityByRegion(minute, minute.plusSeconds(60), Duration.ofMinutes(1))
                .stream().filter(p -> p.region().equals("eu-it")).findFirst().orElseThrow();
        page.waitForFunction("() => { const el = document.getElementById('rtt-chart');"
                + " const c = window.echarts && window.echarts.getInstanceByDom(el);"
                + " return c && c.getOption().series.some(s => s.name === 'eu-it'); }");
        Object plotted = page.evaluate("t => { const o = window.echarts.getInstanceByDom("
                + "document.getElementById('rtt-chart')).getOption();"
                + " const column = [].concat(o.series.find(s => s.name === 'eu-it').encode.y)[0];"
                + " return o.dataset[0].source.find(row => row[0] === t)[column]; }",
                (double) minute.toEpochMilli());
        assertThat(((Number) plotted).doubleValue()).isCloseTo(euMinute.stats().rttP95Ms(), within(1e-9));
        assertThat(page.evaluate("() => window.echarts.getInstanceByDom(document.getElementById('rtt-chart'))"
                + ".getOption().series.map(s => s.name).join(',')")).isEqualTo("eu-it,us-it");
        assertThat(euMinute.stats().rttP95Ms()).isGreaterThan(250.0);
        for (String chart : List.of("jitter-chart", "loss-chart", "mos-chart", "region-heatmap", "alert-timeline")) {
            page.locator("#" + chart + " canvas").first().waitFor();
        }
        // ECharts is served cacheable (its URL names the version), so later pages neither fetch nor recompile it
        APIResponse echarts = page.request().get(stack.consoleUrl + "/webjars/echarts/5.3.1/dist/echarts.min.js");
        assertThat(echarts.status()).isEqualTo(200);
        assertThat(echarts.headers()).containsEntry("cache-control", "max-age=31536000, public, immutable");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("sre-voice-impairment.png"))
                .setFullPage(true));

        // a region picked: one series per voice server of that region
        page.locator("#voice-scope").click();
        page.locator("vaadin-select-item").filter(new Locator.FilterOptions().setHasText("voice server of eu-it"))
                .click();
        page.waitForFunction("() => window.echarts.getInstanceByDom(document.getElementById('rtt-chart'))"
                + ".getOption().series.some(s => s.name === 'voice-eu-it-1')");
    }

    /** One channel minute into both voice quality input tables (a single channel, so the server minute matches). */
    private static void voiceMinute(String region, String server, long guildId, long minute, String rtt,
                                    String jitter, long expected, long lost, long late, int mosSamples, double mosSum) {
        int samples = jitter.split(",").length;
        String values = samples + ", " + rtt + ", " + jitter + ", " + expected + ", " + lost + ", " + late + ", "
                + mosSamples + ", " + mosSum + ", 0, 0, 1)";
        stack.sql("INSERT INTO voice_quality_channel_1m_input VALUES ('" + region + "', '" + server + "', "
                + guildId + ", 7, toDateTime(" + minute + "), " + values);
        stack.sql("INSERT INTO voice_quality_server_1m_input VALUES ('" + region + "', '" + server + "', "
                + "toDateTime(" + minute + "), " + values);
    }

    private static void publishFleet(String node, VoiceServerHeartbeat heartbeat, VoiceServerHealth health) {
        Engines.kafka().createTopic(Topics.VOICE_SERVERS, 1);
        Engines.kafka().createTopic(Topics.VOICE_HEALTH, 1);
        Snowflakes ids = new Snowflakes(1, 1);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Engines.kafka().bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            long now = System.currentTimeMillis();
            producer.send(new ProducerRecord<>(Topics.VOICE_SERVERS, node,
                    EventCodec.encode(EventCodec.wrap(ids, "browser-it", "0", now, heartbeat))));
            producer.send(new ProducerRecord<>(Topics.VOICE_HEALTH, node,
                    EventCodec.encode(EventCodec.wrap(ids, "browser-it", "0", now, health))));
            producer.flush();
        }
    }

    private static String one(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    @Test
    void sreWhoOwnsNoGuildCannotOpenTheMessagesView() {
        signIn(sre, ConsoleStack.STAFF_PASSWORD);
        page.waitForURL("**/voice");
        page.navigate(stack.consoleUrl + "/messages/" + ownGuild);
        page.locator("#not-found").waitFor();
        assertThat(page.locator("#messages-table").count()).isZero();
        assertThat(page.content()).doesNotContain("Browser Guild");
    }

    @Test
    void userWithoutGuildOrRoleIsToldWhatToDoAndSeesNoView() {
        signIn(member, PASSWORD);
        page.locator("#no-views").waitFor();
        assertThat(page.locator("#no-views").textContent()).contains("Create a guild from a client");
        page.navigate(stack.consoleUrl + "/voice");
        page.locator("#not-found").waitFor();
        page.navigate(stack.consoleUrl + "/messages/" + ownGuild);
        page.locator("#not-found").waitFor();
        assertThat(page.content()).doesNotContain("Browser Guild").doesNotContain("eu-it");
    }

    @Test
    void wrongPasswordIsRefused() {
        signIn(owner, "not-the-password");
        page.waitForURL("**/login?error**");
        page.getByText("Sign-in refused").waitFor();

        page.navigate(stack.consoleUrl + "/messages/" + ownGuild);
        page.waitForURL("**/login");
        assertThat(page.content()).doesNotContain("Browser Guild");
    }

    @Test
    void healthAndMetricsAreOpenAndEverythingElseNeedsSignIn() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> health = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(stack.consoleUrl + "/health")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
        java.net.http.HttpResponse<String> metrics = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(stack.consoleUrl + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("# TYPE jvm_memory_used_bytes gauge")
                .contains("guildhall_console_logins_total")
                .contains("guildhall_console_warehouse_query_seconds");
        for (String path : List.of("/messages/" + ownGuild, "/voice", "/")) {
            java.net.http.HttpResponse<String> page = http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(stack.consoleUrl + path)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(path).isEqualTo(302);
            assertThat(page.headers().firstValue("Location")).as(path).hasValueSatisfying(
                    l -> assertThat(l).endsWith("/login"));
        }
    }

    @Test
    void moderatorSeesOnlyTheirGuildTimesOutAMemberWithAReasonAndSeesItInTheAuditLog() {
        signIn(moderator, PASSWORD);
        page.waitForURL("**/moderation/" + modGuild);
        page.locator("#audit-grid, #audit-empty").first().waitFor();

        // the picker lists only the guild they moderate, not the owner's guild they merely belong to
        page.locator("#moderation-guild-picker").click();
        Locator items = page.locator("vaadin-select-list-box vaadin-select-item:visible");
        items.first().waitFor();
        assertThat(items.allTextContents().stream().map(String::trim).toList())
                .containsExactly("Mod Guild (" + modGuild + ")");
        page.keyboard().press("Escape");
        assertThat(page.content()).doesNotContain("Browser Guild");

        page.locator("#member-search input").fill(troublemaker.substring(0, 8));
        page.locator("#member-search-button").click();
        page.locator("#members-grid vaadin-grid-cell-content", new Page.LocatorOptions().setHasText(troublemaker))
                .click();
        page.locator("#selected-member").getByText(troublemaker).waitFor();
        page.locator("#timeout-length").click();
        page.locator("vaadin-select-list-box vaadin-select-item:visible", new Page.LocatorOptions().setHasText("1 hour")).click();
        page.locator("#action-reason input").fill("spamming invite links");
        page.locator("#action-reason input").press("Tab");
        page.locator("#timeout-button:not([disabled])").click();
        page.locator("#action-done").waitFor();

        List<String> cells = awaitCells("#audit-grid", c -> c.contains("spamming invite links"));
        assertThat(cells).containsSubsequence("Member updated", moderator, troublemaker, "spamming invite links");
        page.locator("#audit-grid vaadin-grid-cell-content", new Page.LocatorOptions()
                .setHasText("spamming invite links")).click();
        assertThat(page.locator("#audit-grid .audit-changes").first().textContent())
                .startsWith("communication_disabled_until: — → ");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("moderator-audit-log.png")));

        // core-server has the timeout, about an hour long
        java.time.Instant until = java.time.Instant.parse(stack.core.get("/guilds/" + modGuild + "/members/"
                + troublemakerId, strangerToken).path("communication_disabled_until").asText());
        assertThat(until).isBetween(Instant.now().plus(Duration.ofMinutes(55)),
                Instant.now().plus(Duration.ofMinutes(61)));

        // the audit log filter by action type keeps the entry; another type shows what to do
        page.locator("#audit-action-filter").click();
        page.locator("vaadin-select-list-box vaadin-select-item:visible", new Page.LocatorOptions().setHasText("Member banned")).click();
        page.locator("#audit-empty").waitFor();
        assertThat(page.locator("#audit-empty").textContent()).contains("Clear the Action or By filter");

        // a direct URL to the guild where they are only a member is refused, and nothing of it is shown
        page.navigate(stack.consoleUrl + "/moderation/" + ownGuild);
        page.locator("#no-access").waitFor(new Locator.WaitForOptions().setTimeout(5_000));
        assertThat(page.locator("#no-access").textContent()).contains("Manage Messages or Timeout Members");
        assertThat(page.locator("#audit-grid").count()).isZero();
        assertThat(page.content()).doesNotContain("Browser Guild");
        page.navigate(stack.consoleUrl + "/messages/" + ownGuild);
        page.locator("#not-found").waitFor();
    }

    @Test
    void ownerModeratesTheirOwnGuildButNotAnother() {
        signIn(owner, PASSWORD);
        page.waitForURL("**/messages/*");
        page.navigate(stack.consoleUrl + "/moderation/" + ownGuild);
        page.locator("#audit-grid, #audit-empty").first().waitFor();
        page.navigate(stack.consoleUrl + "/moderation/" + modGuild);
        page.locator("#no-access").waitFor(new Locator.WaitForOptions().setTimeout(5_000));
        assertThat(page.content()).doesNotContain("Mod Guild").doesNotContain("spamming invite links");
    }

    /** After an owner's sign-in (which lands on one of their guilds), opens the seeded guild. */
    private void openOwnGuild() {
        page.waitForURL("**/messages/*");
        if (!page.url().endsWith("/messages/" + ownGuild)) {
            page.navigate(stack.consoleUrl + "/messages/" + ownGuild);
        }
        page.locator("#messages-total").waitFor();
    }

    private void signIn(String username, String password) {
        ConsolePages.signIn(page, stack.consoleUrl, username, password);
    }

    /** Texts of a Vaadin grid's cells (header included), once they satisfy the condition. */
    private List<String> awaitCells(String gridSelector, Predicate<List<String>> ready) {
        return ConsolePages.awaitCells(page, stack, gridSelector + " vaadin-grid-cell-content", "grid " + gridSelector,
                ready);
    }
}
