package dev.guildhall.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.guildhall.console.support.CoreServerProcess.Account;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A platform admin (made one by core-server's configuration) looks a user up in headless Debian Chromium against the
 * real stack, grants them SRE with a reason, and sees the grant in the console audit log (recorded by core-server as
 * made through the console); that user then signs in and lands on the SRE voice dashboard, and sees none of the
 * platform tools. Screenshots go to target/screenshots/.
 */
class PlatformAdminBrowserIT {

    private static final String PASSWORD = "platform-browser-pw";
    private static final String SERVICE_TOKEN = "platform-browser-console-token";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static ConsoleStack stack;
    private static Playwright playwright;
    private static Browser browser;
    private static String admin;
    private static Account oncall;

    @BeforeAll
    static void startStack() throws Exception {
        String suffix = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000, 9_999_999));
        admin = "padmin" + suffix;
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(SERVICE_TOKEN.getBytes(StandardCharsets.UTF_8)));
        stack = new ConsoleStack(Map.of("GUILDHALL_PLATFORM_ADMIN_USERS", admin,
                "GUILDHALL_CONSOLE_SERVICE_TOKEN", SERVICE_TOKEN, "GUILDHALL_CONSOLE_TOKEN_SHA256", hash));
        stack.core.register(admin, PASSWORD);
        oncall = stack.core.register("oncall" + suffix, PASSWORD);

        Files.createDirectories(SCREENSHOTS);
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Path.of(System.getProperty("guildhall.chromium", "/usr/bin/chromium")))
                .setHeadless(true)
                .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
    }

    @AfterAll
    static void stopStack() {
        try {
            if (browser != null) {
                browser.close();
            }
            if (playwright != null) {
                playwright.close();
            }
        } finally {
            if (stack != null) {
                stack.close();
            }
        }
    }

    @Test
    void aPlatformAdminGrantsSreAndTheUserThenSeesTheSreDashboard() {
        BrowserContext context = ConsolePages.newContext(browser);
        Page page = context.newPage();
        try {
            signIn(page, admin);
            page.waitForURL("**/voice");
            page.locator("vaadin-side-nav-item", new Page.LocatorOptions().setHasText("Users")).click();
            page.waitForURL("**/admin/users");
            page.locator("#user-hint").waitFor();
            page.locator("#user-query input").fill(oncall.username().toUpperCase());
            page.locator("#user-query input").press("Enter");
            awaitCells(page, "#user-grid", c -> c.contains(oncall.username()));
            page.locator("#user-detail").getByText("Staff roles: none").waitFor();
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("platform-user-lookup.png")));

            page.locator("#grant-open").click();
            page.locator("#staff-reason input").fill("on call this week");
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("platform-grant-dialog.png")));
            page.locator("#staff-confirm").click();
            page.locator("#user-roles").getByText("Staff roles: SRE").waitFor();
            awaitCells(page, "#user-grid", c -> c.contains("SRE"));
            JsonNode roles = stack.core.get("/users/@me/staff-roles", oncall.token());
            assertThat(roles.path("roles").toString()).isEqualTo("[\"SRE\"]");

            page.locator("vaadin-side-nav-item", new Page.LocatorOptions().setHasText("Console audit log")).click();
            page.waitForURL("**/admin/audit");
            List<String> cells = awaitCells(page, "#audit-grid", c -> c.contains("on call this week"));
            assertThat(cells).contains(admin, "staff_role.grant", "SRE", "user " + oncall.id(), "console");
            page.locator("#audit-action input").fill("staff_role.revoke");
            page.locator("#audit-action input").press("Enter");
            page.locator("#audit-apply").click();
            page.locator("#audit-empty").waitFor();
            page.navigate(stack.consoleUrl + "/admin/audit");
            awaitCells(page, "#audit-grid", c -> c.contains("on call this week"));
            page.locator("#audit-actor input").fill(admin);
            page.locator("#audit-apply").click();
            awaitCells(page, "#audit-grid", c -> c.contains("on call this week"));
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("platform-audit-log.png")));

            page.locator("#sign-out").click();
            page.waitForURL("**/login");
            signIn(page, oncall.username());
            // "/voice" or "/voice?continue" (Spring Security's saved request from the previous session's last page)
            page.waitForURL(url -> url.contains("/voice"));
            page.locator("#voice-status").waitFor();
            assertThat(page.locator("vaadin-side-nav-item", new Page.LocatorOptions().setHasText("Voice quality"))
                    .count()).isEqualTo(1);
            assertThat(page.locator("vaadin-side-nav-item", new Page.LocatorOptions().setHasText("Users")).count())
                    .isZero();
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("platform-new-sre.png")));
            page.navigate(stack.consoleUrl + "/admin/audit");
            page.locator("#not-found").waitFor();
            assertThat(page.locator("#audit-grid").count()).as("no platform tools for an SRE").isZero();
        } catch (RuntimeException | AssertionError e) {
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("platform-failure.png")));
            throw new AssertionError("failed at " + page.url() + ": " + e.getMessage(), e);
        } finally {
            context.close();
        }
    }

    private static void signIn(Page page, String username) {
        ConsolePages.signIn(page, stack.consoleUrl, username, PASSWORD);
    }

    /** Texts of a grid's visible cells once they satisfy the condition. */
    private static List<String> awaitCells(Page page, String grid, Predicate<List<String>> ready) {
        return ConsolePages.awaitCells(page, stack, grid + " vaadin-grid-cell-content:visible", "grid " + grid, ready);
    }
}
