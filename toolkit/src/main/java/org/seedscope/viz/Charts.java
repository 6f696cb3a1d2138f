package org.seedscope.viz;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.seedscope.audit.Audit;
import org.seedscope.audit.MethodAudit;
import tech.tablesaw.api.Table;

/**
 * One entry point to SeedScope's figures for notebooks, the report and the command line; each
 * method delegates to the class that draws that figure (where its series are documented) and
 * returns the XChart object, so a notebook can render it and a test can read its series. All
 * charts share the {@link Theme}. Only rows with status "ok" are drawn.
 */
public final class Charts {

    /** Default chart width in pixels ({@link Theme#WIDTH}). */
    public static final int WIDTH = Theme.WIDTH;
    /** Default chart height in pixels ({@link Theme#HEIGHT}). */
    public static final int HEIGHT = Theme.HEIGHT;
    /** Bootstrap replicates of the W2 intervals ({@link WassersteinChart#RESAMPLES}). */
    public static final int W2_RESAMPLES = WassersteinChart.RESAMPLES;
    /** Seed of the W2 bootstrap ({@link WassersteinChart#SEED}). */
    public static final long W2_SEED = WassersteinChart.SEED;
    /** Confidence level of the W2 intervals ({@link WassersteinChart#LEVEL}). */
    public static final double W2_LEVEL = WassersteinChart.LEVEL;

    private Charts() {
    }

    /**
     * Figure 1: Algorithm-1 vs Algorithm-2 boxes per method over Retrain's quantile lines and
     * 25–75 % band ({@link OneSeedVsManyChart}).
     *
     * @param rows the result table
     * @param metric a numeric metric column, e.g. "forget_acc"
     * @param scenario the scenario, e.g. "sub:Shirt"
     * @return the chart
     * @throws IllegalArgumentException as {@link OneSeedVsManyChart#of}
     */
    public static XYChart oneSeedVsMany(Table rows, String metric, String scenario) {
        return OneSeedVsManyChart.of(rows, metric, scenario);
    }

    /**
     * Figure 2: W2 distance between the two protocols per method with bootstrap intervals
     * ({@link WassersteinChart}).
     *
     * @param rows the result table
     * @param metric a numeric metric column
     * @param scenario the scenario
     * @return the chart
     * @throws IllegalArgumentException as {@link WassersteinChart#of(Table, String, String)}
     */
    public static CategoryChart wassersteinByMethod(Table rows, String metric, String scenario) {
        return WassersteinChart.of(rows, metric, scenario);
    }

    /**
     * Figure 2 with a noise floor per method ({@link WassersteinChart}).
     *
     * @param rows the result table
     * @param metric a numeric metric column
     * @param scenario the scenario
     * @param noiseFloor per method its noise floor (finite, ≥ 0); methods left out get none
     * @return the chart
     * @throws IllegalArgumentException as {@link WassersteinChart#of(Table, String, String, Map)}
     */
    public static CategoryChart wassersteinByMethod(Table rows, String metric, String scenario,
            Map<String, Double> noiseFloor) {
        return WassersteinChart.of(rows, metric, scenario, noiseFloor);
    }

    /**
     * Stacked variance components of one protocol's slices ({@link VarianceChart}).
     *
     * @param rows the result table
     * @param metric a numeric metric column
     * @param scenario the scenario
     * @param protocol the protocol whose slices are analysed
     * @return the chart
     * @throws IllegalArgumentException as {@link VarianceChart#of}
     */
    public static CategoryChart varianceComponents(Table rows, String metric, String scenario,
            String protocol) {
        return VarianceChart.of(rows, metric, scenario, protocol);
    }

    /**
     * The single-seed lottery: per-training-seed means and the grand mean ({@link LotteryChart}).
     *
     * @param rows the result table
     * @param metric a numeric metric column
     * @param scenario the scenario
     * @param protocol the protocol, usually "grid" or "many-training-seeds"
     * @return the chart
     * @throws IllegalArgumentException as {@link LotteryChart#of}
     */
    public static XYChart seedLottery(Table rows, String metric, String scenario,
            String protocol) {
        return LotteryChart.of(rows, metric, scenario, protocol);
    }

