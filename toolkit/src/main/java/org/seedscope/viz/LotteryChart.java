package org.seedscope.viz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.seedscope.stats.SeedLottery;
import org.seedscope.stats.Slice;
import tech.tablesaw.api.Table;

/**
 * The single-seed lottery: per method, what a one-training-seed study would have reported for
 * each training seed (the mean over that seed's unlearning runs, from
 * {@link SeedLottery#bySlice}) as points, and the grand mean over training seeds as a bar.
 *
 * <p>An {@link XYChart} with method k at x = k. Series {@value #SEED_MEANS}: for method k with
 * I seeds in ascending seed order, seed i (0-based) at x = k − 0.25 + 0.5 i/(I − 1) (x = k when
 * I = 1). Series {@value #GRAND_MEAN}: one segment per method from x = k − 0.32 to k + 0.32 at
 * the grand mean, segments separated by NaN points.
 */
public final class LotteryChart {

    /** Series name of the per-seed means. */
    public static final String SEED_MEANS = "mean of one training seed";
    /** Series name of the grand means. */
    public static final String GRAND_MEAN = "grand mean over training seeds";

    private LotteryChart() {
    }

    /**
     * Draws the figure.
     *
     * @param rows the result table
     * @param metric a numeric metric column
     * @param scenario the scenario
     * @param protocol the protocol, usually "grid" or "many-training-seeds"
     * @return the chart
     * @throws IllegalArgumentException for an unknown metric or when the scenario has no "ok"
     *     rows of that protocol
     */
    public static XYChart of(Table rows, String metric, String scenario, String protocol) {
        ResultRows.requireMetric(rows, metric);
        List<String> methods = new ArrayList<>();
        List<SeedLottery> lotteries = new ArrayList<>();
        for (Map.Entry<Slice, SeedLottery> e : SeedLottery.bySlice(rows, metric).entrySet()) {
            if (e.getKey().scenario().equals(scenario) && e.getKey().protocol().equals(protocol)) {
                methods.add(e.getKey().method());
                lotteries.add(e.getValue());
            }
        }
        if (methods.isEmpty()) {
            throw ResultRows.noRows(rows, metric, scenario, protocol);
        }
        XYChart chart = Theme.methodChart("Seed lottery: " + Labels.name(metric)
                + " per training seed, " + scenario + " (" + Labels.protocol(protocol) + ")",
                "method (points: one per training seed)", Labels.axis(metric), methods);
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        List<double[]> grand = new ArrayList<>();
        for (int k = 0; k < methods.size(); k++) {
            double[] means = lotteries.get(k).seedMeans();
            for (int i = 0; i < means.length; i++) {
                xs.add(means.length == 1 ? k : k - 0.25 + 0.5 * i / (means.length - 1));
                ys.add(means[i]);
            }
            double g = lotteries.get(k).grandMean();
            grand.add(new double[] {k - 0.32, g, k + 0.32, g});
        }
        XYSeries points = chart.addSeries(SEED_MEANS, xs, ys);
        points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        points.setMarker(SeriesMarkers.CIRCLE);
        points.setMarkerColor(Theme.ALGORITHM_1);
        Theme.line(Theme.pieces(chart, GRAND_MEAN, grand), Theme.ALGORITHM_2, 3f);
        return chart;
    }
}
