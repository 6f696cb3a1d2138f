package org.seedscope.report;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.seedscope.stats.Constancy;
import org.seedscope.stats.SeedVariance;
import org.seedscope.viz.AlgorithmSamples;
import tech.tablesaw.api.Table;

/** Reads sections and tables back out of a written report, for tests. */
public final class ReportPages {

    private static final Pattern ROW = Pattern.compile("<tr>(.*?)</tr>", Pattern.DOTALL);
    private static final Pattern CELL = Pattern.compile("<td[^>]*>(.*?)</td>", Pattern.DOTALL);

    private ReportPages() {
    }

    /**
     * Checks every headline line against the statistics, independently of how the headline chose
     * it: the line's metric is neither at its floor nor at its ceiling in the Algorithm-1 slice or
     * the grid slice of that method.
     *
     * @param rows the study's rows
     * @param headline their headline
     */
    public static void assertNoLineReadsAStuckMetric(Table rows, Headline headline) {
        Table samples = AlgorithmSamples.of(rows).rows();
        for (Headline.Line line : headline.lines()) {
            SeedVariance sv = SeedVariance.of(samples, line.metric());
            for (String protocol : List.of("one-training-seed", "grid")) {
                Constancy c = sv.entry(line.scenario(), line.method(), protocol).orElseThrow().constancy()
                        .orElseThrow();
                assertFalse(c == Constancy.FLOOR || c == Constancy.CEILING, line.text() + ": " + protocol + " is "
                        + c.label());
            }
        }
    }

    /**
     * @param html a report
     * @param id a section id, e.g. "headline" or "scenario-full_Shirt"
     * @return the section's HTML
     * @throws AssertionError when the section is missing
     */
    public static String section(String html, String id) {
        int start = html.indexOf("<section id=\"" + id + "\"");
        if (start < 0) {
            throw new AssertionError("no section " + id);
        }
        return html.substring(start, html.indexOf("</section>", start));
    }

    /**
     * @param html a report or a section of one
     * @param heading the text a heading starts with, e.g. "Variance components"
     * @return the body rows of the first table after that heading, cells as (escaped) text
     * @throws AssertionError when there is no such heading or table
     */
    public static List<List<String>> tableAfter(String html, String heading) {
        int h = html.indexOf(">" + heading);
        if (h < 0) {
            throw new AssertionError("no heading " + heading);
        }
        int body = html.indexOf("<tbody>", h);
        if (body < 0) {
            throw new AssertionError("no table after " + heading);
        }
        String rows = html.substring(body, html.indexOf("</tbody>", body));
        List<List<String>> out = new ArrayList<>();
        Matcher r = ROW.matcher(rows);
        while (r.find()) {
            List<String> cells = new ArrayList<>();
            Matcher c = CELL.matcher(r.group(1));
            while (c.find()) {
                cells.add(c.group(1));
            }
            out.add(cells);
        }
        return out;
    }
}
