package dev.guildhall.console.insights;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.server.StreamResource;
import dev.guildhall.console.charts.EChart;
import java.io.ByteArrayInputStream;
import java.util.List;

/**
 * One block of the insights page: a title, an optional chart, the table and its CSV download, or an empty state
 * that says what to do. The CSV is the table shown ({@link InsightsTable}), written by {@code csv} (which checks
 * again that the user may read it).
 */
class InsightsSection extends Div {

    /** Writes the CSV of a shown table; throws when the user may no longer read the guild. */
    interface CsvWriter {
        byte[] write(InsightsTable shown);
    }

    private static final int MAX_ROWS_UNSCROLLED = 10;
    /**
     * Rows per grid fetch: a scrolled grid shows about 12 rows, so the first answer carries 20 rows instead of Vaadin's
     * default 50 (a year has 366 rows in four of the tables); scrolling fetches the rest.
     */
    static final int PAGE_SIZE = 20;

    private final String tableId;
    private final EChart chart;
    private final Grid<List<String>> grid = new Grid<>();
    private final Anchor csv = new Anchor();
    private final Paragraph empty = new Paragraph();
    private final CsvWriter csvWriter;
    private volatile InsightsTable shown;
    private String csvName;

    /** {@code tableId}: the {@link InsightsTable#id()} this section shows; {@code withChart}: a chart above it. */
    InsightsSection(String title, String tableId, boolean withChart, CsvWriter csvWriter) {
        this.tableId = tableId;
        this.csvWriter = csvWriter;
        setId("section-" + tableId);
        setWidthFull();
        getStyle().set("margin-bottom", "var(--lumo-space-l)");
        H3 heading = new H3(title);
        heading.getStyle().set("margin", "0");
        csv.setText("Download CSV");
        csv.setId("csv-" + tableId);
        csv.getElement().setAttribute("download", true);
        HorizontalLayout header = new HorizontalLayout(heading, csv);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(header);
        if (withChart) {
            chart = new EChart();
            chart.setId("chart-" + tableId);
            chart.setHeight("260px");
            add(chart);
        } else {
            chart = null;
        }
        grid.setId(tableId + "-table");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setPageSize(PAGE_SIZE);
        empty.setId("empty-" + tableId);
        empty.addClassName("insights-empty");
        add(grid, empty);
    }

    /** Shows the table (and chart option, when this section has a chart), or {@code emptyText} when it has no rows. */
    void show(InsightsTable table, String chartOption, String fileName, String emptyText) {
        if (!table.id().equals(tableId)) {
            throw new IllegalArgumentException("section " + tableId + " cannot show table " + table.id());
        }
        if (grid.getColumns().isEmpty()) {
            for (int i = 0; i < table.columns().size(); i++) {
                int column = i;
                grid.addColumn(row -> row.get(column)).setHeader(table.columns().get(i)).setKey("c" + i)
                        .setAutoWidth(true);
            }
        }
        shown = table;
        boolean hasRows = !table.isEmpty();
        grid.setItems(table.rows());
        grid.setVisible(hasRows);
        if (table.rows().size() <= MAX_ROWS_UNSCROLLED) {
            grid.setAllRowsVisible(true);
        } else {
            grid.setAllRowsVisible(false);
            grid.setHeight("22rem");
        }
        if (chart != null) {
            chart.setVisible(hasRows);
            if (hasRows && chartOption != null) {
                chart.setOption(chartOption);
            }
        }
        csv.setVisible(hasRows);
        if (!fileName.equals(csvName)) {
            csvName = fileName;
            csv.setHref(new StreamResource(fileName, () -> new ByteArrayInputStream(csvWriter.write(shown)))
                    .setContentType("text/csv; charset=utf-8"));
        }
        empty.setVisible(!hasRows);
        empty.setText(emptyText);
    }
}
