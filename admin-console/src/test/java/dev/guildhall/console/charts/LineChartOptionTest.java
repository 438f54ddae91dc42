package dev.guildhall.console.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineChartOptionTest {

    @Test
    void buildsATimeSeriesOptionWithOneLinePerSeries() throws Exception {
        Instant t0 = Instant.parse("2026-11-28T10:00:00Z");
        String json = new LineChartOption("Jitter \"p95\"", "ms")
                .range(t0, t0.plusSeconds(3600))
                .series("eu", List.of(new LineChartOption.Point(t0, 12.5)))
                .series("us", List.of())
                .toJson();
        JsonNode node = new ObjectMapper().readTree(json);
        assertThat(node.at("/title/text").asText()).isEqualTo("Jitter \"p95\"");
        assertThat(node.at("/xAxis/type").asText()).isEqualTo("time");
        assertThat(node.at("/xAxis/min").asLong()).isEqualTo(t0.toEpochMilli());
        assertThat(node.at("/series/0/name").asText()).isEqualTo("eu");
        assertThat(node.at("/series/0/data/0/0").asLong()).isEqualTo(t0.toEpochMilli());
        assertThat(node.at("/series/0/data/0/1").asDouble()).isEqualTo(12.5);
        assertThat(node.at("/series/1/data").size()).isZero();
    }
}
