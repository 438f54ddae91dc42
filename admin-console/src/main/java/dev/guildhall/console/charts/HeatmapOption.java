package dev.guildhall.console.charts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * Builds the ECharts option of an hour × weekday heatmap (x: hours 0–23 UTC, y: Monday at the top to Sunday),
 * one cell per hour of the week; hours without a value are 0.
 */
public final class HeatmapOption {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String title;
    /** [isoDay - 1][hour]. */
    private final long[][] cells = new long[7][24];

    public HeatmapOption(String title) {
        this.title = title;
    }

    /** Adds {@code value} to one hour of the week ({@code isoDay} 1 = Monday … 7 = Sunday, {@code hour} 0–23). */
    public HeatmapOption add(int isoDay, int hour, long value) {
        if (isoDay < 1 || isoDay > 7 || hour < 0 || hour > 23) {
            throw new IllegalArgumentException("no hour of the week: day " + isoDay + ", hour " + hour);
        }
        cells[isoDay - 1][hour] += value;
        return this;
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("backgroundColor", "transparent");
        root.put("animation", false);
        root.putObject("title").put("text", title).put("left", "center")
                .putObject("textStyle").put("fontSize", 14);
        root.putObject("tooltip").put("position", "top");
        root.putObject("grid").put("left", 96).put("right", 24).put("top", 40).put("bottom", 72);
        ObjectNode x = root.putObject("xAxis").put("type", "category");
        ArrayNode hours = x.putArray("data");
        for (int h = 0; h < 24; h++) {
            hours.add(String.format(Locale.ROOT, "%02d", h));
        }
        x.put("name", "hour (UTC)").put("nameLocation", "middle").put("nameGap", 28);
        x.putObject("splitArea").put("show", true);
        ObjectNode y = root.putObject("yAxis").put("type", "category").put("inverse", true);
        ArrayNode days = y.putArray("data");
        for (DayOfWeek d : DayOfWeek.values()) {
            days.add(d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
        }
        y.putObject("splitArea").put("show", true);
        long max = 0;
        ArrayNode data = JSON.createArrayNode();
        for (int d = 0; d < 7; d++) {
            for (int h = 0; h < 24; h++) {
                data.addArray().add(h).add(d).add(cells[d][h]);
                max = Math.max(max, cells[d][h]);
            }
        }
        ObjectNode visualMap = root.putObject("visualMap").put("min", 0).put("max", Math.max(1, max))
                .put("calculable", true).put("orient", "horizontal").put("left", "center").put("bottom", 0);
        visualMap.putObject("textStyle").put("color", "#ccc");
        // quiet hours dark like the dark theme's background, busy hours bright
        visualMap.putObject("inRange").putArray("color").add("#1f2937").add("#2563eb").add("#f59e0b");
        ObjectNode series = root.putArray("series").addObject();
        series.put("name", "messages").put("type", "heatmap");
        series.set("data", data);
        series.putObject("label").put("show", false);
        return CategoryChartOption.write(root);
    }
}
