package dev.guildhall.console.insights;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One table of the insights page exactly as shown: the grid renders these cells and the CSV export writes the same
 * cells, so both always carry the same numbers.
 *
 * @param id      stable id (grid element id {@code <id>-table}, CSV file name)
 * @param columns header cells
 * @param rows    body cells, each row as long as {@code columns}
 */
public record InsightsTable(String id, List<String> columns, List<List<String>> rows) {

    public InsightsTable {
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
        for (List<String> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException(id + ": row " + row + " does not have " + columns.size() + " cells");
            }
        }
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** RFC 4180 CSV: header line, then the rows; CRLF line ends; fields quoted when they need it. */
    public String toCsv() {
        StringBuilder out = new StringBuilder();
        line(out, columns);
        rows.forEach(r -> line(out, r));
        return out.toString();
    }

    public byte[] toCsvBytes() {
        return toCsv().getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(cells.get(i)));
        }
        out.append("\r\n");
    }

    private static String field(String cell) {
        String value = cell == null ? "" : cell;
        // a leading =, +, - or @ would be a formula in spreadsheet programs (channel names are user input)
        if (!value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 && !value.matches("-?\\d+(\\.\\d+)?%?")) {
            value = "'" + value;
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
