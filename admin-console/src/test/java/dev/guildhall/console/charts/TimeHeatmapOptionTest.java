package dev.guildhall.console.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeHeatmapOptionTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Duration FIVE = Duration.ofMinutes(5);

    @Test
    void oneColumnPerBucketRowsSortedAndMissingCellsLeftOut() throws Exception {
        JsonNode node = new ObjectMapper().readTree(new TimeHeatmapOption("Loss", T0, T0.plus(Duration.ofMinutes(15)),
                FIVE).cell("us", T0.plus(FIVE), 0.2).cell("eu", T0, 0.05).cell("eu", T0.plus(FIVE), null)
                .cell("eu", T0.plus(Duration.ofHours(1)), 9.0).toJson());
        assertThat(node.at("/xAxis/data").toString()).isEqualTo("[\"01-01 10:00\",\"01-01 10:05\",\"01-01 10:10\"]");
        assertThat(node.at("/yAxis/data").toString()).isEqualTo("[\"eu\",\"us\"]");
        // [column, row, value]; eu@10:05 has no value, the bucket outside the columns is ignored
        assertThat(node.at("/series/0/data").toString()).isEqualTo("[[0,0,0.05],[1,1,0.2]]");
        assertThat(node.at("/visualMap/min").asDouble()).isEqualTo(0.05);
        assertThat(node.at("/visualMap/max").asDouble()).isEqualTo(0.2);
        assertThat(node.at("/visualMap/inRange/color/0").asText()).isEqualTo("#16a34a");
    }

    @Test
    void lowIsBadFlipsTheColoursAndAnEmptyMapStillHasAScale() throws Exception {
        JsonNode mos = new ObjectMapper().readTree(new TimeHeatmapOption("MOS", T0, T0.plus(FIVE), FIVE).lowIsBad()
                .cell("eu", T0, 4.2).toJson());
        assertThat(mos.at("/visualMap/inRange/color/0").asText()).isEqualTo("#dc2626");
        assertThat(mos.at("/visualMap/min").asDouble()).isEqualTo(0.0);
        assertThat(mos.at("/visualMap/max").asDouble()).isEqualTo(4.2);
        JsonNode empty = new ObjectMapper().readTree(new TimeHeatmapOption("x", T0, T0.plus(FIVE), FIVE).toJson());
        assertThat(empty.at("/visualMap/max").asDouble()).isEqualTo(1.0);
        assertThat(empty.at("/series/0/data").size()).isZero();
        assertThatThrownBy(() -> new TimeHeatmapOption("x", T0, T0, FIVE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
