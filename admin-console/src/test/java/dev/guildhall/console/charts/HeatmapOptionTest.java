package dev.guildhall.console.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class HeatmapOptionTest {

    @Test
    void oneCellPerHourOfTheWeekWithTheValuesAdded() throws Exception {
        JsonNode node = new ObjectMapper().readTree(new HeatmapOption("Busiest hours")
                .add(1, 10, 16).add(7, 23, 4).add(7, 23, 1).toJson());
        assertThat(node.at("/xAxis/data").size()).isEqualTo(24);
        assertThat(node.at("/yAxis/data/0").asText()).isEqualTo("Mon");
        assertThat(node.at("/yAxis/data/6").asText()).isEqualTo("Sun");
        JsonNode data = node.at("/series/0/data");
        assertThat(data.size()).isEqualTo(168);
        // [hour, weekday index, value], Monday first
        assertThat(data.get(10).toString()).isEqualTo("[10,0,16]");
        assertThat(data.get(6 * 24 + 23).toString()).isEqualTo("[23,6,5]");
        assertThat(data.get(0).toString()).isEqualTo("[0,0,0]");
        assertThat(node.at("/visualMap/max").asLong()).isEqualTo(16);
        assertThat(node.at("/visualMap/inRange/color/0").asText()).isEqualTo("#1f2937");
        assertThat(node.at("/series/0/type").asText()).isEqualTo("heatmap");
    }

    @Test
    void anEmptyHeatmapStillHasAScaleAndBadCellsAreRefused() throws Exception {
        JsonNode node = new ObjectMapper().readTree(new HeatmapOption("none").toJson());
        assertThat(node.at("/visualMap/max").asLong()).isEqualTo(1);
        assertThatThrownBy(() -> new HeatmapOption("x").add(0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HeatmapOption("x").add(1, 24, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
