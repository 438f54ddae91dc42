package dev.guildhall.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.guildhall.console.auth.GuildPermissions;
import dev.guildhall.console.support.CoreServerProcess.Account;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A moderator clears the AutoMod review queue in headless Debian Chromium against the real stack: a message posted
 * through core-server's REST API matches a FLAG_TO_QUEUE keyword rule and shows in the queue; a second one arrives
 * live (Vaadin Push) while the page is open; the moderator removes the first with a reason and a bot connected to
 * the gateway sees MESSAGE_DELETE; the second is approved with the keyboard (A, then Enter). Screenshots go to
 * target/screenshots/.
 */
@ExtendWith(SharedConsoleStack.class)
class ReviewQueueBrowserIT {

    private static final String PASSWORD = "queue-browser-pw";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** GUILDS | GUILD_MESSAGES */
    private static final int INTENTS = 1 | 1 << 9;

    private static ConsoleStack stack;
    private static Browser browser;
    private static Account owner;
    private static Account spammer;
    private static String moderator;
    private static String botAuthorization;
    private static long guild;
    private static long general;

    @BeforeAll
    static void seed(ConsoleStack sharedStack, Browser sharedBrowser) throws Exception {
        stack = sharedStack;
        browser = sharedBrowser;
        String suffix = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000, 9_999_999));
        owner = stack.core.register("qowner" + suffix, PASSWORD);
        guild = stack.core.createGuild(owner, "Queue Guild");
        general = stack.core.channelId(owner.token(), guild, "general");
        stack.core.post("/guilds/" + guild + "/auto-moderation/rules", owner.token(), Map.of("name", "Nitro scams",
                "event_type", 1, "trigger_type", 1, "enabled", true,
                "trigger_metadata", Map.of("keyword_filter", List.of("free nitro")),
                "actions", List.of(Map.of("type", 100))));
        moderator = "qmoderator" + suffix;
        Account mod = stack.core.register(moderator, PASSWORD);
        stack.core.join(owner, guild, mod);
        stack.core.grant(owner, guild, mod, "Moderators", GuildPermissions.MANAGE_MESSAGES
                | GuildPermissions.MODERATE_MEMBERS);
        spammer = stack.core.register("qspammer" + suffix, PASSWORD);
        stack.core.join(owner, guild, spammer);
        JsonNode app = stack.core.post("/applications", owner.token(), Map.of("name", "Queue Watch Bot"));
        botAuthorization = "Bot " + app.path("bot").path("token").asText();
        stack.core.join(owner, guild, new Account("bot", Long.parseLong(app.path("bot").path("id").asText()),
                botAuthorization));

        Files.createDirectories(SCREENSHOTS);
    }

    /** The spammer posts through the real REST API; returns the stored message's id. */
    private static String post(String content) {
        return stack.core.post("/channels/" + general + "/messages", spammer.token(), Map.of("content", content))
                .path("id").asText();
    }

    /** The guild's queue item for the message, as core-server has it. */
    private static JsonNode itemOf(String messageId) {
        JsonNode list = stack.core.get("/guilds/" + guild + "/auto-moderation/queue?status=all&limit=100",
                owner.token());
        for (JsonNode item : list.path("items")) {
            if (item.path("message_id").asText().equals(messageId)) {
                return item;
            }
        }
        throw new AssertionError("no queue item for message " + messageId + " in " + list);
    }

    @Test
    void moderatorRemovesAFlaggedMessageAndABotSeesItDeleted() throws Exception {
        String scam = post("get free nitro at totally-legit.example");
        BrowserContext context = ConsolePages.newContext(browser);
        Page page = context.newPage();
        try (GatewayWatcher bot = new GatewayWatcher(stack.core.url, botAuthorization, INTENTS)) {
            assertThat(bot.next("GUILD_CREATE", Duration.ofSeconds(20))).as("bot in the guild").isNotNull();

            ConsolePages.signIn(page, stack.consoleUrl, moderator, PASSWORD);
            page.waitForURL("**/moderation/*");
            page.locator("vaadin-side-nav-item", new Page.LocatorOptions().setHasText("Review queue")).click();
            page.waitForURL("**/queue/" + guild);
            awaitCells(page, c -> c.stream().anyMatch(s -> s.contains("totally-legit.example")));
            assertThat(page.locator("#queue-count").textContent()).isEqualTo("1 pending item");
            assertThat(page.locator("#queue-shortcuts").textContent()).contains("A approve", "R remove");

            // a second flagged message arrives while the page is open: pushed, no reload
            String quote = post("he said \"free nitro\" was a scam, lol");
            awaitCells(page, c -> c.stream().anyMatch(s -> s.contains("was a scam")));
            assertThat(page.locator("#queue-count").textContent()).isEqualTo("2 pending items");

            cell(page, "totally-legit.example").click();
            page.locator("#detail-content").getByText("get free nitro at totally-legit.example").waitFor();
            page.locator("#queue-detail h4", new Page.LocatorOptions().setHasText("message by")).getByText("in #general")
                    .waitFor();
            assertThat(page.locator("#queue-context .flagged-line").first().textContent())
                    .contains("totally-legit.example");
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("review-queue.png")));

            page.locator("#queue-remove").click();
            page.locator("#reason-input input").fill("nitro scam link");
            page.locator("#reason-confirm").click();
            page.locator("#queue-done").waitFor();

            JsonNode deleted = bot.next("MESSAGE_DELETE", Duration.ofSeconds(20));
            assertThat(deleted).as("the bot sees the removal").isNotNull();
            assertThat(deleted.at("/d/id").asText()).isEqualTo(scam);
            assertThat(deleted.at("/d/channel_id").asText()).isEqualTo(Long.toString(general));
            JsonNode removed = itemOf(scam);
            assertThat(removed.at("/resolution/action").asText()).isEqualTo("remove");
            assertThat(removed.at("/resolution/reason").asText()).isEqualTo("nitro scam link");
            assertThat(stack.core.status("/channels/" + general + "/messages/" + scam, owner.token())).isEqualTo(404);
            awaitCells(page, c -> c.stream().noneMatch(s -> s.contains("totally-legit.example")));
            assertThat(page.locator("#queue-count").textContent()).isEqualTo("1 pending item");
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("review-queue-removed.png")));

            // the next item is shown; approve it with the keyboard
            page.locator("#detail-content").getByText("was a scam").waitFor();
            cell(page, "was a scam").click();
            page.keyboard().press("a");
            page.locator("#reason-input input").fill("quoting a scam is fine");
            page.locator("#reason-input input").press("Enter");
            page.locator("#queue-empty").waitFor();
            assertThat(page.locator("#queue-empty").textContent()).contains("The review queue is empty");
            JsonNode approved = itemOf(quote);
            assertThat(approved.at("/resolution/action").asText()).isEqualTo("approve");
            assertThat(approved.at("/resolution/reason").asText()).isEqualTo("quoting a scam is fine");
            assertThat(stack.core.status("/channels/" + general + "/messages/" + quote, owner.token())).isEqualTo(200);
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("review-queue-empty.png")));
        } finally {
            context.close();
        }
    }

    @Test
    void aGuildOutsideTheModeratorsScopeShowsNoAccessAndNoItems() {
        BrowserContext context = ConsolePages.newContext(browser);
        Page page = context.newPage();
        try {
            ConsolePages.signIn(page, stack.consoleUrl, spammer.username(), PASSWORD);
            page.locator("#no-views").waitFor();
            page.navigate(stack.consoleUrl + "/queue/" + guild);
            page.locator("#not-found").waitFor();
            assertThat(page.content()).doesNotContain("free nitro").doesNotContain("Queue Guild");
        } finally {
            context.close();
        }
    }

    private static Locator cell(Page page, String text) {
        return page.locator("#queue-grid vaadin-grid-cell-content:visible",
                new Page.LocatorOptions().setHasText(text)).first();
    }

    /**
     * Texts of the queue grid's visible cells once they satisfy the condition (the grid keeps rows it no longer
     * needs in the page, hidden, with their old text).
     */
    private static List<String> awaitCells(Page page, Predicate<List<String>> ready) {
        return ConsolePages.awaitCells(page, stack, "#queue-grid vaadin-grid-cell-content:visible", "the queue grid",
                ready);
    }
}
