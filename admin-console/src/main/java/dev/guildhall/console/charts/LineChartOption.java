package dev.guildhall.console.charts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds the ECharts option of a time-series line chart: one series per name, x = time, y = value. */
public final class LineChartOption {

    /** One point of a series. */
    public record Point(Instant time, double value) {
    }

    /** One named line. */
    public record Series(String name, List<Point> points) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String title;
    private final String yAxisName;
    private final List<Series> series = new ArrayList<>();
    private Instant from;
    private Instant to;

    public LineChartOption(String title, String yAxisName) {
        this.title = title;
        this.yAxisName = yAxisName;
    }

    /** Fixes the x axis to [from, to] so an empty or sparse window still shows the whole hour. */
    public LineChartOption range(Instant from, Instant to) {
        this.from = from;
        this.to = to;
        return this;
    }

    public LineChartOption series(String name, List<Point> points) {
        series.add(new Series(name, List.copyOf(points)));
        return this;
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("backgroundColor", "transparent");
        root.put("animation", false);
        root.put("useUTC", true);
        root.putObject("title").put("text", title).put("left", "center")
                .putObject("textStyle").put("fontSize", 14);
        root.putObject("tooltip").put("trigger", "axis");
        root.putObject("legend").put("bottom", 0).put("type", "scroll");
        root.putObject("grid").put("left", 56).put("right", 24).put("top", 40).put("bottom", 48);
        ObjectNode x = root.putObject("xAxis").put("type", "time");
        x.putObject("axisLabel").put("hideOverlap", true);
        if (from != null) {
            x.put("min", from.toEpochMilli());
        }
        if (to != null) {
            x.put("max", to.toEpochMilli());
        }
        root.putObject("yAxis").put("type", "value").put("name", yAxisName).put("min", 0);
        ArrayNode seriesNode = root.putArray("series");
        for (Series s : series) {
            ObjectNode node = seriesNode.addObject();
            node.put("name", s.name()).put("type", "line").put("showSymbol", true).put("symbolSize", 5)
                    .put("connectNulls", false);
            ArrayNode data = node.putArray("data");
            for (Point p : s.points()) {
                data.addArray().add(p.time().toEpochMilli()).add(p.value());
            }
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
