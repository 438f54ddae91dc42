package dev.guildhall.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The whole Spring context over a real port (no engines needed: nothing is queried before sign-in): /health and
 * /metrics are open, every view redirects to the login, the login view itself is served.
 */
@AutoConfigureObservability // Spring Boot tests switch metrics export (the Prometheus endpoint) off otherwise
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "guildhall.console.core-url=http://127.0.0.1:9",
        "guildhall.console.clickhouse-url=jdbc:clickhouse://127.0.0.1:9/guildhall"})
class SecurityWiringTest {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthAndMetricsNeedNoSignIn() throws Exception {
        HttpResponse<String> health = get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
        HttpResponse<String> metrics = get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("guildhall_console_logins_total");
    }

    @Test
    void viewsRedirectToTheLogin() throws Exception {
        for (String path : new String[] {"/", "/messages", "/messages/1", "/voice", "/moderation", "/moderation/1",
                "/insights/1?from=2026-01-01&to=2026-01-31", "/automod", "/automod/1",
                "/no-such-page"}) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).as(path)
                    .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        }
    }

    @Test
    void webJarsNeedSignInAndTheRedirectIsNotCached() throws Exception {
        HttpResponse<String> echarts = get("/webjars/echarts/5.3.1/dist/echarts.min.js");
        assertThat(echarts.statusCode()).isEqualTo(302);
        assertThat(echarts.headers().firstValue("Cache-Control")).hasValueSatisfying(c -> assertThat(c)
                .contains("no-store").doesNotContain("immutable"));
    }

    @Test
    void loginViewIsServedAndActuatorExtrasAreNot() throws Exception {
        assertThat(get("/login").statusCode()).isEqualTo(200);
        assertThat(get("/env").statusCode()).isNotEqualTo(200);
        assertThat(get("/actuator/health").statusCode()).isNotEqualTo(200);
    }
}
