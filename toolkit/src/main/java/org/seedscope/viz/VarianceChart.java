package org.seedscope.viz;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.seedscope.stats.SeedVariance;
import org.seedscope.stats.Slice;
import org.seedscope.stats.VarianceComponents;
import tech.tablesaw.api.Table;

/**
 * Stacked bars of the variance components of one protocol's slices (from {@link SeedVariance}):
 * σ²_train (training seed) below σ²_unlearn (unlearning seed), so a bar's height is the total
 * variance of one run. When the design cannot separate the two (Algorithm 2: one run per
 * training seed) the estimable total is drawn as a third series; when a component is not
 * estimable (Algorithm 1: I = 1 leaves σ²_train unknown) it is drawn as 0 and the method's label
 * says "n/e".
 *
 * <p>An XChart {@link CategoryChart}, stacked; series {@value #TRAIN}, {@value #UNLEARN} and
 * (when any method needs it) {@value #TOTAL}, each with one value per method (category = method
 * label).
 */
public final class VarianceChart {

    /** Series name of the training-seed component. */
    public static final String TRAIN = "σ²_train (training seed)";
    /** Series name of the unlearning-seed component. */
    public static final String UNLEARN = "σ²_unlearn (unlearning seed)";
    /** Series name of a total that the design cannot split. */
    public static final String TOTAL = "total, not separable";

    private VarianceChart() {
    }

    /**
     * Draws the figure.
     *
     * @param rows the result table
     * @param metric a numeric metric column
     * @param scenario the scenario
     * @param protocol the protocol whose slices are analysed
     * @return the chart
     * @throws IllegalArgumentException for an unknown metric or when the scenario has no "ok"
     *     rows of that protocol
     */
    public static CategoryChart of(Table rows, String metric, String scenario, String protocol) {
        ResultRows.requireMetric(rows, metric);
        List<String> labels = new ArrayList<>();
        List<Double> train = new ArrayList<>();
        List<Double> unlearn = new ArrayList<>();
        List<Double> total = new ArrayList<>();
        for (SeedVariance.Entry e : SeedVariance.of(rows, metric).entries()) {
            Slice s = e.slice();
            if (!s.scenario().equals(scenario) || !s.protocol().equals(protocol)
                    || e.components().isEmpty()) {
                continue;
            }
            VarianceComponents vc = e.components().get();
            boolean separable = vc.sigma2Train().isPresent() && vc.sigma2Unlearn().isPresent();
            String note = separable ? "" : vc.sigma2Unlearn().isPresent() ? " (σ²_train n/e)"
                    : vc.total().isPresent() ? "" : " (n/e)";
            labels.add(s.method() + note);
            train.add(vc.sigma2Train().orElse(0));
            unlearn.add(vc.sigma2Unlearn().orElse(0));
            total.add(separable ? 0.0 : vc.total().orElse(0));
        }
        if (labels.isEmpty()) {
            throw ResultRows.noRows(rows, metric, scenario, protocol);
        }
        CategoryChart chart = Theme.categoryChart("Variance of " + Labels.name(metric)
                + " by seed source, " + scenario + " (" + Labels.protocol(protocol) + ")",
                "method", "variance of one run (" + squared(Labels.unit(metric)) + ")", labels);
        chart.getStyler().setStacked(true);
        chart.getStyler().setSeriesColors(new Color[] {Theme.ALGORITHM_1, Theme.ALGORITHM_2,
            Theme.REFERENCE});
        chart.addSeries(TRAIN, labels, train);
        chart.addSeries(UNLEARN, labels, unlearn);
        if (total.stream().anyMatch(t -> t > 0)) {
            chart.addSeries(TOTAL, labels, total);
        }
        return chart;
    }

    private static String squared(String unit) {
        return unit.equals("fraction, 0–1") ? "fraction²" : "(" + unit + ")²";
    }
}
