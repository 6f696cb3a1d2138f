package org.seedscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.seedscope.format.Numbers;
import org.seedscope.report.TextTable;
import org.seedscope.stats.GridModel;
import org.seedscope.stats.SeedLottery;
import org.seedscope.stats.SeedVariance;
import org.seedscope.stats.Wasserstein;
import org.seedscope.viz.AlgorithmSamples;
import org.seedscope.viz.Charts;
import org.seedscope.viz.ResultRows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Prints the seed statistics of a finished (or partial) study: variance components with the
 * total and the mean's interval, Algorithm 1 vs 2 W2 distances with their noise floor and
 * permutation p-value, the single-seed lottery, optionally REML, and the grid's mixed model when
 * the study has a full grid.
 */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Print variance components (with the total and the mean's t interval), Algorithm 1 vs 2 W2"
                + " distances with noise floor and permutation p-value, the single-seed lottery and, for grids,"
                + " the mixed model of methods on shared training seeds, from DIR/results.csv.")
final class StatsCommand implements Callable<Integer> {
    private static final String[] VARIANCE_COLUMNS = {"scenario", "method", "protocol", "training_seeds",
        "runs", "mean", "mean_lo", "mean_hi", "sigma2_train", "sigma2_train_lo", "sigma2_train_hi",
        "sigma2_unlearn", "total", "total_lo", "total_hi", "icc", "icc_lo", "icc_hi", "deterministic",
        "constancy"};
    private static final String[] W2_COLUMNS = {"scenario", "method", "n_a", "n_b", "mean_a", "mean_b",
        "w2", "w2_lo", "w2_hi", "w2_floor50", "w2_floor95", "w2_p", "w1", "w1_p"};

    @Parameters(index = "0", paramLabel = "DIR", description = "Study output folder holding results.csv.")
    Path dir;

    /** The metric when {@code --metric} is not given and the study recorded it. */
    static final String DEFAULT_METRIC = "forget_acc";

    @Option(names = "--metric", description = "Metric column (default: " + DEFAULT_METRIC
            + ", or the study's first metric column when it did not record " + DEFAULT_METRIC + ").")
    String metricOption;

    @Option(names = "--json", description = "Print one JSON object instead of text tables.")
    boolean json;

    @Option(names = "--reml", description = "Also print REML variance components with profile-likelihood intervals.")
    boolean reml;

    @Spec
    CommandSpec spec;

    /**
     * @param recorded the study's metric columns
     * @return {@value #DEFAULT_METRIC} when the study recorded it (or recorded none, so the error
     *     names it), else its first metric column
     */
    static String defaultMetric(List<String> recorded) {
        return recorded.contains(DEFAULT_METRIC) || recorded.isEmpty() ? DEFAULT_METRIC : recorded.get(0);
    }

