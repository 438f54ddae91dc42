package dev.guildhall.console.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guildhall.console.charts.CategoryChartOption.Kind;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CategoryChartOptionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyDayOfTheRangeIsACategoryAndMissingDaysAreZero() throws Exception {
        List<String> days = CategoryChartOption.days(LocalDate.parse("2026-01-30"), LocalDate.parse("2026-02-02"));
        assertThat(days).containsExactly("2026-01-30", "2026-01-31", "2026-02-01", "2026-02-02");
        JsonNode node = JSON.readTree(new CategoryChartOption("Members", "members", days)
                .series("joins", Kind.BAR, Map.of("2026-01-31", 5L))
                .series("growth", Kind.LINE, Map.of("2026-02-02", 2.5))
                .toJson());
        assertThat(node.at("/xAxis/type").asText()).isEqualTo("category");
        assertThat(node.at("/xAxis/data").size()).isEqualTo(4);
        assertThat(node.at("/yAxis/type").asText()).isEqualTo("value");
        assertThat(node.at("/series/0/type").asText()).isEqualTo("bar");
        assertThat(node.at("/series/0/data").toString()).isEqualTo("[0,5,0,0]");
        assertThat(node.at("/series/1/type").asText()).isEqualTo("line");
        assertThat(node.at("/series/1/data").toString()).isEqualTo("[0,0,0,2.5]");
    }

    @Test
    void horizontalPutsTheCategoriesOnTheYAxis() throws Exception {
        JsonNode node = JSON.readTree(new CategoryChartOption("Channels", "messages", List.of("general", "memes"))
                .horizontal().series("messages", Kind.BAR, Map.of("general", 10L, "memes", 4L)).toJson());
        assertThat(node.at("/yAxis/type").asText()).isEqualTo("category");
        assertThat(node.at("/yAxis/data/1").asText()).isEqualTo("memes");
        assertThat(node.at("/xAxis/type").asText()).isEqualTo("value");
        assertThat(node.at("/series/0/data").toString()).isEqualTo("[10,4]");
    }
}
