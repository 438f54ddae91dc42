package dev.guildhall.console.charts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Builds the ECharts option of a time-series line chart: one series per name, x = time, y = value. The points go in
 * one {@code dataset} table ({@code [time ms, value of series 1, value of series 2, ...]}, null where a series has no
 * point at that time, which the line leaves as a gap); series {@code i} plots column {@code i + 1}.
 */
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
        // one table for all lines (dataset): each time once, then one column per series (null where a series has
        // no point), instead of [time, value] pairs repeating every time in every series
        TreeMap<Long, Double[]> rows = new TreeMap<>();
        for (int i = 0; i < series.size(); i++) {
            for (Point p : series.get(i).points()) {
                rows.computeIfAbsent(p.time().toEpochMilli(), t -> new Double[series.size()])[i] = p.value();
            }
        }
        ArrayNode source = root.putObject("dataset").put("sourceHeader", false).putArray("source");
        rows.forEach((time, values) -> {
            ArrayNode row = source.addArray().add(time);
            for (Double v : values) {
                row.add(v);
            }
        });
        ArrayNode seriesNode = root.putArray("series");
        for (int i = 0; i < series.size(); i++) {
            ObjectNode node = seriesNode.addObject();
            node.put("name", series.get(i).name()).put("type", "line").put("showSymbol", true).put("symbolSize", 5)
                    .put("connectNulls", false);
            node.putObject("encode").put("x", 0).put("y", i + 1);
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
