package org.seedscope.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import org.knowm.xchart.internal.chartpart.Chart;
import org.seedscope.format.Numbers;
import org.seedscope.viz.Charts;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Package-private HTML builder: escaped text, tables and embedded charts. */
final class Html {

    static final String CSS = "body{font-family:sans-serif;max-width:1250px;margin:2em auto;"
            + "padding:0 1em;color:#222;line-height:1.45}table{border-collapse:collapse;"
            + "margin:0.8em 0;font-size:0.92em}th,td{border:1px solid #ccc;padding:3px 7px;"
            + "text-align:right}th{background:#f2f2f2}td:first-child,th:first-child"
            + "{text-align:left}img{max-width:100%;height:auto;display:block;margin:0.6em 0}"
            + "h2{border-bottom:2px solid #0072B2;padding-bottom:0.2em;margin-top:2em}"
            + ".note{color:#a33}";

    private final StringBuilder out = new StringBuilder();
    private final Path chartDir;

    Html(Path chartDir) {
        this.chartDir = chartDir;
    }

    /** Escapes &amp;, &lt;, &gt;, double and single quotes. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    void raw(String html) {
        out.append(html);
    }

    /** An element with escaped text content. */
    void tag(String tag, String text) {
        out.append('<').append(tag).append('>').append(escape(text)).append("</").append(tag)
                .append(">\n");
    }

    /**
     * A table of the given columns (missing columns are skipped); cells by
     * {@link Numbers#value(Object)}, missing cells as "–".
     */
    void table(Table t, List<String> columns, List<String> headers) {
        List<String> head = new ArrayList<>();
        List<Integer> present = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            if (t.containsColumn(columns.get(c))) {
                head.add(headers.get(c));
                present.add(c);
            }
        }
        List<List<String>> body = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            List<String> row = new ArrayList<>();
            for (int c : present) {
                row.add(cell(t.column(columns.get(c)), r));
            }
            body.add(row);
        }
        rows(head, body);
    }

    /** A table of already formatted cells. */
    void rows(List<String> head, List<List<String>> body) {
        out.append("<table><thead><tr>");
        for (String h : head) {
            out.append("<th>").append(escape(h)).append("</th>");
        }
        out.append("</tr></thead><tbody>\n");
        for (List<String> row : body) {
            out.append("<tr>");
            for (String v : row) {
                out.append("<td>").append(escape(v)).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody></table>\n");
    }

    /**
     * Embeds the chart as a PNG data URI and writes its SVG to the chart folder; when the chart
     * cannot be drawn (e.g. no rows of a protocol) writes the reason instead.
     */
    void chart(Supplier<Chart<?, ?>> factory, String name) {
        Chart<?, ?> chart;
        try {
            chart = factory.get();
        } catch (IllegalArgumentException e) {
            out.append("<p class=\"note\">").append(escape("Chart not drawn: " + e.getMessage()))
                    .append("</p>\n");
            return;
        }
        String file = slug(name) + ".svg";
        Charts.save(chart, chartDir.resolve(file));
        out.append("<img alt=\"").append(escape(chart.getTitle())).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(Charts.png(chart)))
                .append("\"><p><a href=\"charts/").append(escape(file)).append("\">SVG</a></p>\n");
    }

    static String slug(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]+", "_");
    }

    private static String cell(Column<?> column, int row) {
        if (column.isMissing(row)) {
            return "–";
        }
        return Numbers.value(column.get(row));
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
