package dev.guildhall.systemtests.exactlyonce;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The launcher's ClickHouse (database guildhall) over HTTP, and the wait for exact rows. */
final class Warehouse {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final String url;

    Warehouse(int httpPort) {
        this.url = "http://127.0.0.1:" + httpPort + "/?database=guildhall&query=";
    }

    /** The answer's TSV lines; throws when ClickHouse is unreachable or refuses the query. */
    List<String> lines(String sql) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url
                        + URLEncoder.encode(sql, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() != 200) {
            throw new IOException("ClickHouse answered " + r.statusCode() + ": " + r.body().trim() + "\nquery: " + sql);
        }
        String body = r.body().strip();
        return body.isEmpty() ? List.of() : Arrays.asList(body.split("\n"));
    }

    /**
     * Polls every check until each answers exactly its expected rows (any order). Early-fired windows give partial
     * rows on the way; on timeout it fails with each wrong check's missing and unexpected rows.
     */
    void awaitExact(List<Traffic.Check> checks, Duration timeout) throws InterruptedException {
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        Map<String, String> lastStatus = new HashMap<>();
        while (true) {
            Map<Traffic.Check, List<String>> wrong = new LinkedHashMap<>();
            for (Traffic.Check check : checks) {
                List<String> actual;
                String status;
                try {
                    actual = lines(check.sql());
                    status = exactCount(check.expected(), actual) + "/" + check.expected().size() + " rows exact"
                            + (actual.size() > check.expected().size() ? ", " + actual.size() + " rows present" : "");
                } catch (IOException e) {
                    actual = null;
                    status = "unreadable: " + e.getMessage().lines().findFirst().orElse("");
                }
                if (!Objects.equals(status, lastStatus.put(check.name(), status))) {
                    ExactlyOnceIT.progress("  %-18s %s", check.name(), status);
                }
                if (actual == null || !sorted(actual).equals(sorted(check.expected()))) {
                    wrong.put(check, actual);
                }
            }
            if (wrong.isEmpty()) {
                ExactlyOnceIT.progress("  all %d checks exact after %ds", checks.size(),
                        Duration.ofNanos(System.nanoTime() - t0).toSeconds());
                return;
            }
            if (System.nanoTime() > deadline) {
                StringBuilder report = new StringBuilder("ClickHouse is not exact after " + timeout.toSeconds() + " s:");
                wrong.forEach((check, actual) -> report.append(diff(check, actual)));
                throw new AssertionError(report.toString());
            }
            Thread.sleep(2_000);
        }
    }

    private static long exactCount(List<String> expected, List<String> actual) {
        return actual.stream().filter(new java.util.HashSet<>(expected)::contains).count();
    }

    private static List<String> sorted(List<String> lines) {
        List<String> copy = new ArrayList<>(lines);
        copy.sort(null);
        return copy;
    }

    private static String diff(Traffic.Check check, List<String> actual) {
        if (actual == null) {
            return "\n" + check.name() + ": unreadable";
        }
        List<String> missing = new ArrayList<>(check.expected());
        missing.removeAll(actual);
        List<String> unexpected = new ArrayList<>(actual);
        unexpected.removeAll(check.expected());
        return "\n" + check.name() + " (" + check.sql() + "):\n  expected rows missing (" + missing.size() + "): "
                + missing.subList(0, Math.min(10, missing.size())) + "\n  rows not expected (" + unexpected.size()
                + "): " + unexpected.subList(0, Math.min(10, unexpected.size()));
    }
}
