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
    static final String OPEN = "#dc2626";
    static final String RESOLVED = "#f59e0b";

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
        // the series name (label and state) is all the tooltip needs
        root.putObject("tooltip").put("trigger", "item").put("formatter", "{a}");
        root.putObject("grid").put("left", 180).put("right", 24).put("top", 40).put("bottom", 32);
        root.putObject("xAxis").put("type", "time").put("min", from.toEpochMilli()).put("max", to.toEpochMilli());
        ArrayNode labels = root.putObject("yAxis").put("type", "category").put("inverse", true).putArray("data");
        // series i takes colour i of the palette: one colour per alert here instead of a line and an item style each
        ArrayNode colors = JSON.createArrayNode();
        ArrayNode series = root.putArray("series");
        for (int i = 0; i < spans.size(); i++) {
            Span s = spans.get(i);
            labels.add(s.label());
            colors.add(s.resolved() == null ? OPEN : RESOLVED);
            Instant start = s.opened().isBefore(from) ? from : s.opened();
            Instant end = s.resolved() == null || s.resolved().isAfter(to) ? to : s.resolved();
            ObjectNode line = series.addObject();
            line.put("name", s.label() + (s.resolved() == null ? " (open)" : " (resolved)")).put("type", "line")
                    .put("symbolSize", 8);
            line.putObject("lineStyle").put("width", 8);
            // y: the alert's row as a category index
            line.putArray("data").add(JSON.createArrayNode().add(start.toEpochMilli()).add(i))
                    .add(JSON.createArrayNode().add(end.toEpochMilli()).add(i));
        }
        if (!colors.isEmpty()) {
            root.set("color", colors);
        }
        return CategoryChartOption.write(root);
    }
}
