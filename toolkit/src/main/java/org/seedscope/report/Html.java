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

    /**
     * The report's style: a readable column (at most 1100 px of text, 2.5 em side margins on
     * screen, 18 mm page margins in print), tables that scroll sideways inside the column rather
     * than widening the page, charts scaled to the column, notes in a smaller type.
     */
    static final String CSS = "html{background:#f4f4f4}"
            + "main{max-width:1100px;margin:0 auto;padding:1.5em 2.5em 3em;background:#fff;"
            + "box-shadow:0 0 6px rgba(0,0,0,0.12)}"
            + "body{font-family:sans-serif;margin:0;padding:1.5em 0;color:#222;line-height:1.5;font-size:16px}"
            + "@page{margin:18mm}@media print{html{background:#fff}main{box-shadow:none;padding:0;max-width:none}}"
            + "table{border-collapse:collapse;margin:0.8em 0;font-size:0.88em;display:block;max-width:100%;"
            + "overflow-x:auto}th,td{border:1px solid #ccc;padding:3px 7px;text-align:right;vertical-align:top}"
            + "td{white-space:nowrap}td.text,td.long{text-align:left}td.long{white-space:normal;min-width:16em}"
            + "th{background:#f2f2f2}td:first-child,th:first-child{text-align:left}"
            + "img{max-width:100%;height:auto;display:block;margin:0.6em 0}"
            + "h1{font-size:1.7em}h2{border-bottom:2px solid #0072B2;padding-bottom:0.2em;margin-top:2em}"
            + ".headline{background:#eef5fb;border-left:4px solid #0072B2;padding:0.2em 1.2em 0.8em}"
            + ".headline h2{margin-top:0.6em}.headline li{margin:0.25em 0}"
            + "ol.notes{font-size:0.85em;color:#444}"
            + "ul.contents{display:flex;flex-wrap:wrap;gap:0.2em 1.6em;list-style:none;padding:0;font-size:0.95em}"
            + ".note{color:#a33}";

    /** Text cells longer than this may wrap. */
    private static final int LONG_TEXT = 28;

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
                out.append("<td").append(cellClass(v)).append('>').append(escape(v)).append("</td>");
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

    /**
     * Text cells are left-aligned (and wrap when long); numbers, intervals and "n/e" stay
     * right-aligned on one line.
     */
    private static String cellClass(String v) {
        boolean text = !v.isEmpty() && Character.isLetter(v.charAt(0)) && !v.equals(Numbers.NOT_ESTIMABLE);
        return !text ? "" : v.length() > LONG_TEXT ? " class=\"long\"" : " class=\"text\"";
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
