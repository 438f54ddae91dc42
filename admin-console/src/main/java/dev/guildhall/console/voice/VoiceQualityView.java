package dev.guildhall.console.voice;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.guildhall.console.auth.ConsoleRole;
import dev.guildhall.console.charts.EChart;
import dev.guildhall.console.charts.LineChartOption;
import dev.guildhall.console.config.ConsoleProperties;
import dev.guildhall.console.layout.AutoRefresh;
import dev.guildhall.console.layout.MainLayout;
import dev.guildhall.console.layout.Notices;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** SRE view: p95 jitter and loss ratio per region over the last hour, and recent alerts. */
@Route(value = "voice", layout = MainLayout.class)
@PageTitle("Voice quality · Guildhall console")
@RolesAllowed({ConsoleRole.SRE, ConsoleRole.PLATFORM_ADMIN})
public class VoiceQualityView extends VerticalLayout {

    static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final Logger log = LoggerFactory.getLogger(VoiceQualityView.class);

    private final VoiceQuality voiceQuality;
    private final Span status = new Span();
    private final EChart jitterChart = new EChart();
    private final EChart lossChart = new EChart();
    private final Grid<RegionMinute> table = new Grid<>();
    private final H3 alertsTitle = new H3("Recent alerts");
    private final Grid<VoiceAlert> alerts = new Grid<>();
    private final Span noAlerts = new Span("No alerts recorded yet: quality-monitor raises one when a region's "
            + "p95 jitter or loss crosses its SLO threshold.");
    private final VerticalLayout errors = new VerticalLayout();
    private final HorizontalLayout charts = new HorizontalLayout(jitterChart, lossChart);
    private boolean loaded;

    public VoiceQualityView(VoiceQuality voiceQuality, ConsoleProperties properties) {
        this.voiceQuality = voiceQuality;
        setWidthFull();
        status.setId("voice-status");
        jitterChart.setId("jitter-chart");
        lossChart.setId("loss-chart");
        jitterChart.setHeight("280px");
        lossChart.setHeight("280px");
        table.setId("voice-table");
        table.addColumn(r -> MINUTE.format(r.minute())).setHeader("Minute (UTC)").setKey("minute");
        table.addColumn(RegionMinute::region).setHeader("Region").setKey("region");
        table.addColumn(RegionMinute::samples).setHeader("Samples").setKey("samples");
        table.addColumn(r -> String.format(Locale.ROOT, "%.1f", r.jitterP95Ms())).setHeader("Jitter p95 (ms)")
                .setKey("jitter");
        table.addColumn(r -> String.format(Locale.ROOT, "%.2f%%", r.lossRatio() * 100)).setHeader("Loss")
                .setKey("loss");
        alerts.setId("alerts-table");
        alerts.addColumn(a -> MINUTE.format(a.at())).setHeader("At (UTC)");
        alerts.addColumn(VoiceAlert::region).setHeader("Region");
        alerts.addColumn(VoiceAlert::metric).setHeader("Metric");
        alerts.addColumn(VoiceAlert::state).setHeader("State");
        alerts.addColumn(a -> String.format(Locale.ROOT, "%.3f", a.value())).setHeader("Value");
        alerts.addColumn(a -> String.format(Locale.ROOT, "%.3f", a.threshold())).setHeader("Threshold");
        alerts.setAllRowsVisible(true);
        errors.setPadding(false);

        charts.setWidthFull();
        noAlerts.setId("no-alerts");
        add(new H2("Voice quality by region"), errors, status, charts, table, alertsTitle, noAlerts, alerts);
        AutoRefresh.install(this, properties.refreshInterval(), this::refresh);
        refresh();
    }

    /** Re-reads the warehouse (also called by the auto-refresh). */
    void refresh() {
        VoiceQualityReport report;
        try {
            report = voiceQuality.lastWindow();
        } catch (RuntimeException e) {
            log.warn("event=voice_query_failed error={}", e.toString());
            if (!loaded) {
                // nothing read yet: show only the error, not empty charts and tables
                charts.setVisible(false);
                table.setVisible(false);
                alertsTitle.setVisible(false);
                alerts.setVisible(false);
                noAlerts.setVisible(false);
            }
            if (errors.getComponentCount() == 0) {
                errors.add(Notices.error("The warehouse (ClickHouse) cannot be read right now",
                        "Numbers will come back on their own once ClickHouse answers again; check that it is running."));
            }
            return;
        }
        errors.removeAll();
        loaded = true;
        charts.setVisible(true);
        status.setText(report.isEmpty()
                ? "No voice quality samples in the last hour — join a voice channel (or start the simulator) and "
                        + "samples appear here within a minute or two."
                : report.rows().size() + " region-minutes in the last hour across "
                        + report.byRegion().size() + " region(s)");
        table.setVisible(!report.isEmpty());
        table.setItems(report.rows());
        // a short table shows all rows; a long one scrolls inside a fixed height
        boolean shortTable = report.rows().size() <= 12;
        table.setAllRowsVisible(shortTable);
        table.setHeight(shortTable ? null : "420px");
        jitterChart.setOption(chart("Jitter p95 (ms)", "ms", report, RegionMinute::jitterP95Ms));
        lossChart.setOption(chart("Loss ratio", "ratio", report, RegionMinute::lossRatio));
        boolean alertsStored = report.alerts().isPresent();
        alertsTitle.setVisible(alertsStored);
        boolean anyAlert = report.alerts().map(a -> !a.isEmpty()).orElse(false);
        alerts.setVisible(anyAlert);
        noAlerts.setVisible(alertsStored && !anyAlert);
        report.alerts().ifPresent(alerts::setItems);
    }

    private static String chart(String title, String unit, VoiceQualityReport report,
                                ToDoubleFunction<RegionMinute> value) {
        LineChartOption option = new LineChartOption(title, unit).range(report.from(), report.to());
        for (Map.Entry<String, List<RegionMinute>> region : report.byRegion().entrySet()) {
            option.series(region.getKey(), region.getValue().stream()
                    .map(r -> new LineChartOption.Point(r.minute(), value.applyAsDouble(r))).toList());
        }
        return option.toJson();
    }
}
