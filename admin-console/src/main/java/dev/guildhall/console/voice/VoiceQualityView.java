package dev.guildhall.console.voice;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.guildhall.console.auth.ConsoleRole;
import dev.guildhall.console.charts.AlertTimelineOption;
import dev.guildhall.console.charts.EChart;
import dev.guildhall.console.charts.LineChartOption;
import dev.guildhall.console.charts.TimeHeatmapOption;
import dev.guildhall.console.config.ConsoleProperties;
import dev.guildhall.console.layout.AutoRefresh;
import dev.guildhall.console.layout.MainLayout;
import dev.guildhall.console.layout.Notices;
import dev.guildhall.warehouse.queries.AlertSpan;
import dev.guildhall.warehouse.queries.GuildVoiceQuality;
import dev.guildhall.warehouse.queries.HeatCell;
import dev.guildhall.warehouse.queries.VoiceMetric;
import dev.guildhall.warehouse.queries.VoiceQualityPoint;
import dev.guildhall.warehouse.queries.VoiceQualityStats;
import dev.guildhall.warehouse.queries.VoiceServerQuality;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SRE voice dashboards: RTT, jitter (at a chosen percentile), loss and MOS over time per region or per voice server
 * of a region, a region × time heatmap, the worst voice servers and guilds right now, open and recent alerts with
 * their timeline; a time range picker and auto-refresh. A thin view over {@link VoiceDashboard}.
 */
@Route(value = "voice", layout = MainLayout.class)
@PageTitle("Voice quality · Guildhall console")
@RolesAllowed({ConsoleRole.SRE, ConsoleRole.PLATFORM_ADMIN})
public class VoiceQualityView extends VerticalLayout {

    static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    static final String ALL_REGIONS = "All regions";
    /** Up to this many rows a list grid shows them all; more scroll (about 11 rows high). */
    static final int MAX_ROWS_UNSCROLLED = 10;
    /** Rows per fetch of a scrolled grid: what it shows plus a margin, instead of Vaadin's default 50. */
    static final int PAGE_SIZE = 20;
    private static final Logger log = LoggerFactory.getLogger(VoiceQualityView.class);

    private final VoiceDashboard dashboard;
    private final Select<TimeRange> rangePicker = new Select<>();
    private final Select<String> scopePicker = new Select<>();
    private final Select<Integer> percentilePicker = new Select<>();
    private final Select<VoiceMetric> metricPicker = new Select<>();
    private final Span status = new Span();
    private final EChart rttChart = chart("rtt-chart");
    private final EChart jitterChart = chart("jitter-chart");
    private final EChart lossChart = chart("loss-chart");
    private final EChart mosChart = chart("mos-chart");
    private final EChart heatmap = chart("region-heatmap");
    private final Grid<VoiceServerQuality> worstServers = new Grid<>();
    private final Grid<GuildVoiceQuality> worstGuilds = new Grid<>();
    private final Grid<AlertSpan> openAlerts = new Grid<>();
    private final Span noOpenAlerts = new Span("No alert is open: every region is inside its SLO thresholds.");
    private final Span moreOpenAlerts = new Span();
    private final EChart alertTimeline = chart("alert-timeline");
    private final Grid<AlertSpan> recentAlerts = new Grid<>();
    private final Span noRecentAlerts = new Span();
    private final Span fleetStatus = new Span();
    private final Grid<VoiceServerState> fleet = new Grid<>();
    private final VoiceFleetFeed fleetFeed;
    private final Div errors = new Div();
    private final VerticalLayout content = new VerticalLayout();
    private boolean loaded;

