package dev.guildhall.console.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/** What the console's browser tests do with a page: open it at 1280×720, sign in, wait for a grid's cells. */
final class ConsolePages {

    private ConsolePages() {
    }

    /** A browser context at 1280×720 whose actions wait up to 20 s. */
    static BrowserContext newContext(Browser browser) {
        return newContext(browser, new Browser.NewContextOptions());
    }

    /** The same, with more options (e.g. accepting downloads). */
    static BrowserContext newContext(Browser browser, Browser.NewContextOptions options) {
        BrowserContext context = browser.newContext(options.setViewportSize(1280, 720));
        context.setDefaultTimeout(20_000);
        return context;
    }

    /** Signs in through the login form of the console at {@code consoleUrl}. */
    static void signIn(Page page, String consoleUrl, String username, String password) {
        page.navigate(consoleUrl + "/login");
        page.locator("vaadin-login-form input[name='username']").fill(username);
        page.locator("vaadin-login-form input[name='password']").fill(password);
        page.locator("vaadin-login-form input[name='password']").press("Enter");
    }

    /**
     * The trimmed, non-empty texts of the grid cells {@code cells} selects, once {@code ready} accepts them (within
     * 30 s); else fails naming {@code grid}, with the last texts and the console's log tail.
     */
    static List<String> awaitCells(Page page, ConsoleStack stack, String cells, String grid,
            Predicate<List<String>> ready) {
        Locator located = page.locator(cells);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<String> texts = List.of();
        while (System.nanoTime() < deadline) {
            texts = located.allTextContents().stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
            if (ready.test(texts)) {
                return texts;
            }
            page.waitForTimeout(250);
        }
        throw new AssertionError(grid + " never showed the expected cells; last: " + texts
                + "\nconsole log tail:\n" + stack.consoleLogTail());
    }
}
