package dev.guildhall.bench;

import com.google.gson.JsonObject;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.options.AriaRole;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Headless Debian Chromium (Playwright, 1280×720) signed in to the console as one user, timing page loads and
 * interactions until the page is <em>rendered</em>:
 * <ol>
 *   <li>the Vaadin client is idle ({@code Vaadin.Flow.clients[*].isActive()} false: no request in flight or queued,
 *   every server answer applied, including each chart's {@code executeJs}), and for an interaction at least one
 *   server round trip ({@code ?v-r=uidl}) started after it;</li>
 *   <li>the page's own condition holds (e.g. the queue's count is shown);</li>
 *   <li>every visible chart ({@code .guildhall-echart}) has its ECharts instance, i.e. ECharts is loaded and
 *   {@code setOption} with the view's latest option has drawn its first frame (synchronous in ECharts 5; the
 *   entry animation that follows is not waited for);</li>
 *   <li>every visible {@code vaadin-grid} is not loading, and, when it has items, its rendered body rows are all
 *   filled (no row still {@code loading}) and show text.</li>
 * </ol>
 * The condition is polled on every animation frame and its time is {@code performance.now()} in the page: for a
 * page load that is the time since the navigation started; for an interaction, since just before Playwright
 * dispatched the input (Playwright's own dispatch, a few ms, is included). A visible error or no-access notice
 * fails the measurement.
 */
final class ConsoleBrowser implements AutoCloseable {

    /**
     * Rendered (see the class comment): the measurement, {@code {error}} or {@code {wait: why not yet}}.
     * {@code a.since}: interaction start (ms, page clock) or -1 for a load.
     */
    private static final String RENDERED = """
            a => {
              const clients = window.Vaadin && window.Vaadin.Flow && window.Vaadin.Flow.clients;
              if (!clients || Object.keys(clients).length === 0) return {wait: 'no Vaadin client yet'};
              for (const id in clients) {
                if (clients[id].isActive && clients[id].isActive()) return {wait: 'Vaadin busy'};
              }
              if (a.since >= 0 && !performance.getEntriesByType('resource')
                  .some(e => e.name.includes('v-r=uidl') && e.startTime >= a.since && e.responseEnd > 0)) {
                return {wait: 'no round trip yet'};
              }
              const shown = el => el.checkVisibility();
              for (const sel of ['#error-state', '#no-access', '#queue-no-access']) {
                const n = document.querySelector(sel);
                if (n && shown(n)) return {error: n.textContent.trim().slice(0, 300)};
              }
              if (!(READY)) return {wait: 'page condition'};
              let charts = 0, chartsWithData = 0, grids = 0, rows = 0;
              for (const el of document.querySelectorAll('.guildhall-echart')) {
                if (!shown(el)) continue;
                const c = window.echarts && window.echarts.getInstanceByDom(el);
                if (!c) return {wait: 'chart ' + el.id + ' not drawn'};
                charts++;
                const o = c.getOption();
                if ((o.series || []).some(s => s.data && s.data.length > 0)
                    || (o.dataset || []).some(d => d.source && d.source.length > 0)) chartsWithData++;
              }
              for (const g of document.querySelectorAll('vaadin-grid')) {
                if (!shown(g)) continue;
                if (g.loading) return {wait: 'grid ' + g.id + ' loading'};
                grids++;
                if (!(g.size > 0)) continue;
                const trs = [...g.shadowRoot.querySelectorAll('tbody#items > tr')].filter(tr => !tr.hidden);
                if (trs.length === 0 || trs.some(tr => tr.hasAttribute('loading'))) {
                  return {wait: 'grid ' + g.id + ' rows loading'};
                }
                if (!trs.some(tr => [...tr.children].some(td => td._content && td._content.textContent.trim()))) {
                  return {wait: 'grid ' + g.id + ' rows empty'};
                }
                rows += trs.length;
              }
              const since = Math.max(a.since, 0);
              const vaadin = performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource')
                  .filter(e => /v-r=(uidl|init)/.test(e.name))).filter(e => e.startTime >= since);
              const requests = vaadin.reduce((sum, e) => sum + (e.responseEnd - e.startTime), 0);
              const bytes = vaadin.reduce((sum, e) => sum + (e.decodedBodySize || 0), 0);
              return {t: performance.now() - since, requests, roundTrips: vaadin.length, bytes, charts, chartsWithData,
                      grids, rows};
            }""";

    /**
     * One measurement: milliseconds to rendered; of which in HTTP requests (the page and Vaadin's requests, from
     * sending to the last byte: the server's time plus transfer), how many and their decoded bytes (the page and
     * Vaadin's JSON: component state, grid rows, chart options); what was on the page; and the CPU time Chromium's
     * renderer processes used meanwhile (all their threads; the other tabs sit idle), which a loaded machine's
     * waiting for a core does not inflate.
     */
    record Rendered(double ms, double requestMs, int roundTrips, long bytes, int charts, int chartsWithData, int grids,
                    int rows, double rendererCpuMs) {
    }

    private final Playwright playwright;
    private final Browser browser;
    /** The browser-level DevTools session: CPU time per Chromium process. */
    private final CDPSession system;
    /** Closes Chromium and the Playwright driver when the JVM exits without {@link #close} (Ctrl-C). */
    private final Thread closeOnExit = new Thread(this::closeOnce, "close-chromium");
    private final AtomicBoolean closed = new AtomicBoolean();

    ConsoleBrowser(String chromium) {
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(Path.of(chromium)).setHeadless(true)
                    .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                            "--disable-component-update", "--disable-sync", "--no-first-run")));
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
        system = browser.newBrowserCDPSession();
        Runtime.getRuntime().addShutdownHook(closeOnExit);
    }

    /** CPU milliseconds used so far by Chromium's renderer processes (those alive now). */
    private double rendererCpuMs() {
        double seconds = 0;
        for (var process : system.send("SystemInfo.getProcessInfo").getAsJsonArray("processInfo")) {
            JsonObject p = process.getAsJsonObject();
            if ("renderer".equals(p.get("type").getAsString())) {
                seconds += p.get("cpuTime").getAsDouble();
            }
        }
        return seconds * 1000;
    }

    String version() {
        return browser.version();
    }

    /** A fresh browser context (own cookies) signed in as the user; lands on the console's home route. */
    Session signIn(String consoleUrl, String username, String password) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 720));
        context.setDefaultTimeout(60_000);
        Page page = context.newPage();
        page.navigate(consoleUrl + "/login");
        page.locator("vaadin-login-form input[name='username']").fill(username);
        page.locator("vaadin-login-form input[name='password']").fill(password);
        page.locator("vaadin-login-form input[name='password']").press("Enter");
        page.waitForURL(u -> !u.contains("/login"));
        return new Session(context, page, consoleUrl, this::rendererCpuMs);
    }

    /** One signed-in user's tab. */
    static final class Session implements AutoCloseable {
        private final BrowserContext context;
        final Page page;
        private final String consoleUrl;
        private final java.util.function.DoubleSupplier rendererCpuMs;

        private Session(BrowserContext context, Page page, String consoleUrl,
                        java.util.function.DoubleSupplier rendererCpuMs) {
            this.context = context;
            this.page = page;
            this.consoleUrl = consoleUrl;
            this.rendererCpuMs = rendererCpuMs;
        }

        /** Navigates to {@code path} (a full page load) and times it until rendered with {@code readyJs} true. */
        Rendered load(String path, String readyJs) {
            double before = rendererCpuMs.getAsDouble();
            page.navigate(consoleUrl + path);
            return await(readyJs, -1, before);
        }

        /**
         * {@link #load} under Chromium's CPU profiler: writes the profile to {@code file} (open it in Chrome DevTools'
         * Performance panel) and answers the functions with the most self time (ms), with their script.
         */
        String profileLoad(String path, String readyJs, Path file, int top) throws java.io.IOException {
            CDPSession cdp = context.newCDPSession(page);
            cdp.send("Profiler.enable");
            JsonObject interval = new JsonObject();
            interval.addProperty("interval", 200);
            cdp.send("Profiler.setSamplingInterval", interval);
            cdp.send("Profiler.start");
            Rendered r = load(path, readyJs);
            JsonObject profile = cdp.send("Profiler.stop").getAsJsonObject("profile");
            cdp.detach();
            java.nio.file.Files.writeString(file, profile.toString());
            Map<Integer, String> names = new java.util.HashMap<>();
            for (var n : profile.getAsJsonArray("nodes")) {
                JsonObject frame = n.getAsJsonObject().getAsJsonObject("callFrame");
                String url = frame.get("url").getAsString();
                String fn = frame.get("functionName").getAsString();
                names.put(n.getAsJsonObject().get("id").getAsInt(), (fn.isEmpty() ? "(anonymous)" : fn)
                        + (url.isEmpty() ? "" : " " + url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "")));
            }
            Map<String, Double> self = new java.util.HashMap<>();
            var samples = profile.getAsJsonArray("samples");
            var deltas = profile.getAsJsonArray("timeDeltas");
            for (int i = 0; i < samples.size(); i++) {
                self.merge(names.get(samples.get(i).getAsInt()), deltas.get(i).getAsDouble() / 1000, Double::sum);
            }
            StringBuilder b = new StringBuilder(String.format(java.util.Locale.ROOT, "%.0f ms to rendered; self time:",
                    r.ms()));
            self.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(top)
                    .forEach(e -> b.append(String.format(java.util.Locale.ROOT, " %s %.0f ms;", e.getKey(),
                            e.getValue())));
            return b.toString();
        }

        /**
         * {@link #load} under Chromium's tracing (what DevTools' Performance panel records): writes the trace to
         * {@code file} (open it in DevTools) and answers where the renderer's main thread spent the load
         * ({@link ChromiumTrace}).
         */
        String traceLoad(String path, String readyJs, Path file, int top) throws java.io.IOException {
            Browser browser = context.browser();
            List<String> uidl = new java.util.ArrayList<>();
            java.util.function.Consumer<com.microsoft.playwright.Request> sent = request -> {
                if (request.url().contains("v-r=uidl")) {
                    uidl.add(rpcSummary(request.postData()));
                }
            };
            page.onRequest(sent);
            browser.startTracing(page, new Browser.StartTracingOptions().setCategories(ChromiumTrace.CATEGORIES));
            Rendered r;
            try {
                r = load(path, readyJs);
            } finally {
                page.offRequest(sent);
            }
            byte[] trace = browser.stopTracing();
            java.nio.file.Files.write(file, trace);
            return String.format(java.util.Locale.ROOT, "%.0f ms to rendered (%.0f ms in HTTP); Vaadin requests: %s; ",
                    r.ms(), r.requestMs(), String.join(" | ", uidl)) + ChromiumTrace.summarise(trace).describe(top);
        }

        /** What a Vaadin request asked the server: its RPC entries as {@code type:name ×count}. */
        private static String rpcSummary(String body) {
            Map<String, Integer> counts = new java.util.LinkedHashMap<>();
            if (body != null) {
                for (var rpc : com.google.gson.JsonParser.parseString(body).getAsJsonObject()
                        .getAsJsonArray("rpc")) {
                    JsonObject o = rpc.getAsJsonObject();
                    String name = "";
                    for (String key : List.of("templateEventMethodName", "property", "event")) {
                        if (o.has(key)) {
                            name = ":" + o.get(key).getAsString();
                        }
                    }
                    counts.merge(o.get("type").getAsString() + name, 1, Integer::sum);
                }
            }
            StringBuilder b = new StringBuilder();
            counts.forEach((k, n) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(n > 1 ? " ×" + n : ""));
            return b.length() == 0 ? "(none)" : b.toString();
        }

        /** Runs {@code action} (a click, a scroll) and times it until rendered with {@code readyJs} true. */
        Rendered interact(Runnable action, String readyJs) {
            double since = ((Number) page.evaluate("() => { performance.clearResourceTimings();"
                    + " performance.setResourceTimingBufferSize(10000); return performance.now(); }")).doubleValue();
            double before = rendererCpuMs.getAsDouble();
            action.run();
            return await(readyJs, since, before);
        }

        /** Clicks the option {@code label} of the vaadin-select {@code selectSelector} (opening it is not timed). */
        Rendered select(String selectSelector, String label, String readyJs) {
            page.locator(selectSelector).click();
            return interact(() -> page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName(label)
                    .setExact(true)).click(), readyJs);
        }

        private Rendered await(String readyJs, double since, double cpuBefore) {
            String check = RENDERED.replace("READY", readyJs);
            Object answer;
            try {
                answer = page.waitForFunction("a => { const r = (" + check + ")(a); return r.wait ? false : r; }",
                        Map.of("since", since), new Page.WaitForFunctionOptions().setTimeout(120_000)).jsonValue();
            } catch (TimeoutError e) {
                throw new IllegalStateException("not rendered after 120 s at " + page.url() + ": "
                        + page.evaluate(check, Map.of("since", since)), e);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> r = (Map<String, Object>) answer;
            if (r.containsKey("error")) {
                throw new IllegalStateException("the console showed an error at " + page.url() + ": " + r.get("error"));
            }
            return new Rendered(((Number) r.get("t")).doubleValue(), ((Number) r.get("requests")).doubleValue(),
                    ((Number) r.get("roundTrips")).intValue(), ((Number) r.get("bytes")).longValue(),
                    ((Number) r.get("charts")).intValue(),
                    ((Number) r.get("chartsWithData")).intValue(), ((Number) r.get("grids")).intValue(),
                    ((Number) r.get("rows")).intValue(),
                    rendererCpuMs.getAsDouble() - cpuBefore);
        }

        void screenshot(Path file) {
            page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        }

        @Override
        public void close() {
            context.close();
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(closeOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs (or ran) itself
        }
        closeOnce();
    }

    private void closeOnce() {
        if (closed.compareAndSet(false, true)) {
            try {
                browser.close();
            } finally {
                playwright.close();
            }
        }
    }
}
