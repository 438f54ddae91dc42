package dev.guildhall.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.guildhall.console.support.CoreServerProcess;
import dev.guildhall.console.support.CoreServerProcess.Account;
import dev.guildhall.warehouse.ClickHouseConnections;
import dev.guildhall.warehouse.queries.CohortRetention;
import dev.guildhall.warehouse.queries.ConsoleQueries;
import dev.guildhall.warehouse.queries.DayCount;
import dev.guildhall.warehouse.queries.HourOfWeekCount;
import dev.guildhall.warehouse.queries.InsightsQueries;
import dev.guildhall.warehouse.queries.VoiceDay;
import dev.guildhall.warehouse.queries.VoiceMinutesQueries;
import dev.guildhall.warehouse.queries.MemberDay;
import dev.guildhall.warehouse.queries.WeekCount;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A server owner in headless Debian Chromium against the real stack: their guild's insights equal the warehouse's
 * named queries on seeded ClickHouse rows (and so does the CSV export), and an AutoMod keyword rule made with the
 * editor matches a recent message in the preview and then blocks a message posted through core-server's REST API.
 * Screenshots go to target/screenshots/.
 */
@ExtendWith(SharedConsoleStack.class)
class OwnerToolsBrowserIT {

    private static final String PASSWORD = "owner-tools-it-pw";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** A past week (Monday to Sunday) the seeded rows fall in. */
    private static final LocalDate MON = LocalDate.parse("2026-01-05");
    private static final LocalDate SUN = MON.plusDays(6);

    private static ConsoleStack stack;
    private static Browser browser;
    private static InsightsQueries insights;
    private static VoiceMinutesQueries voiceMinutes;
    private static ConsoleQueries console;

    private static String owner;
    private static Account ownerAccount;
    private static Account poster;
    private static long guild;
    private static long otherGuild;
    private static long general;

    private BrowserContext context;
    private Page page;
    private String testName;