    public VoiceQualityView(VoiceDashboard dashboard, VoiceFleetFeed fleetFeed, ConsoleProperties properties) {
        this.dashboard = dashboard;
        this.fleetFeed = fleetFeed;
        setWidthFull();
        rangePicker.setId("voice-range");
        rangePicker.setLabel("Time range");
        rangePicker.setItems(TimeRange.values());
        rangePicker.setItemLabelGenerator(TimeRange::label);
        rangePicker.setValue(TimeRange.LAST_HOUR);
        scopePicker.setId("voice-scope");
        scopePicker.setLabel("Series per");
        scopePicker.setItems(ALL_REGIONS);
        scopePicker.setItemLabelGenerator(s -> s.equals(ALL_REGIONS) ? "region (all regions)"
                : "voice server of " + s);
        scopePicker.setValue(ALL_REGIONS);
        percentilePicker.setId("voice-percentile");
        percentilePicker.setLabel("Percentile");
        percentilePicker.setItems(50, 95, 99);
        percentilePicker.setItemLabelGenerator(p -> "p" + p);
        percentilePicker.setValue(95);
        metricPicker.setId("voice-metric");
        metricPicker.setLabel("Heatmap and ranking by");
        metricPicker.setItems(VoiceMetric.values());
        metricPicker.setItemLabelGenerator(VoiceQualityView::metricLabel);
        metricPicker.setValue(VoiceMetric.LOSS_RATIO);
        for (Select<?> picker : List.of(rangePicker, scopePicker, percentilePicker, metricPicker)) {
            picker.addValueChangeListener(e -> {
                if (e.isFromClient()) {
                    refresh();
                }
            });
        }
        status.setId("voice-status");

        worstServers.setId("worst-servers");
        worstServers.addColumn(VoiceServerQuality::region).setHeader("Region");
        worstServers.addColumn(VoiceServerQuality::voiceServer).setHeader("Voice server");
        statsColumns(worstServers, VoiceServerQuality::stats);
        worstServers.setAllRowsVisible(true);
        worstGuilds.setId("worst-guilds");
        worstGuilds.addColumn(GuildVoiceQuality::guildId).setHeader("Guild id");
        statsColumns(worstGuilds, GuildVoiceQuality::stats);
        worstGuilds.setAllRowsVisible(true);

        openAlerts.setId("open-alerts");
        alertColumns(openAlerts);
        noOpenAlerts.setId("no-open-alerts");
        moreOpenAlerts.setId("more-open-alerts");
        recentAlerts.setId("recent-alerts");
        alertColumns(recentAlerts);
        recentAlerts.addColumn(a -> a.resolvedAt() == null ? "open" : MINUTE.format(a.resolvedAt()))
                .setHeader("Resolved (UTC)");
        recentAlerts.addColumn(a -> a.resolvedValue() == null ? "" : number(a.resolvedValue()))
                .setHeader("Resolved at value");
        noRecentAlerts.setId("no-recent-alerts");
        alertTimeline.setHeight("220px");
        fleetStatus.setId("fleet-status");
        fleet.setId("voice-fleet");
        fleet.addColumn(VoiceServerState::region).setHeader("Region");
        fleet.addColumn(VoiceServerState::voiceServer).setHeader("Voice server");
        fleet.addColumn(VoiceServerState::liveness).setHeader("Heartbeat");
        fleet.addColumn(s -> s.heartbeatAgeMs() == null ? "–"
                : String.format(Locale.ROOT, "%.1f s ago", s.heartbeatAgeMs() / 1000.0)).setHeader("Last heartbeat");
        fleet.addColumn(s -> s.capacity() == 0 ? "–" : s.load() + " / " + s.capacity() + " ("
                + String.format(Locale.ROOT, "%.0f%%", s.loadRatio() * 100) + ")").setHeader("Load");
        fleet.addColumn(s -> s.health() == null ? "no verdict" : s.health()).setHeader("Health");
        fleet.addColumn(s -> s.score() == null ? "–" : String.format(Locale.ROOT, "%.0f", s.score()))
                .setHeader("Score");
        fleet.addColumn(s -> String.join(", ", s.reasons())).setHeader("Reasons");
        fleet.setPageSize(PAGE_SIZE);

        HorizontalLayout pickers = new HorizontalLayout(rangePicker, scopePicker, percentilePicker, metricPicker);
        pickers.setAlignItems(FlexComponent.Alignment.BASELINE);
        pickers.getStyle().set("flex-wrap", "wrap");
        HorizontalLayout row1 = new HorizontalLayout(rttChart, jitterChart);
        HorizontalLayout row2 = new HorizontalLayout(lossChart, mosChart);
        row1.setWidthFull();
        row2.setWidthFull();
        content.setPadding(false);
        content.setWidthFull();
        content.add(row1, row2, heatmap,
                new H3("Worst voice servers right now (last " + VoiceDashboard.RECENT_MINUTES + " minutes)"),
                worstServers,
                new H3("Worst guilds right now (last " + VoiceDashboard.RECENT_MINUTES + " minutes)"), worstGuilds,
                new H3("Open alerts"), noOpenAlerts, moreOpenAlerts, openAlerts,
                new H3("Alerts in the range"), noRecentAlerts, alertTimeline, recentAlerts);
        add(new H2("Voice quality"), pickers, new H3("Voice servers: health and load"), fleetStatus, fleet, errors,
                status, content);
        AutoRefresh.install(this, properties.refreshInterval(), this::refresh);
        refresh();
    }

