package org.seedscope.report;

import org.seedscope.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import org.seedscope.format.Numbers;
import org.seedscope.stats.Budget;
import org.seedscope.stats.SeedLottery;
import org.seedscope.stats.SeedVariance;
import org.seedscope.stats.Slice;
import org.seedscope.stats.Wasserstein;
import org.seedscope.viz.Charts;
import org.seedscope.viz.ResultRows;
import tech.tablesaw.api.Table;

/**
 * A self-contained HTML report of a study's result table: per scenario the Figure-1 box plots
 * (forget accuracy, test accuracy, MIA), the W2 distances between Algorithm 1 and Algorithm 2,
 * the variance components, the single-seed lottery and a plain-language reading per method,
 * then a seed-budget section (Var(Z̄) for a few designs, the cost-optimal J*, an MDD heat map).
 *
 * <p>Variance split used by the readings and the budget: the full grid's components when the
 * table has "grid" rows; otherwise σ²_unlearn from Algorithm 1 (one training seed, J ≥ 2 runs)
 * and the total σ²_train + σ²_unlearn from Algorithm 2 (I ≥ 2 seeds, one run each), giving
 * σ²_train = max(0, total − σ²_unlearn) — a moment estimate that assumes Algorithm 1's training
 * seed is typical. Costs: c_T = mean {@code retrain_runtime_s} of the scenario (the cost of
 * training one model), c_U = mean {@code runtime_s} of the method. The MDD heat map uses the
 * components of the most variable non-Retrain method (largest σ²_train + σ²_unlearn).
 *
 * <p>Charts are embedded in the HTML as base64 PNG data URIs and also written as SVG files to
 * {@code dir/charts/}. All text taken from the table is HTML-escaped. The HTML is written to a
 * temporary file in {@code dir} and renamed into place, so a reader never sees half a report.
 */
public final class Report {

    /** The metrics drawn as Figure-1 box plots, when the table has them. */
    public static final List<String> FIGURE_METRICS = List.of("forget_acc", "test_acc", "mia");
    /** The metric of the W2, variance, lottery, reading and budget sections. */
    public static final String MAIN_METRIC = "forget_acc";
    /** Designs (I, J) whose Var(Z̄) the budget section tabulates. */
    static final int[][] DESIGNS = {{1, 11}, {3, 3}, {5, 5}, {11, 1}, {11, 11}};
    /** I values of the MDD heat map. */
    static final int[] MDD_IS = {1, 3, 5, 11, 25, 75};
    /** J values of the MDD heat map. */
    static final int[] MDD_JS = {1, 3, 5, 11};

    private Report() {
    }