    /**
     * Heat map of the minimum detectable difference over (I, J) designs ({@link MddChart}).
     *
     * @param s2T σ²_train ≥ 0
     * @param s2U σ²_unlearn ≥ 0
     * @param Is the I values, each ≥ 1, at least one
     * @param Js the J values, each ≥ 1, at least one
     * @param alpha the two-sided significance level in (0, 1)
     * @param power the power in (0, 1)
     * @return the chart
     * @throws IllegalArgumentException as {@link MddChart#of}
     */
    public static HeatMapChart mddHeatmap(double s2T, double s2U, int[] Is, int[] Js,
            double alpha, double power) {
        return MddChart.of(s2T, s2U, Is, Js, alpha, power);
    }

    /**
     * The privacy audit's U-LiRA ROC per method on log–log axes, with Retrain vs Retrain as the
     * floor and the original as reference ({@link AuditRocChart}).
     *
     * @param audit a study's audit ({@link Audit#of(Path)})
     * @param scenario the scenario
     * @return the chart
     * @throws IllegalArgumentException as {@link AuditRocChart#of(Audit, String)}
     */
    public static XYChart auditRoc(Audit audit, String scenario) {
        return AuditRocChart.of(audit, scenario);
    }

    /**
     * Histogram of the competition's per-example ε per method beside the floor's
     * ({@link EpsilonHistogramChart}).
     *
     * @param audit a study's audit
     * @param scenario the scenario
     * @return the chart
     * @throws IllegalArgumentException as {@link EpsilonHistogramChart#of(Audit, String)}
     */
    public static CategoryChart epsilonHistogram(Audit audit, String scenario) {
        return EpsilonHistogramChart.of(audit, scenario);
    }

    /**
     * The audit per training seed and pooled, per method, over the floor's range
     * ({@link AuditSpreadChart}).
     *
     * @param audit a study's audit
     * @param scenario the scenario
     * @param statistic the audit number, e.g. {@link AuditSpreadChart.Statistic#AUC}
     * @return the chart
     * @throws IllegalArgumentException as {@link AuditSpreadChart#of(Audit, String, AuditSpreadChart.Statistic)}
     */
    public static XYChart auditSpread(Audit audit, String scenario, AuditSpreadChart.Statistic statistic) {
        return AuditSpreadChart.of(audit, scenario, statistic);
    }

    /**
     * The name the audit charts give an audited method: "Retrain vs Retrain (floor)" for
     * {@link Audit#FLOOR}, "original (no unlearning)" for {@link Audit#ORIGINAL}, else its name.
     *
     * @param audit one method's audit
     * @return the label
     */
    public static String auditLabel(MethodAudit audit) {
        return AuditSlice.label(audit);
    }

    /**
     * Encodes a chart as PNG ({@link Theme#png}).
     *
     * @param chart the chart
     * @return the PNG bytes
     * @throws UncheckedIOException when encoding fails
     */
    public static byte[] png(Chart<?, ?> chart) {
        return Theme.png(chart);
    }

    /**
     * Encodes a chart as SVG ({@link Theme#svg}).
     *
     * @param chart the chart
     * @return the SVG document
     * @throws UncheckedIOException when encoding fails
     */
    public static String svg(Chart<?, ?> chart) {
        return Theme.svg(chart);
    }

    /**
     * Writes a chart as ".png" or ".svg" by the file's extension ({@link Theme#save}).
     *
     * @param chart the chart
     * @param file the destination
     * @throws IllegalArgumentException for any other extension
     * @throws UncheckedIOException when writing fails
     */
    public static void save(Chart<?, ?> chart, Path file) {
        Theme.save(chart, file);
    }

    /**
     * The readable name the charts use for a metric column, e.g. "forget accuracy" for
     * "forget_acc", "MIA (entropy attack)" for "mia"; unknown columns keep their name.
     *
     * @param metric a metric column name
     * @return the label
     */
    public static String label(String metric) {
        return Labels.name(metric);
    }
}