    private static EChart chart(String id) {
        EChart chart = new EChart();
        chart.setId(id);
        chart.setHeight("280px");
        return chart;
    }

    /** Re-reads the warehouse for the current selection (also called by the auto-refresh). */
    void refresh() {
        renderFleet();
        String scope = scopePicker.getValue();
        VoiceDashboardReport report;
        try {
            report = dashboard.load(rangePicker.getValue(), ALL_REGIONS.equals(scope) ? null : scope,
                    metricPicker.getValue());
        } catch (RuntimeException e) {
            log.warn("event=voice_query_failed error={}", e.toString());
            // nothing read yet: show only the error, not empty charts and tables
            content.setVisible(loaded);
            if (errors.getComponentCount() == 0) {
                errors.add(Notices.error("The warehouse (ClickHouse) cannot be read right now",
                        "Numbers will come back on their own once ClickHouse answers again; check that it is "
                                + "running and that the warehouse migrations have been applied."));
            }
            return;
        }
        errors.removeAll();
        loaded = true;
        content.setVisible(true);
        render(report);
    }

    private void render(VoiceDashboardReport r) {
        List<String> scopes = new ArrayList<>();
        scopes.add(ALL_REGIONS);
        scopes.addAll(r.regions());
        if (!scopes.equals(scopePicker.getListDataView().getItems().toList())) {
            scopePicker.setItems(scopes);
        }
        scopePicker.setValue(r.region() == null ? ALL_REGIONS : r.region());
        String range = rangePicker.getValue().label().toLowerCase(Locale.ROOT);
        status.setText(r.isEmpty()
                ? "No voice quality samples in the " + range + " — join a voice channel (or start the simulator "
                        + "with ./guildhall up) and samples appear here within a minute or two; or pick a longer "
                        + "range."
                : r.regions().size() + " region(s) with voice in the " + range + ", " + r.openAlertCount()
                        + " alert(s) open; " + bucketLabel(r.bucket()) + " buckets, UTC.");
        int p = percentilePicker.getValue();
        String per = r.region() == null ? " per region" : " per voice server · " + r.region();
        rttChart.setOption(line(r, QualityMeasure.rtt(p), per));
        jitterChart.setOption(line(r, QualityMeasure.jitter(p), per));
        lossChart.setOption(line(r, QualityMeasure.LOSS_RATIO, per));
        mosChart.setOption(line(r, QualityMeasure.MOS, per));

        TimeHeatmapOption heat = new TimeHeatmapOption(metricLabel(r.metric()) + " · region × time", r.from(), r.to(),
                r.bucket());
        if (!r.metric().worseHigh()) {
            heat.lowIsBad();
        }
        for (HeatCell c : r.heatmap()) {
            heat.cell(c.region(), c.bucket(), c.value());
        }
        heatmap.setOption(heat.toJson());

        worstServers.setItems(r.worstServers());
        worstGuilds.setItems(r.worstGuilds());
        openAlerts.setItems(r.openAlerts());
        openAlerts.setAllRowsVisible(r.openAlerts().size() <= MAX_ROWS_UNSCROLLED);
        openAlerts.setVisible(!r.openAlerts().isEmpty());
        noOpenAlerts.setVisible(r.openAlerts().isEmpty());
        moreOpenAlerts.setVisible(r.openAlertsNotShown() > 0);
        moreOpenAlerts.setText(String.format(Locale.ROOT, "Showing the %d newest of %,d open alerts; %,d older "
                + "ones are open too (the heatmap and the worst servers show where).", r.openAlerts().size(),
                r.openAlertCount(), r.openAlertsNotShown()));
        boolean anyRecent = !r.alerts().isEmpty();
        recentAlerts.setItems(r.alerts());
        recentAlerts.setAllRowsVisible(r.alerts().size() <= MAX_ROWS_UNSCROLLED);
        recentAlerts.setVisible(anyRecent);
        alertTimeline.setVisible(anyRecent);
        noRecentAlerts.setVisible(!anyRecent);
        noRecentAlerts.setText("No alert was open in the " + range + ". quality-monitor opens one when a region's "
                + "p95 RTT, jitter or loss crosses its SLO threshold.");
        AlertTimelineOption timeline = new AlertTimelineOption("Alert timeline (open → resolved)", r.from(), r.to());
        for (AlertSpan a : r.alerts()) {
            String subject = a.voiceServer().isEmpty() ? a.region() : a.region() + "/" + a.voiceServer();
            timeline.span(subject + " " + a.metric() + " " + TIME.format(a.openedAt()), a.openedAt(),
                    a.resolvedAt());
        }
        alertTimeline.setOption(timeline.toJson());
    }

