package dev.guildhall.console.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One {@link ConsoleStack} and one headless Chromium per test JVM, shared by the browser ITs (failsafe runs them in
 * one JVM, so CI starts core-server, the console and Chromium once): a test class declares
 * {@code @ExtendWith(SharedConsoleStack.class)} and takes {@code ConsoleStack} and/or {@code Browser} as parameters
 * of its {@code @BeforeAll}. The first class to ask starts them; they are kept in the root context's store and closed
 * when the whole run ends. Classes share core-server and ClickHouse, so each registers its own users and guilds
 * (unique names) and never asserts on data it did not create.
 * <p>
 * Staff roles come from the console's environment, fixed for the JVM: the usernames {@link #SRE},
 * {@link #PLATFORM_ADMIN} and {@link #TRUST_SAFETY} hold those roles; a test that needs one signs it in with
 * {@link ConsoleStack#staff(String)} (registered on first use, password {@link ConsoleStack#STAFF_PASSWORD}).
 */
final class SharedConsoleStack implements ParameterResolver {

    static final String SRE = "staffsre";
    static final String PLATFORM_ADMIN = "staffadmin";
    static final String TRUST_SAFETY = "stafftrust";
    /** The console's staff environment ("someone-else": a listed user who never signs in). */
    static final Map<String, String> STAFF = Map.of(
            "GUILDHALL_CONSOLE_SRE_USERS", SRE + ",someone-else",
            "GUILDHALL_CONSOLE_ADMIN_USERS", PLATFORM_ADMIN,
            "GUILDHALL_CONSOLE_TRUST_SAFETY_USERS", TRUST_SAFETY);

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            SharedConsoleStack.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == ConsoleStack.class || type == Browser.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Shared shared = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Shared.class, k -> new Shared(),
                Shared.class);
        return parameter.getParameter().getType() == ConsoleStack.class ? shared.stack : shared.browser;
    }

    /** The stack and the browser, closed (browser first) when the root context closes. */
    @SuppressWarnings("deprecation") // CloseableResource: JUnit 5.12 closes only these at the end of the run
    private static final class Shared implements ExtensionContext.Store.CloseableResource {
        private final ConsoleStack stack;
        private final Playwright playwright;
        private final Browser browser;

        Shared() {
            long t0 = System.nanoTime();
            stack = new ConsoleStack(STAFF);
            try {
                playwright = Playwright.create(new Playwright.CreateOptions()
                        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
                browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(Path.of(System.getProperty("guildhall.chromium", "/usr/bin/chromium")))
                        .setHeadless(true)
                        .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu",
                                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                                "--no-first-run")));
            } catch (RuntimeException e) {
                stack.close();
                throw e;
            }
            System.out.printf("[browser-it] shared console stack and Chromium started in %.1f s%n",
                    (System.nanoTime() - t0) / 1e9);
        }

        @Override
        public void close() {
            try {
                try {
                    browser.close();
                } finally {
                    playwright.close();
                }
            } finally {
                stack.close();
            }
        }
    }
}
