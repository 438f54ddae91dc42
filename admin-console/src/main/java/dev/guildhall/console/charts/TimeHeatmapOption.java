package dev.guildhall.console.charts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Builds the ECharts option of a row × time heatmap (rows: e.g. regions, sorted; columns: every bucket of
 * [from, to), labelled in UTC). Cells without a value are left out (drawn empty), not shown as 0.
 */
public final class TimeHeatmapOption {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final String title;
    private final List<Instant> buckets = new ArrayList<>();
    private final TreeSet<String> rows = new TreeSet<>();
    private final Map<String, Map<Instant, Double>> cells = new HashMap<>();
    private boolean lowIsBad;

    /** Columns for every bucket from {@code from} (aligned) up to, not including, {@code to}. */
    public TimeHeatmapOption(String title, Instant from, Instant to, Duration bucket) {
        if (bucket.isZero() || bucket.isNegative() || !from.isBefore(to)) {
            throw new IllegalArgumentException("need from < to and a positive bucket");
        }
        this.title = title;
        for (Instant t = from; t.isBefore(to); t = t.plus(bucket)) {
            buckets.add(t);
        }
    }

    /** Colours low values as bad (e.g. MOS) instead of high ones. */
    public TimeHeatmapOption lowIsBad() {
        this.lowIsBad = true;
        return this;
    }

    /** Sets one cell; a null value only makes the row appear. Buckets outside the columns are ignored. */
    public TimeHeatmapOption cell(String row, Instant bucket, Double value) {
        rows.add(row);
        if (value != null) {
            cells.computeIfAbsent(row, r -> new HashMap<>()).put(bucket, value);
        }
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
        ArrayNode labels = x.putArray("data");
        buckets.forEach(b -> labels.add(TIME.format(b)));
        x.putObject("splitArea").put("show", true);
        ObjectNode y = root.putObject("yAxis").put("type", "category");
        ArrayNode rowNames = y.putArray("data");
        rows.forEach(rowNames::add);
        y.putObject("splitArea").put("show", true);
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        ArrayNode data = JSON.createArrayNode();
        int r = 0;
        for (String row : rows) {
            Map<Instant, Double> values = cells.getOrDefault(row, Map.of());
            for (int c = 0; c < buckets.size(); c++) {
                Double v = values.get(buckets.get(c));
                if (v != null) {
                    data.addArray().add(c).add(r).add(v);
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            r++;
        }
        if (data.isEmpty()) {
            min = 0;
            max = 1;
        } else if (min == max) {
            min = Math.min(0, min);
            max = max == 0 ? 1 : Math.max(max, 0);
        }
        ObjectNode visualMap = root.putObject("visualMap").put("min", min).put("max", max)
                .put("calculable", true).put("orient", "horizontal").put("left", "center").put("bottom", 0);
        visualMap.putObject("textStyle").put("color", "#ccc");
        ArrayNode colors = visualMap.putObject("inRange").putArray("color");
        if (lowIsBad) {
            colors.add("#dc2626").add("#f59e0b").add("#16a34a");
        } else {
            colors.add("#16a34a").add("#f59e0b").add("#dc2626");
        }
        ObjectNode series = root.putArray("series").addObject();
        series.put("name", title).put("type", "heatmap");
        series.set("data", data);
        series.putObject("label").put("show", false);
        return CategoryChartOption.write(root);
    }
}