    /** Latest heartbeat and verdict per voice server, from the console's own reading of the compacted topics. */
    private void renderFleet() {
        VoiceFleetStatus state = fleetFeed.status();
        List<VoiceServerState> servers = state.snapshot(System.currentTimeMillis());
        fleet.setItems(servers);
        fleet.setAllRowsVisible(servers.size() <= MAX_ROWS_UNSCROLLED);
        fleet.setVisible(!servers.isEmpty());
        long unusable = servers.stream().filter(s -> !"running".equals(s.liveness())
                || "unhealthy".equals(s.health()) || "down".equals(s.health())).count();
        fleetStatus.setText(switch (state.feed()) {
            case NOT_CONFIGURED -> "Voice server health is not read: set GUILDHALL_KAFKA_BOOTSTRAP for the console "
                    + "(./guildhall sets it) and restart it.";
            case CONNECTING -> "Connecting to Kafka: " + state.feedError() + ". Check that Kafka is running; voice "
                    + "nodes and core-server create the topics when they start.";
            case FAILED -> "Reading voice server health failed (" + state.feedError() + "); restart the console.";
            case READING -> servers.isEmpty()
                    ? "No voice server has sent a heartbeat yet: start the voice nodes (./guildhall up starts one "
                            + "per region)."
                    : servers.size() + " voice server(s), " + unusable + " not usable (silent, stopping, unhealthy "
                            + "or down).";
        });
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private static String line(VoiceDashboardReport r, QualityMeasure measure, String per) {
        LineChartOption option = new LineChartOption(measure.label() + per, measure.unit()).range(r.from(), r.to());
        Map<String, List<LineChartOption.Point>> series = new LinkedHashMap<>();
        for (VoiceQualityPoint point : r.series()) {
            List<LineChartOption.Point> points = series.computeIfAbsent(r.seriesKey(point), k -> new ArrayList<>());
            Double value = measure.of(point.stats());
            if (value != null) {
                points.add(new LineChartOption.Point(point.bucket(), value));
            }
        }
        series.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> option.series(e.getKey(), e.getValue()));
        return option.toJson();
    }

    private static <T> void statsColumns(Grid<T> grid, Function<T, VoiceQualityStats> stats) {
        grid.addColumn(t -> stats.apply(t).samples()).setHeader("Samples");
        grid.addColumn(t -> optional(stats.apply(t).rttP95Ms())).setHeader("RTT p95 (ms)");
        grid.addColumn(t -> number(stats.apply(t).jitterP95Ms())).setHeader("Jitter p95 (ms)");
        grid.addColumn(t -> percent(stats.apply(t).lossRatio())).setHeader("Loss");
        grid.addColumn(t -> stats.apply(t).mos() == null ? "–"
                : String.format(Locale.ROOT, "%.2f", stats.apply(t).mos())).setHeader("MOS");
    }

    private static void alertColumns(Grid<AlertSpan> grid) {
        grid.addColumn(AlertSpan::region).setHeader("Region");
        grid.addColumn(VoiceDashboardReport::voiceServerOf).setHeader("Voice server");
        grid.addColumn(AlertSpan::metric).setHeader("Metric");
        grid.addColumn(a -> a.open() ? "open" : "resolved").setHeader("State");
        grid.addColumn(a -> MINUTE.format(a.openedAt())).setHeader("Opened (UTC)");
        grid.addColumn(a -> number(a.openValue())).setHeader("Value");
        grid.addColumn(a -> number(a.threshold())).setHeader("Threshold");
        grid.setPageSize(PAGE_SIZE);
    }

    static String metricLabel(VoiceMetric metric) {
        return switch (metric) {
            case RTT_P95 -> "RTT p95 (ms)";
            case JITTER_P95 -> "Jitter p95 (ms)";
            case LOSS_RATIO -> "Loss ratio";
            case MOS -> "MOS";
        };
    }

    private static String bucketLabel(Duration bucket) {
        return bucket.toHours() >= 1 ? bucket.toHours() + " h" : bucket.toMinutes() + " min";
    }

    static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.2f%%", ratio * 100);
    }

    private static String optional(Double value) {
        return value == null ? "–" : number(value);
    }
}
