package org.seedscope.kernel;

import java.util.ArrayList;
import java.util.List;
import org.seedscope.format.Numbers;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Tablesaw tables as a person reads them in a notebook: HTML and aligned text of at most
 * {@value #MAX_ROWS} rows, floating-point cells rounded by {@link Numbers#value(Object)},
 * integers in full, other cells as Tablesaw prints them, missing cells empty.
 */
final class TableDisplay {
    /** Rows of a table shown; the rest are counted in a note. */
    static final int MAX_ROWS = 30;

    private TableDisplay() {}

    /**
     * @param table a table
     * @return an HTML table (content escaped) of its first {@value #MAX_ROWS} rows, with a
     *         caption giving the table's name and shape and a note "… N more rows" when cut
     */
    static String html(Table table) {
        StringBuilder html = new StringBuilder("<table>\n<caption>")
                .append(escape(caption(table))).append("</caption>\n<thead><tr>");
        for (String column : table.columnNames()) {
            html.append("<th>").append(escape(column)).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < shown(table); r++) {
            html.append("<tr>");
            for (int c = 0; c < table.columnCount(); c++) {
                html.append("<td>").append(escape(cell(table.column(c), r))).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>");
        String more = more(table);
        return more.isEmpty() ? html.toString() : html.append("\n<p>").append(more).append("</p>").toString();
    }

    /**
     * @param table a table
     * @return the caption line, then the column names and the first {@value #MAX_ROWS} rows in
     *         columns two spaces apart (numbers right-aligned, text left-aligned), then a note
     *         "… N more rows" when cut
     */
    static String text(Table table) {
        int columns = table.columnCount();
        int rows = shown(table);
        List<String[]> lines = new ArrayList<>();
        lines.add(table.columnNames().toArray(new String[0]));
        for (int r = 0; r < rows; r++) {
            String[] line = new String[columns];
            for (int c = 0; c < columns; c++) {
                line[c] = cell(table.column(c), r);
            }
            lines.add(line);
        }
        int[] width = new int[columns];
        for (String[] line : lines) {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], line[c].length());
            }
        }
        StringBuilder out = new StringBuilder(caption(table));
        for (String[] line : lines) {
            out.append('\n');
            for (int c = 0; c < columns; c++) {
                boolean right = table.column(c) instanceof NumericColumn<?>;
                String text = right ? Numbers.padLeft(line[c], width[c])
                        : line[c] + " ".repeat(width[c] - line[c].length());
                out.append(c == 0 ? "" : "  ").append(text);
            }
            int end = out.length();
            while (end > 0 && out.charAt(end - 1) == ' ') {
                end--;
            }
            out.setLength(end);
        }
        String more = more(table);
        return more.isEmpty() ? out.toString() : out.append('\n').append(more).toString();
    }

    /**
     * @return the cell as shown: empty when missing, numbers through {@link Numbers#value(Object)},
     *         anything else as Tablesaw prints it
     */
    static String cell(Column<?> column, int row) {
        if (column.isMissing(row)) {
            return "";
        }
        Object value = column.get(row);
        return value instanceof Number ? Numbers.value(value) : column.getString(row);
    }

    /** @return {@code text} with {@code & < > " '} replaced by HTML entities */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }

    /** @return e.g. "scores — 3 rows × 3 columns" (the name left out when blank) */
    static String caption(Table table) {
        int rows = table.rowCount();
        int columns = table.columnCount();
        String name = table.name();
        return (name != null && !name.isBlank() ? name + " \u2014 " : "")
                + rows + (rows == 1 ? " row" : " rows") + " \u00d7 "
                + columns + (columns == 1 ? " column" : " columns");
    }

    private static int shown(Table table) {
        return Math.min(table.rowCount(), MAX_ROWS);
    }

    private static String more(Table table) {
        int more = table.rowCount() - shown(table);
        return more == 0 ? "" : "\u2026 " + more + (more == 1 ? " more row" : " more rows");
    }
}
