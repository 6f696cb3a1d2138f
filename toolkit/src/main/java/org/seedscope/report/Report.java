package org.seedscope.report;

import org.seedscope.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.seedscope.format.Numbers;
import org.seedscope.stats.SeedVariance;
import org.seedscope.viz.AlgorithmSamples;
import org.seedscope.viz.ResultRows;
import tech.tablesaw.api.Table;

/**
 * A self-contained HTML report of a study's result table. From the top: a headline (per method,
 * what one training seed would have reported next to what many show, {@link Headline}); per
 * scenario, on the scenario's lead metric (test accuracy for full-class forgetting, where forget
 * accuracy is 0 for most methods; forget accuracy otherwise; never a metric stuck at its floor or
 * ceiling), the Figure-1 box plots over Retrain's shaded 25–75 % band, the W2 distance between
 * the Algorithm-1 and Algorithm-2 samples with its noise floor, the variance components with
 * σ²_train and σ²_unlearn and their intervals for every method, the single-seed lottery and a
 * plain reading per method; a seed-budget section; the privacy audit of the stored per-example
 * outputs ({@link AuditSection}); the provenance of
 * the rows (data and its hash, model, training, each method's hyperparameters, seeds, toolkit).
 *
 * <p>Algorithm 1 and Algorithm 2 samples the study did not run separately are taken from its grid
 * ({@link AlgorithmSamples}: Algorithm 2 = the grid's first unlearning seed of every training
 * seed, Algorithm 1 = the grid's first training seed), and the report says so. Variance
 * components come from the grid when there is one ({@link SeedEstimate}).
 *
 * <p>Charts are embedded as base64 PNG data URIs and also written as SVG files to
 * {@code dir/charts/}; all use the viz {@link org.seedscope.viz.Theme}. All text taken from the
 * table is HTML-escaped; every number is formatted by {@link Numbers}. A note that applies to
 * several rows of a table is printed once below it. The HTML is written to a temporary file in
 * {@code dir} and renamed into place, so a reader never sees half a report.
 */
public final class Report {

    private Report() {
    }

    /**
     * Writes {@code dir/report.html} and the SVG charts in {@code dir/charts/}. A section whose
     * statistics cannot be computed (e.g. no Algorithm-2 rows and no grid) is replaced by a
     * sentence saying why.
     *
     * @param rows the study's result table (as from {@code results.csv})
     * @param dir the output folder, created when missing
     * @return the path of report.html
     * @throws IllegalArgumentException when the table has no metric column or no scenario column
     * @throws UncheckedIOException when writing fails
     */
    public static Path write(Table rows, Path dir) {
        Objects.requireNonNull(rows, "rows");
        if (ResultRows.metricColumns(rows).isEmpty()) {
            throw new IllegalArgumentException("table '" + rows.name() + "' has no numeric metric"
                    + " column; columns: " + rows.columnNames());
        }
        Path charts = dir.resolve("charts");
        try {
            Files.createDirectories(charts);
        } catch (IOException e) {
            throw AtomicFiles.failure("cannot create " + charts, e);
        }
        AlgorithmSamples samples = AlgorithmSamples.of(rows);
        MetricChoice choice = new MetricChoice(samples.rows());
        List<String> scenarios = ResultRows.scenarios(rows);
        Html html = new Html(charts);
        html.raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>SeedScope report</title><style>" + Html.CSS + "</style></head><body><main>\n");
        html.tag("h1", "SeedScope report: " + rows.name());
        html.tag("p", rows.rowCount() + " result rows; scenarios " + String.join(", ", scenarios) + "; protocols "
                + String.join(", ", ResultRows.protocols(rows)) + ". Algorithm 1 = one training seed, several"
                + " unlearning seeds; Algorithm 2 = several training seeds, one unlearning seed each; grid = several"
                + " of both.");
        for (String note : samples.notes()) {
            html.tag("p", note + ".");
        }
        contents(html, scenarios);
        headline(html, Headline.of(samples.rows(), choice));
        for (String scenario : scenarios) {
            new ScenarioSection(html, rows, samples.rows(), choice, scenario).write();
        }
        BudgetSection.write(html, rows, choice);
        html.raw("<section id=\"audit\">\n");
        AuditSection.write(html, rows, dir);
        html.raw("</section>\n");
        Provenance.write(html, rows);
        html.raw("</main></body></html>\n");
        return writeAtomically(dir.resolve("report.html"), html.toString());
    }

    /**
     * The plain-language reading of one method in one scenario, e.g. "For ssd, 97 % of the
     * variance in test accuracy comes from the training seed (σ²_train = 0.0012, σ²_unlearn = 0;
     * grid 11 × 3). A study on one training seed would have reported a mean anywhere from 0.66 to
     * 0.78, depending on the seed it drew (mean over 11 training seeds: 0.72). ssd is deterministic
     * (declared by the method, and its runs on one trained model were identical), so repeating it
     * from one trained model adds no information: only more training seeds narrow its estimate."
     * Numbers by {@link Numbers}; two different values are printed with enough figures to differ; a
     * metric at its floor or ceiling is said to be so and nothing is read from it. The split comes
     * from the full grid, else from Algorithm 1 (σ²_unlearn) with Algorithm 2 (total); the lottery
     * from the grid, else from Algorithm 2.
     *
     * @param rows the result table
     * @param metric the metric column
     * @param scenario the scenario
     * @param method the method
     * @return the paragraph
     * @throws IllegalArgumentException as {@link SeedVariance#of(Table, String)}
     */
    public static String reading(Table rows, String metric, String scenario, String method) {
        return Readings.reading(rows, SeedVariance.of(rows, metric), metric, scenario, method);
    }

    private static void contents(Html html, List<String> scenarios) {
        StringBuilder sb = new StringBuilder("<nav><ul class=\"contents\"><li><a href=\"#headline\">Headline</a></li>");
        for (String s : scenarios) {
            sb.append("<li><a href=\"#").append(Html.slug("scenario-" + s)).append("\">Scenario ")
                    .append(Html.escape(s)).append("</a></li>");
        }
        sb.append("<li><a href=\"#budget\">Seed budget</a></li><li><a href=\"#audit\">Privacy audit</a></li>"
                + "<li><a href=\"#provenance\">Provenance</a></li>"
                + "</ul></nav>\n");
        html.raw(sb.toString());
    }

    private static void headline(Html html, Headline headline) {
        html.raw("<section id=\"headline\" class=\"headline\">\n");
        html.tag("h2", "Headline: one training seed vs many");
        html.tag("p", headline.explanation());
        String scenario = null;
        for (Headline.Line line : headline.lines()) {
            if (!line.scenario().equals(scenario)) {
                html.raw(scenario == null ? "" : "</ul>\n");
                scenario = line.scenario();
                html.tag("h3", scenario);
                html.raw("<ul>\n");
            }
            html.tag("li", line.text());
        }
        if (scenario != null) {
            html.raw("</ul>\n");
        }
        if (!headline.missing().isEmpty()) {
            html.tag("p", "No headline for " + String.join(", ", headline.missing()) + ": they lack an"
                    + " Algorithm-1 sample or several training seeds.");
        }
        html.raw("</section>\n");
    }

    private static Path writeAtomically(Path file, String text) {
        AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
        return file;
    }
}