    @BeforeAll
    static void seed(ConsoleStack sharedStack, Browser sharedBrowser) {
        stack = sharedStack;
        browser = sharedBrowser;
        String suffix = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000, 9_999_999));
        owner = "toolsowner" + suffix;
        ownerAccount = stack.core.register(owner, PASSWORD);
        Account stranger = stack.core.register("toolsstranger" + suffix, PASSWORD);
        poster = stack.core.register("poster" + suffix, PASSWORD);
        guild = stack.core.createGuild(ownerAccount, "Insights Guild");
        otherGuild = stack.core.createGuild(stranger, "Stranger Insights");
        stack.core.join(ownerAccount, guild, poster);
        general = stack.core.channelId(ownerAccount.token(), guild, "general");
        seedWarehouse();
        DataSource warehouse = ClickHouseConnections.dataSource(stack.clickhouse.jdbcUrl(stack.clickhouseDb));
        insights = new InsightsQueries(warehouse);
        voiceMinutes = new VoiceMinutesQueries(warehouse);
        console = new ConsoleQueries(warehouse);

        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Known rows, each in its own insert (part), re-emitted windows included. */
    private static void seedWarehouse() {
        String g = Long.toString(guild);
        String o = Long.toString(otherGuild);
        sql("member_changes_1d", g + ", '2026-01-05', 3, 1, 50", g + ", '2026-01-05', 5, 2, 100",
                g + ", '2026-01-07', 1, 4, 100", o + ", '2026-01-05', 98765, 0, 100");
        sql("message_counts_1m", g + ", " + general + ", '2026-01-05 10:00:00', 7, 1",
                g + ", " + general + ", '2026-01-05 10:00:00', 9, 2",
                g + ", 12, '2026-01-05 10:30:00', 3, 1",
                g + ", " + general + ", '2026-01-06 22:15:00', 4, 1",
                g + ", " + general + ", '2026-01-12 09:00:00', 50, 1",
                o + ", 21, '2026-01-05 10:00:00', 98765, 1");
        sql("user_activity_1d", g + ", 100, '2026-01-05', 3, 1", g + ", 101, '2026-01-05', 1, 1",
                g + ", 100, '2026-01-06', 2, 1", g + ", 102, '2026-01-06', 1, 1", o + ", 100, '2026-01-05', 9, 1");
        sql("member_events", g + ", '2026-01-05 09:00:00', 1, 100, 1, 1", g + ", '2026-01-05 09:05:00', 2, 101, 1, 2",
                g + ", '2026-01-06 12:00:00', 3, 102, 1, 3");
        // voice sessions per day: 30 minutes re-emitted as 40 (higher version), 1.5 minutes in an unknown channel
        sql("voice_session_days", g + ", '2026-01-05', " + general + ", 100, 's1', 1000, 1800000, 0, 'eu', 'eu-1', 1",
                g + ", '2026-01-05', " + general + ", 100, 's1', 1000, 2400000, 0, 'eu', 'eu-1', 2",
                g + ", '2026-01-06', 55, 101, 's2', 2000, 90000, 0, 'eu', 'eu-1', 1",
                o + ", '2026-01-05', 21, 100, 's3', 3000, " + 98765L * 60_000 + ", 0, 'eu', 'eu-1', 1");
    }

    private static void sql(String table, String... rows) {
        for (String row : rows) {
            stack.sql("INSERT INTO " + table + " VALUES (" + row + ")");
        }
    }

    @BeforeEach
    void openContext(TestInfo info) {
        testName = info.getTestMethod().map(m -> m.getName()).orElse("test");
        context = ConsolePages.newContext(browser, new Browser.NewContextOptions().setAcceptDownloads(true));
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
    void ownerSeesTheNamedQueriesNumbersForTheirGuildAndExportsThem() throws Exception {
        // the named queries on the seeded rows (the re-emitted and older rows reduced, other guilds left out)
        LocalDate end = SUN.plusDays(1);
        List<MemberDay> members = insights.memberGrowth(guild, MON, end);
        List<DayCount> perDay = insights.messagesPerDay(guild, MON, end);
        List<DayCount> daily = insights.dailyActiveUsers(guild, MON, end);
        List<WeekCount> weekly = insights.weeklyActiveUsers(guild, MON, end);
        List<CohortRetention> cohorts = insights.newMemberRetention(guild, MON, end);
        List<HourOfWeekCount> hours = insights.busiestHours(guild, instant(MON), instant(end));
        assertThat(members).containsExactly(new MemberDay(MON, 5, 2), new MemberDay(MON.plusDays(2), 1, 4));
        assertThat(perDay).containsExactly(new DayCount(MON, 12), new DayCount(MON.plusDays(1), 4));
        assertThat(console.messagesPerChannel(guild, instant(MON), instant(end))).hasSize(2);
        assertThat(daily).containsExactly(new DayCount(MON, 2), new DayCount(MON.plusDays(1), 2));
        assertThat(weekly).containsExactly(new WeekCount(MON, 3));
        assertThat(cohorts).containsExactly(new CohortRetention(MON, 2, 1, 0, 0),
                new CohortRetention(MON.plusDays(1), 1, 0, 0, 0));
        assertThat(hours).containsExactly(new HourOfWeekCount(1, 10, 12), new HourOfWeekCount(2, 22, 4));
        List<VoiceDay> voiceDays = voiceMinutes.voiceMinutesPerDay(guild, MON, end);
        assertThat(voiceDays).containsExactly(new VoiceDay(MON, 40.0, 1, 1), new VoiceDay(MON.plusDays(1), 1.5, 1, 1));
        assertThat(voiceMinutes.voiceMinutesPerChannel(guild, MON, end)).hasSize(2);

        signIn(owner);
        page.waitForURL("**/messages/*");
        page.navigate(stack.consoleUrl + "/insights/" + guild);
        page.locator("#insights-summary").waitFor();
        // the date-range picker: pick the seeded week and apply
        pickDate("#range-from", MON);
        pickDate("#range-to", SUN);
        page.locator("#range-apply").click();
        page.waitForURL("**/insights/" + guild + "?from=2026-01-05&to=2026-01-11");
        page.getByText("Insights Guild, 2026-01-05 to 2026-01-11: 16 messages, 6 joins, 6 leaves, "
                + "41.5 voice minutes.").waitFor();

        List<String> expectedMembers = new ArrayList<>();
        long growth = 0;
        for (MemberDay d : members) {
            growth += d.net();
            expectedMembers.addAll(List.of(d.day().toString(), Long.toString(d.joins()), Long.toString(d.leaves()),
                    Long.toString(d.net()), Long.toString(growth)));
        }
        assertThat(cells("#members-table")).containsSubsequence(expectedMembers);
        assertThat(cells("#messages-per-day-table")).containsSubsequence(dayCells(perDay));
        assertThat(cells("#messages-per-channel-table"))
                .containsSubsequence("general", Long.toString(general), "13", "channel 12 (unknown)", "12", "3");
        assertThat(cells("#daily-active-users-table")).containsSubsequence(dayCells(daily));
        assertThat(cells("#weekly-active-users-table")).containsSubsequence(weekly.get(0).week().toString(),
                Long.toString(weekly.get(0).count()));
        CohortRetention monday = cohorts.get(0);
        assertThat(cells("#retention-table")).containsSubsequence(monday.day().toString(),
                Long.toString(monday.joined()), Long.toString(monday.activeAfter1Day()), "50.0%",
                Long.toString(monday.activeAfter7Days()), "0.0%", Long.toString(monday.activeAfter30Days()), "0.0%");
        assertThat(cells("#busiest-hours-table")).containsSubsequence("Monday", "10:00–11:00",
                Long.toString(hours.get(0).messages()), "Tuesday", "22:00–23:00", Long.toString(hours.get(1).messages()));
        List<String> voiceDayCells = new ArrayList<>();
        for (VoiceDay d : voiceDays) {
            voiceDayCells.addAll(List.of(d.day().toString(), String.format(java.util.Locale.ROOT, "%.1f",
                    d.minutes()), Long.toString(d.users()), Long.toString(d.sessions())));
        }
        assertThat(cells("#voice-minutes-per-day-table")).containsSubsequence(voiceDayCells);
        assertThat(cells("#voice-minutes-per-channel-table"))
                .containsSubsequence("general", Long.toString(general), "40.0", "1", "channel 55 (unknown)", "55",
                        "1.5", "1");
        for (String chart : List.of("members", "messages-per-day", "messages-per-channel", "daily-active-users",
                "busiest-hours", "voice-minutes-per-day", "voice-minutes-per-channel")) {
            page.locator("#chart-" + chart + " canvas").first().waitFor();
        }
        assertThat(page.innerText("body")).doesNotContain("98765").doesNotContain("Stranger Insights");

        // CSV: the same cells as the tables
        StringBuilder perDayCsv = new StringBuilder("Day (UTC),Messages\r\n");
        perDay.forEach(d -> perDayCsv.append(d.day()).append(',').append(d.count()).append("\r\n"));
        assertThat(download("#csv-messages-per-day")).isEqualTo(perDayCsv.toString());
        assertThat(download("#csv-members")).isEqualTo("Day (UTC),Joins,Leaves,Net,Growth in range\r\n"
                + "2026-01-05,5,2,3,3\r\n2026-01-07,1,4,-3,0\r\n");
        assertThat(download("#csv-voice-minutes-per-day")).isEqualTo("Day (UTC),Voice minutes,Users,Sessions\r\n"
                + "2026-01-05,40.0,1,1\r\n2026-01-06,1.5,1,1\r\n");
        assertThat(download("#csv-retention")).isEqualTo("Join day (UTC),Joined,Day 1,Day 1 %,Day 7,Day 7 %,"
                + "Day 30,Day 30 %\r\n2026-01-05,2,1,50.0%,0,0.0%,0,0.0%\r\n2026-01-06,1,0,0.0%,0,0.0%,0,0.0%\r\n");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("owner-insights.png"))
                .setFullPage(true));

        // a range without rows says so; another owner's guild is refused and shows nothing of it
        page.navigate(stack.consoleUrl + "/insights/" + guild + "?from=2025-03-01&to=2025-03-07");
        page.locator("#empty-members").getByText("No data for this range yet: no member joined").waitFor();
        assertThat(page.locator("#members-table").isVisible()).isFalse();
        page.navigate(stack.consoleUrl + "/insights/" + otherGuild + "?from=2026-01-05&to=2026-01-11");
        page.locator("#no-access").waitFor(new Locator.WaitForOptions().setTimeout(5_000));
        assertThat(page.innerText("body")).doesNotContain("98765").doesNotContain("Stranger Insights");
    }

    @Test
    void ownerCreatesAKeywordRuleSeesItMatchARecentMessageAndItBlocksTheNextOne() {
        assertThat(stack.core.postMessage(poster.token(), general, "hello everyone").status()).isEqualTo(200);
        assertThat(stack.core.postMessage(poster.token(), general, "selling CHEAP GOLD, dm me").status())
                .isEqualTo(200);

        signIn(owner);
        page.waitForURL("**/messages/*");
        page.navigate(stack.consoleUrl + "/automod/" + guild);
        page.locator("#rules-empty").waitFor();
        page.locator("#rule-name input").fill("No gold sellers");
        page.locator("#rule-keywords textarea").fill("cheap gold");
        page.locator("#rule-regex textarea").fill("([unclosed");
        page.locator("#action-block-message input").fill("Gold selling is not allowed here");
        page.locator("#action-block-message input").press("Tab");

        // core-server's 50035 for the bad regex shows next to the regex field, and nothing is saved
        page.locator("#rule-save").click();
        page.locator("#rule-regex[invalid]").waitFor();
        assertThat(page.locator("#rule-regex [slot='error-message']").textContent()).startsWith("line 1: ");
        assertThat(stack.core.get("/guilds/" + guild + "/auto-moderation/rules", ownerAccount.token()).size())
                .isZero();

        page.locator("#rule-regex textarea").fill("");
        page.locator("#rule-regex textarea").press("Tab");
        page.locator("#rule-preview").click();
        List<String> preview = awaitCells("#preview-grid", c -> c.contains("would match"));
        assertThat(preview).containsSubsequence("would match", "#general", poster.username(),
                "selling CHEAP GOLD, dm me", "keyword \"cheap gold\" matched \"CHEAP GOLD\" at 8–18",
                "block (\"Gold selling is not allowed here\")");
        assertThat(preview).containsSubsequence("no match", "#general", poster.username(), "hello everyone");
        assertThat(page.locator("#preview-summary").textContent()).startsWith("1 of ");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("automod-preview.png"))
                .setFullPage(true));

        page.locator("#rule-save").click();
        page.getByText("Saved \"No gold sellers\".").waitFor();
        assertThat(awaitCells("#rules-grid", c -> c.contains("No gold sellers")))
                .containsSubsequence("No gold sellers", "Keywords and patterns", "yes");

        CoreServerProcess.Answer blocked = stack.core.postMessage(poster.token(), general, "cheap gold, anyone?");
        assertThat(blocked.status()).isEqualTo(400);
        assertThat(blocked.body().path("code").asInt()).isEqualTo(200000);
        assertThat(blocked.body().path("message").asText()).isEqualTo("Message was blocked by automatic moderation");
        assertThat(stack.core.postMessage(poster.token(), general, "silver is fine").status()).isEqualTo(200);

        // and the rule can be deleted again from the editor
        page.locator("#rules-grid vaadin-grid-cell-content", new Page.LocatorOptions().setHasText("No gold sellers"))
                .first().click();
        page.locator("#rule-delete").click();
        page.getByText("Deleted \"No gold sellers\".").waitFor();
        assertThat(stack.core.get("/guilds/" + guild + "/auto-moderation/rules", ownerAccount.token()).size())
                .isZero();
    }

    @Test
    void ownerCannotOpenTheRulesOfAGuildTheyDoNotManage() {
        signIn(owner);
        page.waitForURL("**/messages/*");
        page.navigate(stack.consoleUrl + "/automod/" + otherGuild);
        page.locator("#no-access").waitFor(new Locator.WaitForOptions().setTimeout(5_000));
        assertThat(page.locator("#no-access").textContent()).contains("Manage Server");
        assertThat(page.locator("#rule-form").isVisible()).isFalse();
        assertThat(page.content()).doesNotContain("Stranger Insights");
    }

    private String download(String anchor) throws Exception {
        Download download = page.waitForDownload(() -> page.locator(anchor).click());
        return Files.readString(download.path(), StandardCharsets.UTF_8);
    }

    private void pickDate(String picker, LocalDate day) {
        Locator input = page.locator(picker + " input");
        input.fill(day.toString());
        input.press("Enter");
        input.press("Escape");
    }

    private static Instant instant(LocalDate day) {
        return day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    }

    private static List<String> dayCells(List<DayCount> counts) {
        List<String> cells = new ArrayList<>();
        counts.forEach(d -> cells.addAll(List.of(d.day().toString(), Long.toString(d.count()))));
        return cells;
    }

    private void signIn(String username) {
        ConsolePages.signIn(page, stack.consoleUrl, username, PASSWORD);
    }

    private List<String> cells(String grid) {
        return awaitCells(grid, c -> !c.isEmpty());
    }

    /** Texts of a Vaadin grid's cells (header included), once they satisfy the condition. */
    private List<String> awaitCells(String gridSelector, Predicate<List<String>> ready) {
        return ConsolePages.awaitCells(page, stack, gridSelector + " vaadin-grid-cell-content", "grid " + gridSelector,
                texts -> ready.test(texts) && texts.size() > countHeaders(gridSelector));
    }

    private int countHeaders(String gridSelector) {
        return page.locator(gridSelector + " vaadin-grid-column").count();
    }
}
