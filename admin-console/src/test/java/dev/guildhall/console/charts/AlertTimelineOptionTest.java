package dev.guildhall.console.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AlertTimelineOptionTest {

    private static final Instant FROM = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant TO = Instant.parse("2026-01-01T11:00:00Z");

    @Test
    void eachAlertIsABarFromOpeningToResolutionClippedToTheRange() throws Exception {
        JsonNode node = new ObjectMapper().readTree(new AlertTimelineOption("Alerts", FROM, TO)
                .span("eu rtt", Instant.parse("2026-01-01T09:50:00Z"), Instant.parse("2026-01-01T10:20:00Z"))
                .span("us loss", Instant.parse("2026-01-01T10:40:00Z"), null)
                .toJson());
        assertThat(node.at("/yAxis/data").toString()).isEqualTo("[\"eu rtt\",\"us loss\"]");
        assertThat(node.at("/xAxis/min").asLong()).isEqualTo(FROM.toEpochMilli());
        // x from the opening (clipped to the range) to the resolution, y the alert's row
        assertThat(node.at("/series/0/data").toString()).isEqualTo("[[" + FROM.toEpochMilli() + ",0],["
                + Instant.parse("2026-01-01T10:20:00Z").toEpochMilli() + ",0]]");
        assertThat(node.at("/series/0/name").asText()).isEqualTo("eu rtt (resolved)");
        assertThat(node.at("/color/0").asText()).isEqualTo("#f59e0b");
        // still open: reaches the end of the range, in red
        assertThat(node.at("/series/1/data").toString()).isEqualTo("[["
                + Instant.parse("2026-01-01T10:40:00Z").toEpochMilli() + ",1],[" + TO.toEpochMilli() + ",1]]");
        assertThat(node.at("/series/1/name").asText()).isEqualTo("us loss (open)");
        assertThat(node.at("/color/1").asText()).isEqualTo("#dc2626");
        assertThat(node.at("/series/1/lineStyle/width").asInt()).isEqualTo(8);
    }
}
