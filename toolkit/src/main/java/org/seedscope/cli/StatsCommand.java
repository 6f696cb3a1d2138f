package org.seedscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.seedscope.stats.SeedLottery;
import org.seedscope.stats.SeedVariance;
import org.seedscope.stats.Wasserstein;
import org.seedscope.viz.Charts;
import org.seedscope.viz.ResultRows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Prints the seed statistics of a finished (or partial) study. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Print variance components, Algorithm 1 vs 2 W2 distances and the single-seed lottery of DIR/results.csv.")
final class StatsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "Study output folder holding results.csv.")
    Path dir;

    @Option(names = "--metric", defaultValue = "forget_acc", description = "Metric column (default: ${DEFAULT-VALUE}).")
    String metric;

    @Option(names = "--json", description = "Print one JSON object instead of text tables.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Table rows = ResultsDir.load(dir);
        ResultRows.requireMetric(rows, metric);
        Table variance = SeedVariance.of(rows, metric).table();
        Table w2 = Wasserstein.compareProtocols(rows, metric, ResultRows.ONE_SEED, ResultRows.MANY_SEEDS,
                Charts.W2_RESAMPLES, Charts.W2_LEVEL, Charts.W2_SEED);
        Table lottery = SeedLottery.summary(rows, metric);
        var out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("results", dir.resolve("results.csv").toString());
            doc.put("metric", metric);
            doc.put("variance_components", records(variance));
            doc.put("wasserstein", records(w2));
            doc.put("lottery", records(lottery));
            try {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UncheckedIOException("cannot write JSON", e);
            }
        } else {
            out.println("Variance components of " + metric + " (" + dir.resolve("results.csv") + ")");
            out.println(rounded(variance.selectColumns("scenario", "method", "protocol", "training_seeds", "runs", "mean",
                    "sigma2_train", "sigma2_unlearn", "share_train", "icc_lo", "icc_hi", "deterministic")).printAll());
            out.println();
            out.println("W2 distance, Algorithm 1 (one-training-seed) vs Algorithm 2 (many-training-seeds), "
                    + Math.round(100 * Charts.W2_LEVEL) + " % bootstrap interval");
            out.println(w2.rowCount() == 0 ? "(no method has rows under both protocols)" : rounded(w2).printAll());
            out.println();
            out.println("Single-seed lottery: per-training-seed means");
            out.println(rounded(lottery).printAll());
        }
        out.flush();
        return 0;
    }

    /** The table with its double columns printed to 4 significant digits (missing: blank). */
    private static Table rounded(Table t) {
        Table copy = t.copy();
        DecimalFormat format = new DecimalFormat("0.####E0", DecimalFormatSymbols.getInstance(Locale.ROOT));
        for (Column<?> c : copy.columns()) {
            if (c instanceof DoubleColumn d) {
                d.setPrintFormatter(new NumberFormat() {
                    @Override
                    public StringBuffer format(double v, StringBuffer sb, java.text.FieldPosition pos) {
                        return sb.append(v == 0 || (Math.abs(v) >= 1e-3 && Math.abs(v) < 1e4)
                                ? String.format(Locale.ROOT, "%.4g", v) : format.format(v));
                    }

                    @Override
                    public StringBuffer format(long v, StringBuffer sb, java.text.FieldPosition pos) {
                        return sb.append(v);
                    }

                    @Override
                    public Number parse(String source, java.text.ParsePosition pos) {
                        throw new UnsupportedOperationException("print-only format");
                    }
                }, "");
            }
        }
        return copy;
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
