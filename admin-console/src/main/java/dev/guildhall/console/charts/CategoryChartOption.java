package dev.guildhall.console.charts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the ECharts option of a chart over named categories (days, channels): bars and lines, one value per
 * category and series; a category a series has no value for is 0. {@link #days} makes every day of a range a
 * category, so days without rows still show.
 */
public final class CategoryChartOption {

    /** How a series is drawn. */
    public enum Kind { BAR, LINE }

    private record Series(String name, Kind kind, List<Number> values) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String title;
    private final String yAxisName;
    private final List<String> categories;
    private final List<Series> series = new ArrayList<>();
    private boolean horizontal;

    public CategoryChartOption(String title, String yAxisName, List<String> categories) {
        this.title = title;
        this.yAxisName = yAxisName;
        this.categories = List.copyOf(categories);
    }

    /** Every day from {@code from} to {@code to} (both included) as {@code yyyy-MM-dd}. */
    public static List<String> days(LocalDate from, LocalDate to) {
        List<String> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            days.add(d.toString());
        }
        return days;
    }

    /** A series with a value per category name; categories missing from {@code values} get 0. */
    public CategoryChartOption series(String name, Kind kind, Map<String, ? extends Number> values) {
        List<Number> data = new ArrayList<>(categories.size());
        for (String category : categories) {
            Number v = values.get(category);
            data.add(v == null ? 0 : v);
        }
        series.add(new Series(name, kind, data));
        return this;
    }

    /** Categories on the y axis (long names such as channels read better). */
    public CategoryChartOption horizontal() {
        this.horizontal = true;
        return this;
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("backgroundColor", "transparent");
        root.put("animation", false);
        root.putObject("title").put("text", title).put("left", "center")
                .putObject("textStyle").put("fontSize", 14);
        root.putObject("tooltip").put("trigger", "axis");
        root.putObject("legend").put("bottom", 0).put("type", "scroll");
        root.putObject("grid").put("left", horizontal ? 120 : 56).put("right", 24).put("top", 40).put("bottom", 56);
        ObjectNode categoryAxis = JSON.createObjectNode().put("type", "category");
        ArrayNode names = categoryAxis.putArray("data");
        categories.forEach(names::add);
        categoryAxis.putObject("axisLabel").put("hideOverlap", true);
        ObjectNode valueAxis = JSON.createObjectNode().put("type", "value").put("name", yAxisName)
                .put("minInterval", 1);
        if (horizontal) {
            categoryAxis.put("inverse", true);
            root.set("xAxis", valueAxis);
            root.set("yAxis", categoryAxis);
        } else {
            root.set("xAxis", categoryAxis);
            root.set("yAxis", valueAxis);
        }
        ArrayNode seriesNode = root.putArray("series");
        for (Series s : series) {
            ObjectNode node = seriesNode.addObject();
            node.put("name", s.name()).put("type", s.kind() == Kind.BAR ? "bar" : "line");
            if (s.kind() == Kind.LINE) {
                node.put("showSymbol", categories.size() <= 62);
            }
            ArrayNode data = node.putArray("data");
            for (Number v : s.values()) {
                data.add(v.doubleValue() == Math.rint(v.doubleValue()) ? JSON.getNodeFactory().numberNode(v.longValue())
                        : JSON.getNodeFactory().numberNode(v.doubleValue()));
            }
        }
        return write(root);
    }

    static String write(ObjectNode root) {
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