    /**
     * Writes {@code dir/report.html} and the SVG charts in {@code dir/charts/}. The W2, variance,
     * lottery and reading sections use {@value #MAIN_METRIC}, or the first metric column when
     * the table lacks it. A section whose statistics cannot be computed (e.g. no Algorithm-2 rows)
     * is replaced by a sentence saying why.
     *
     * @param rows the study's result table (as from {@code results.csv})
     * @param dir the output folder, created when missing
     * @return the path of report.html
     * @throws IllegalArgumentException when the table has no metric column or no scenario column
     * @throws UncheckedIOException when writing fails
     */
    public static Path write(Table rows, Path dir) {
        Objects.requireNonNull(rows, "rows");
        List<String> metrics = ResultRows.metricColumns(rows);
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("table '" + rows.name() + "' has no numeric metric"
                    + " column; columns: " + rows.columnNames());
        }
        String metric = metrics.contains(MAIN_METRIC) ? MAIN_METRIC : metrics.get(0);
        Path charts = dir.resolve("charts");
        try {
            Files.createDirectories(charts);
        } catch (IOException e) {
            throw AtomicFiles.failure("cannot create " + charts, e);
        }
        Html html = new Html(charts);
        html.raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>SeedScope report</title><style>" + Html.CSS + "</style></head><body>\n");
        html.tag("h1", "SeedScope report: " + rows.name());
        html.tag("p", rows.rowCount() + " result rows; scenarios " + ResultRows.scenarios(rows)
                + "; protocols " + ResultRows.protocols(rows) + ". Algorithm 1 = one training"
                + " seed, several unlearning seeds; Algorithm 2 = several training seeds, one"
                + " unlearning seed each. Boxes: quartiles, median, whiskers to min and max;"
                + " dashed lines: Retrain's 25/50/75 % quantiles.");
        SeedVariance sv = SeedVariance.of(rows, metric);
        for (String scenario : ResultRows.scenarios(rows)) {
            scenario(html, rows, metric, sv, scenario);
        }
        budget(html, rows, metric, sv);
        html.raw("</body></html>\n");
        return writeAtomically(dir.resolve("report.html"), html.toString());
    }

    /**
     * The plain-language reading of one method in one scenario, e.g. "For ssd, 97 % of the
     * variance in forget accuracy comes from the training seed; one training seed would have
     * reported anything between 0.12 and 0.58 (mean over 11 training seeds: 0.31). Across
     * unlearning seeds it shows zero spread: on this metric it behaves deterministically, so
     * repeating it from one trained model adds no information." Numbers are printed by
     * {@link Numbers#estimate(double)} (three significant figures). The variance split comes from the full grid, else from
     * Algorithm 1 (σ²_unlearn) together with Algorithm 2 (total); the lottery from the grid, else
     * from Algorithm 2. Missing estimates are said in words.
     *
     * @param rows the result table
     * @param metric the metric column
     * @param scenario the scenario
     * @param method the method
     * @return the paragraph
     * @throws IllegalArgumentException as {@link SeedVariance#of(Table, String)}
     */
    public static String reading(Table rows, String metric, String scenario, String method) {
        return reading(rows, metric, SeedVariance.of(rows, metric), scenario, method);
    }

    static String reading(Table rows, String metric, SeedVariance sv, String scenario,
            String method) {
        SeedEstimate est = SeedEstimate.of(sv, scenario, method);
        String name = metricName(metric);
        StringBuilder sb = new StringBuilder("For ").append(method).append(", ");
        OptionalDouble share = est.shareTrain();
        if (share.isPresent()) {
            sb.append(String.format(Locale.ROOT, "%.0f %% of the variance in %s comes from the"
                    + " training seed", 100 * share.getAsDouble(), name));
            if (!est.source().equals("full grid")) {
                sb.append(" (estimated from ").append(est.source()).append(")");
            }
        } else if (est.total().isPresent() && est.total().getAsDouble() == 0) {
            sb.append(name).append(" did not vary at all across the seeds analysed");
        } else {
            sb.append("the split of the variance in ").append(name).append(" between training"
                    + " and unlearning seed cannot be estimated from this design (")
                    .append(est.source().equals("none") ? "no usable rows"
                            : "only " + est.source().replace(" only", ""))
                    .append(")");
        }
        SeedLottery lottery = lottery(rows, metric, scenario, method);
        if (lottery == null) {
            sb.append(". No design with several training seeds was run, so the spread a"
                    + " single-seed study hides is unknown.");
        } else if (lottery.trainSeeds().length == 1) {
            sb.append("; only one training seed was run, so the spread a single-seed study hides"
                    + " is unknown.");
        } else {
            sb.append(String.format(Locale.ROOT, "; one training seed would have reported"
                    + " anything between %s and %s (mean over %d training seeds: %s).",
                    Numbers.estimate(lottery.min()), Numbers.estimate(lottery.max()), lottery.trainSeeds().length,
                    Numbers.estimate(lottery.grandMean())));
        }
        if (est.deterministic()) {
            sb.append(" Across unlearning seeds it shows zero spread: on this metric it behaves"
                    + " deterministically, so repeating it from one trained model adds no"
                    + " information.");
        } else if (est.sigma2Unlearn().isPresent()) {
            sb.append(" Across unlearning seeds of one trained model its standard deviation is ")
                    .append(Numbers.estimate(Math.sqrt(est.sigma2Unlearn().getAsDouble()))).append('.');
        }
        return sb.toString();
    }

    /** The lottery of the grid slice, else of the Algorithm-2 slice; null when neither exists. */
    private static SeedLottery lottery(Table rows, String metric, String scenario,
            String method) {
        Map<Slice, SeedLottery> all = SeedLottery.bySlice(rows, metric);
        SeedLottery grid = all.get(new Slice(scenario, method, ResultRows.GRID));
        return grid != null ? grid : all.get(new Slice(scenario, method, ResultRows.MANY_SEEDS));
    }

    private static void scenario(Html html, Table rows, String metric, SeedVariance sv,
            String scenario) {
        html.tag("h2", "Scenario " + scenario);
        html.tag("h3", "One training seed vs many (Figure 1)");
        for (String m : FIGURE_METRICS) {
            if (ResultRows.metricColumns(rows).contains(m)) {
                html.chart(() -> Charts.oneSeedVsMany(rows, m, scenario), scenario + "-" + m
                        + "-boxes");
            }
        }
        html.tag("h3", "Distance between the two protocols (W2, " + metricName(metric) + ")");
        Table w = Wasserstein.compareProtocols(rows, metric, ResultRows.ONE_SEED,
                ResultRows.MANY_SEEDS, Charts.W2_RESAMPLES, Charts.W2_LEVEL, Charts.W2_SEED);
        w = w.where(w.stringColumn("scenario").isEqualTo(scenario));
        if (w.rowCount() == 0) {
            html.tag("p", "No method has rows under both Algorithm 1 and Algorithm 2 here.");
        } else {
            html.table(w, List.of("method", "n_a", "n_b", "mean_a", "mean_b", "w1", "w2",
                    "w2_lo", "w2_hi"), List.of("method", "runs Alg. 1", "runs Alg. 2",
                    "mean Alg. 1", "mean Alg. 2", "W1", "W2", "W2 95 % low", "W2 95 % high"));
            html.chart(() -> Charts.wassersteinByMethod(rows, metric, scenario), scenario + "-"
                    + metric + "-w2");
        }
        html.tag("h3", "Variance components (" + metricName(metric) + ")");
        Table vt = sv.table();
        vt = vt.where(vt.stringColumn("scenario").isEqualTo(scenario));
        html.table(vt, List.of("method", "protocol", "training_seeds", "runs", "mean",
                "sigma2_train", "sigma2_unlearn", "share_train", "icc_lo", "icc_hi",
                "deterministic", "notes"), List.of("method", "protocol", "I", "runs", "mean",
                "σ²_train", "σ²_unlearn", "share train", "ICC 95 % low", "ICC 95 % high",
                "deterministic", "notes"));
        for (String protocol : ResultRows.protocols(rows)) {
            if (vt.where(vt.stringColumn("protocol").isEqualTo(protocol)).rowCount() > 0) {
                html.chart(() -> Charts.varianceComponents(rows, metric, scenario, protocol),
                        scenario + "-" + metric + "-variance-" + protocol);
            }
        }
        String lotteryProtocol = ResultRows.protocols(rows).contains(ResultRows.GRID)
                ? ResultRows.GRID : ResultRows.MANY_SEEDS;
        html.tag("h3", "The single-seed lottery (" + metricName(metric) + ")");
        Table lt = SeedLottery.summary(rows, metric);
        lt = lt.where(lt.stringColumn("scenario").isEqualTo(scenario)
                .and(lt.stringColumn("protocol").isEqualTo(lotteryProtocol)));
        if (lt.rowCount() == 0) {
            html.tag("p", "No " + lotteryProtocol + " rows: the lottery needs several training"
                    + " seeds.");
        } else {
            html.table(lt, List.of("method", "training_seeds", "grand_mean", "min", "max",
                    "range", "min_seed", "max_seed"), List.of("method", "training seeds",
                    "grand mean", "worst seed's mean", "best seed's mean", "range", "seed of min",
                    "seed of max"));
            html.chart(() -> Charts.seedLottery(rows, metric, scenario, lotteryProtocol),
                    scenario + "-" + metric + "-lottery");
        }
        html.tag("h3", "Reading");
        for (String method : ResultRows.methods(rows, scenario)) {
            html.tag("p", reading(rows, metric, sv, scenario, method));
        }
    }

    private static void budget(Html html, Table rows, String metric, SeedVariance sv) {
        html.tag("h2", "Seed budget (" + metricName(metric) + ")");
        html.tag("p", "Var(Z̄) = σ²_train / I + σ²_unlearn / (I·J) for I training seeds and J"
                + " unlearning seeds each; σ²_train / I is a floor no number of unlearning seeds"
                + " removes. Costs: c_T = mean Retrain runtime (the cost of training one model),"
                + " c_U = mean runtime of the method; J* = sqrt((σ²_unlearn/σ²_train)(c_T/c_U)).");
        List<String> head = new ArrayList<>(List.of("scenario", "method", "source", "σ²_train",
                "σ²_unlearn", "c_T (s)", "c_U (s)"));
        for (int[] d : DESIGNS) {
            head.add("Var(Z̄) I=" + d[0] + ", J=" + d[1]);
        }
        head.add("J*");
        List<List<String>> body = new ArrayList<>();
        double[] example = null;
        String exampleLabel = null;
        double exampleTotal = 0;
        boolean costs = rows.containsColumn("runtime_s") && rows.containsColumn("retrain_runtime_s");
        for (String scenario : ResultRows.scenarios(rows)) {
            double ct = costs ? ResultRows.mean(ResultRows.values(rows, "retrain_runtime_s",
                    scenario, null, null)) : Double.NaN;
            for (String method : ResultRows.methods(rows, scenario)) {
                SeedEstimate e = SeedEstimate.of(sv, scenario, method);
                if (e.sigma2Train().isEmpty() || e.sigma2Unlearn().isEmpty()) {
                    continue;
                }
                double s2t = e.sigma2Train().getAsDouble();
                double s2u = e.sigma2Unlearn().getAsDouble();
                double cu = costs ? ResultRows.mean(ResultRows.values(rows, "runtime_s", scenario,
                        method, null)) : Double.NaN;
                List<String> row = new ArrayList<>(List.of(scenario, method, e.source(), Numbers.estimate(s2t),
                        Numbers.estimate(s2u), Numbers.estimate(ct), Numbers.estimate(cu)));
                for (int[] d : DESIGNS) {
                    row.add(Numbers.estimate(Budget.varianceOfMean(s2t, s2u, d[0], d[1])));
                }
                row.add(optimalJ(s2t, s2u, ct, cu));
                body.add(row);
                if (!method.equalsIgnoreCase(ResultRows.RETRAIN) && s2t + s2u > exampleTotal) {
                    exampleTotal = s2t + s2u;
                    example = new double[] {s2t, s2u};
                    exampleLabel = method + " (" + scenario + ")";
                }
            }
        }
        if (body.isEmpty()) {
            html.tag("p", "No method has both variance components estimated (this needs a full"
                    + " grid, or Algorithm 1 with J ≥ 2 together with Algorithm 2 with I ≥ 2).");
            return;
        }
        html.rows(head, body);
        if (example != null) {
            html.tag("p", "Minimum detectable difference between two methods that share the"
                    + " variance components of " + exampleLabel + ", the most variable method" + " (two-sided α = 0.05, power"
                    + " 0.8, independent runs): the smallest true difference in "
                    + metricName(metric) + " a study of I x J runs per method would detect.");
            double[] ex = example;
            html.chart(() -> Charts.mddHeatmap(ex[0], ex[1], MDD_IS, MDD_JS, 0.05, 0.8),
                    "mdd-" + exampleLabel);
        }
    }

    private static String optimalJ(double s2t, double s2u, double ct, double cu) {
        if (!(ct > 0) || !(cu > 0)) {
            return "n/a (no costs)";
        }
        if (s2u == 0) {
            return "1 (deterministic)";
        }
        if (s2t == 0) {
            return "unbounded (σ²_train = 0)";
        }
        return Integer.toString(Budget.optimalJ(s2t, s2u, ct, cu));
    }

    private static Path writeAtomically(Path file, String text) {
        AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
        return file;
    }

    private static String metricName(String metric) {
        return Charts.label(metric);
    }

}
