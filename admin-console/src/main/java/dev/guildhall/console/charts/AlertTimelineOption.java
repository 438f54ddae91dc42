package dev.guildhall.console.charts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the ECharts option of an alert timeline: one row per alert, a thick bar from its opening to its
 * resolution (red while still open, reaching the end of the range; amber once resolved), x = time.
 */
public final class AlertTimelineOption {

    /** One alert: {@code resolved} null while it is open. */
    public record Span(String label, Instant opened, Instant resolved) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String title;
    private final Instant from;
    private final Instant to;
    private final List<Span> spans = new ArrayList<>();

    public AlertTimelineOption(String title, Instant from, Instant to) {
        this.title = title;
        this.from = from;
        this.to = to;
    }

    public AlertTimelineOption span(String label, Instant opened, Instant resolved) {
        spans.add(new Span(label, opened, resolved));
        return this;
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("backgroundColor", "transparent");
        root.put("animation", false);
        root.put("useUTC", true);
        root.putObject("title").put("text", title).put("left", "center")
                .putObject("textStyle").put("fontSize", 14);
        root.putObject("tooltip").put("trigger", "item");
        root.putObject("grid").put("left", 180).put("right", 24).put("top", 40).put("bottom", 32);
        root.putObject("xAxis").put("type", "time").put("min", from.toEpochMilli()).put("max", to.toEpochMilli());
        ArrayNode labels = root.putObject("yAxis").put("type", "category").put("inverse", true).putArray("data");
        ArrayNode series = root.putArray("series");
        for (Span s : spans) {
            labels.add(s.label());
            Instant start = s.opened().isBefore(from) ? from : s.opened();
            Instant end = s.resolved() == null || s.resolved().isAfter(to) ? to : s.resolved();
            ObjectNode line = series.addObject();
            line.put("name", s.label() + (s.resolved() == null ? " (open)" : " (resolved)")).put("type", "line")
                    .put("showSymbol", true).put("symbolSize", 8);
            line.putObject("lineStyle").put("width", 8).put("color", s.resolved() == null ? "#dc2626" : "#f59e0b");
            line.putObject("itemStyle").put("color", s.resolved() == null ? "#dc2626" : "#f59e0b");
            ArrayNode data = line.putArray("data");
            data.addArray().add(start.toEpochMilli()).add(s.label());
            data.addArray().add(end.toEpochMilli()).add(s.label());
        }
        return CategoryChartOption.write(root);
    }
}
