package dev.guildhall.monitor.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class OpsHttpServerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(int port, String path, String method) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthFollowsReadinessAndMetricsArePrometheusText() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Counter.builder("guildhall.test.things").register(registry).increment(3);
        AtomicReference<String> notReady = new AtomicReference<>("kafka streams REBALANCING");
        try (OpsHttpServer server = new OpsHttpServer(0, registry, notReady::get)) {
            server.start();
            HttpResponse<String> down = get(server.port(), "/health", "GET");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).contains("\"status\":\"DOWN\"").contains("REBALANCING");
            notReady.set(null);
            HttpResponse<String> up = get(server.port(), "/health", "GET");
            assertThat(up.statusCode()).isEqualTo(200);
            assertThat(up.body()).isEqualTo("{\"status\":\"UP\"}");
            HttpResponse<String> metrics = get(server.port(), "/metrics", "GET");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
            assertThat(metrics.body()).contains("guildhall_test_things_total 3.0");
            assertThat(get(server.port(), "/metrics", "POST").statusCode()).isEqualTo(405);
            assertThat(get(server.port(), "/nope", "GET").statusCode()).isEqualTo(404);
        }
    }
}