    @Override
    public Integer call() {
        Table rows = ResultsDir.load(dir);
        String metric = metricOption != null ? metricOption : defaultMetric(ResultRows.metricColumns(rows));
        ResultRows.requireMetric(rows, metric);
        SeedVariance sv = SeedVariance.of(rows, metric);
        Table variance = sv.table();
        AlgorithmSamples samples = AlgorithmSamples.of(rows);
        Table w2 = Wasserstein.compareProtocols(samples.rows(), metric, ResultRows.ONE_SEED, ResultRows.MANY_SEEDS,
                Charts.W2_RESAMPLES, Charts.W2_LEVEL, Charts.W2_SEED);
        Table w2Grid = Wasserstein.compareWithinGrid(rows, metric, ResultRows.GRID, Charts.W2_RESAMPLES,
                Charts.W2_LEVEL, Charts.W2_SEED);
        Table lottery = SeedLottery.summary(rows, metric);
        List<GridFit> grids = gridModels(rows, metric, sv);
        var out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("results", dir.resolve("results.csv").toString());
            doc.put("metric", metric);
            doc.put("variance_components", records(variance));
            if (reml) {
                doc.put("reml", records(sv.remlTable()));
            }
            doc.put("wasserstein", records(w2));
            doc.put("algorithm_samples", samples.notes());
            doc.put("wasserstein_within_grid", records(w2Grid));
            doc.put("lottery", records(lottery));
            doc.put("grid_model", grids.stream().map(GridFit::json).toList());
            try {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UncheckedIOException("cannot write JSON", e);
            }
        } else {
            out.println("Variance components of " + metric + " (" + dir.resolve("results.csv") + "); mean_lo/hi: t"
                    + " on training-seed means; total: variance of one run (on Algorithm-2 slices the spread across"
                    + " training seeds); deterministic: declared by the method; constancy: floor/ceiling when the"
                    + " metric sits at its bound");
            out.println(TextTable.of(variance.selectColumns(VARIANCE_COLUMNS)));
            notes(out, variance, true);
            if (reml) {
                out.println();
                out.println("REML variance components, profile-likelihood intervals");
                out.println(TextTable.of(sv.remlTable().removeColumns("notes")));
            }
            out.println();
            out.println("W2 distance, Algorithm 1 (one-training-seed) vs Algorithm 2 (many-training-seeds), "
                    + Math.round(100 * Charts.W2_LEVEL) + " % bias-corrected bootstrap interval; noise floor ="
                    + " median / 95 % quantile of W2 under the permutation null; w2_p: permutation p-value");
            samples.notes().forEach(n -> out.print(TextTable.wrap("  " + n, TextTable.WIDTH, "    ")));
            out.println(w2.rowCount() == 0 ? "(no method has rows under both protocols)"
                    : TextTable.of(w2.selectColumns(W2_COLUMNS)));
            notes(out, w2, false);
            if (w2Grid.rowCount() > 0) {
                out.println();
                out.println("W2 within the grid: the first training seed's runs vs the first run of every training seed");
                out.println(TextTable.of(w2Grid.selectColumns(W2_COLUMNS)));
            }
            out.println();
            out.println("Single-seed lottery: per-training-seed means");
            out.println(TextTable.of(lottery.removeColumns("notes")));
            printGrids(out, grids);
        }
        out.flush();
        return 0;
    }

    /** A scenario's grid model, or why it cannot be fitted. */
    private record GridFit(String scenario, GridModel model, String notEstimable) {
        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scenario", scenario);
            if (model == null) {
                m.put("not_estimable", notEstimable);
                return m;
            }
            m.put("sigma2_seed", model.sigma2Seed());
            m.put("sigma2_seed_method", model.sigma2SeedMethod());
            m.put("sigma2_residual", model.sigma2Residual());
            m.put("reml_criterion", model.remlCriterion());
            m.put("difference_df", model.differenceDf());
            m.put("effects", records(model.effectsTable()));
            m.put("differences", records(model.differencesTable()));
            m.put("notes", model.notes());
            return m;
        }
    }

    /** Every scenario with grid rows, fitted. */
    private static List<GridFit> gridModels(Table rows, String metric, SeedVariance sv) {
        Set<String> scenarios = new LinkedHashSet<>();
        sv.entries().stream().filter(e -> e.slice().protocol().equals(ResultRows.GRID))
                .forEach(e -> scenarios.add(e.slice().scenario()));
        List<GridFit> out = new ArrayList<>();
        for (String scenario : scenarios) {
            try {
                out.add(new GridFit(scenario, GridModel.of(rows, metric, scenario), null));
            } catch (IllegalArgumentException e) {
                out.add(new GridFit(scenario, null, e.getMessage()));
            }
        }
        return out;
    }

    private static void printGrids(PrintWriter out, List<GridFit> grids) {
        for (GridFit fit : grids) {
            out.println();
            out.println("Grid model of " + fit.scenario() + ": y ~ method + (1|training seed)"
                    + " + (1|training seed:method), REML");
            if (fit.model() == null) {
                out.println("  not estimable: " + fit.notEstimable());
                continue;
            }
            GridModel g = fit.model();
            out.println("  sigma2_seed = " + Numbers.format(g.sigma2Seed()) + ", sigma2_seed:method = "
                    + Numbers.format(g.sigma2SeedMethod()) + ", sigma2_residual = " + Numbers.format(g.sigma2Residual())
                    + "; per-method sigma2_train / sigma2_unlearn below are each method's own REML fit");
            out.println(TextTable.of(g.effectsTable()));
            out.println(TextTable.of(g.differencesTable()));
            for (String note : g.notes()) {
                out.println("  note: " + TextTable.numbersIn(note));
            }
        }
    }

    /** Prints each distinct note of the table once, with the slices it concerns. */
    private static void notes(PrintWriter out, Table t, boolean withProtocol) {
        Map<String, List<String>> bySlice = new LinkedHashMap<>();
        for (int r = 0; r < t.rowCount(); r++) {
            String slice = t.stringColumn("scenario").get(r) + " / " + t.stringColumn("method").get(r)
                    + (withProtocol ? " / " + t.stringColumn("protocol").get(r) : "");
            for (String n : t.stringColumn("notes").get(r).split("; ")) {
                if (!n.isEmpty()) {
                    bySlice.computeIfAbsent(n, k -> new ArrayList<>()).add(slice);
                }
            }
        }
        bySlice.forEach((note, slices) -> out.println("  note: " + TextTable.numbersIn(note) + " ["
                + String.join(", ", slices.subList(0, Math.min(3, slices.size())))
                + (slices.size() > 3 ? " and " + (slices.size() - 3) + " more" : "") + "]"));
    }

    /** One map per row; missing cells become null. */
    private static List<Map<String, Object>> records(Table t) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (Column<?> c : t.columns()) {
                row.put(c.name(), c.isMissing(r) ? null : c.get(r));
            }
            out.add(row);
        }
        return out;
    }
}
