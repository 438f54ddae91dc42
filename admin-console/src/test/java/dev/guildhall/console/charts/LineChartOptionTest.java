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
        Instant t1 = t0.plusSeconds(60);
        String json = new LineChartOption("Jitter \"p95\"", "ms")
                .range(t0, t0.plusSeconds(3600))
                .series("eu", List.of(new LineChartOption.Point(t1, 12.5), new LineChartOption.Point(t0, 0.1 + 0.2)))
                .series("us", List.of(new LineChartOption.Point(t1, 7)))
                .series("ap", List.of())
                .toJson();
        JsonNode node = new ObjectMapper().readTree(json);
        assertThat(node.at("/title/text").asText()).isEqualTo("Jitter \"p95\"");
        assertThat(node.at("/xAxis/type").asText()).isEqualTo("time");
        assertThat(node.at("/xAxis/min").asLong()).isEqualTo(t0.toEpochMilli());
        assertThat(node.at("/series/0/name").asText()).isEqualTo("eu");
        assertThat(node.at("/series/1/encode").toString()).isEqualTo("{\"x\":0,\"y\":2}");
        assertThat(node.at("/series/2/name").asText()).isEqualTo("ap");
        // one row per time, in time order, a column per series; a series without a point there has null
        assertThat(node.at("/dataset/source").toString()).isEqualTo("[[" + t0.toEpochMilli() + ","
                + (0.1 + 0.2) + ",null,null],[" + t1.toEpochMilli() + ",12.5,7.0,null]]");
        assertThat(node.at("/dataset/source/0/1").asDouble()).as("values unrounded").isEqualTo(0.1 + 0.2);
    }

    @Test
    void aChartWithoutPointsHasAnEmptyTable() throws Exception {
        JsonNode node = new ObjectMapper().readTree(new LineChartOption("RTT", "ms").series("eu", List.of()).toJson());
        assertThat(node.at("/dataset/source").size()).isZero();
        assertThat(node.at("/series").size()).isEqualTo(1);
    }
}
