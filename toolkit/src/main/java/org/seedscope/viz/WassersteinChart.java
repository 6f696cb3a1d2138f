package org.seedscope.viz;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.seedscope.format.Numbers;
import org.seedscope.stats.Wasserstein;
import tech.tablesaw.api.Table;

/**
 * Figure 2 of the paper: per method, a bar of the 2-Wasserstein distance between the
 * Algorithm-1 and Algorithm-2 samples of a metric (all "ok" values of each, via
 * {@link Wasserstein#compareProtocols}) with its percentile-bootstrap interval
 * ({@value #RESAMPLES} resamples, level {@value #LEVEL}, seed {@value #SEED}), and optionally a
 * noise floor per method: the W2 one would expect between two samples that differ by chance
 * alone, supplied by the caller. Only methods with "ok" rows under both protocols get a bar.
 *
 * <p>An XChart {@link CategoryChart} (one category per method, series overlapped):
 * <ul>
 * <li>{@value #W2_SERIES}: a bar per method, height W2;</li>
 * <li>{@value #FLOOR_SERIES} (only when floors are given): a translucent grey bar from 0 to the
 *     method's floor drawn over the W2 bar, so the part of W2 that chance alone explains is
 *     shaded and a floor above the bar sticks out; methods without a floor have no value;</li>
 * <li>"95 % bootstrap interval (error bars)": an error bar per method, drawn from the interval's lower to
 *     upper end (XChart's error bars are symmetric, so the series' value is the interval's
 *     midpoint and its error bar the half-width).</li>
 * </ul>
 */
public final class WassersteinChart {

    /** Bootstrap replicates of the W2 intervals. */
    public static final int RESAMPLES = 2000;
    /** Seed of the W2 bootstrap. */
    public static final long SEED = 20_251_030L;
    /** Confidence level of the W2 intervals. */
    public static final double LEVEL = 0.95;
    /** Series name of the W2 bars. */
    public static final String W2_SERIES = "W2 distance";
    /** Series name of the noise floor bars. */
    public static final String FLOOR_SERIES = "noise floor";
    /** Series name of the bootstrap intervals. */
    public static final String INTERVAL_SERIES = String.format(Locale.ROOT,
            "%.0f %% bootstrap interval (error bars)", 100 * LEVEL);

    private WassersteinChart() {
    }

    /**
     * Draws the figure without noise floors.
     *
     * @param rows the result table
     * @param metric a numeric metric column
     * @param scenario the scenario
     * @return the chart
     * @throws IllegalArgumentException for an unknown metric or when no method of the scenario
     *     has rows under both protocols
     */
    public static CategoryChart of(Table rows, String metric, String scenario) {
        return of(rows, metric, scenario, Map.of());
    }

    /**
     * Draws the figure with a noise floor for some methods.
     *
     * @param rows the result table
     * @param metric a numeric metric column
     * @param scenario the scenario
     * @param noiseFloor per method (as named in the table) its noise floor, finite and ≥ 0, in
     *     the metric's units; methods left out get none
     * @return the chart
     * @throws IllegalArgumentException for an unknown metric, when no method of the scenario has
     *     rows under both protocols, for a floor of a method that has no bar (the message lists
     *     the methods drawn) or a floor that is negative or not finite
     */
    public static CategoryChart of(Table rows, String metric, String scenario,
            Map<String, Double> noiseFloor) {
        ResultRows.requireMetric(rows, metric);
        Table w = Wasserstein.compareProtocols(rows, metric, ResultRows.ONE_SEED,
                ResultRows.MANY_SEEDS, RESAMPLES, LEVEL, SEED);
        w = w.where(w.stringColumn("scenario").isEqualTo(scenario));
        if (w.rowCount() == 0) {
            throw new IllegalArgumentException("scenario '" + scenario + "' has no method with ok "
                    + metric + " rows under both " + ResultRows.ONE_SEED + " and "
                    + ResultRows.MANY_SEEDS + "; scenarios present: " + ResultRows.scenarios(rows));
        }
        List<String> methods = w.stringColumn("method").asList();
        List<Double> floors = floors(methods, noiseFloor);
        CategoryChart chart = Theme.categoryChart("W2 distance between Algorithm 1 and"
                + " Algorithm 2 samples of " + Labels.name(metric) + ", " + scenario, "method",
                "W2 distance (" + Labels.unit(metric) + ")", methods);
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setYAxisMin(0.0);
        List<Double> w2 = new ArrayList<>();
        List<Double> mid = new ArrayList<>();
        List<Double> half = new ArrayList<>();
        for (int k = 0; k < methods.size(); k++) {
            double lo = w.doubleColumn("w2_lo").get(k);
            double hi = w.doubleColumn("w2_hi").get(k);
            w2.add(w.doubleColumn("w2").get(k));
            mid.add((lo + hi) / 2);
            half.add((hi - lo) / 2);
        }
        CategorySeries bars = chart.addSeries(W2_SERIES, methods, w2);
        bars.setFillColor(Theme.SKY_BLUE);
        if (!noiseFloor.isEmpty()) {
            CategorySeries floor = chart.addSeries(FLOOR_SERIES, methods, floors);
            floor.setFillColor(Theme.translucent(Theme.REFERENCE, 0x80));
        }
        CategorySeries ci = chart.addSeries(INTERVAL_SERIES, methods, mid, half);
        ci.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
        ci.setMarker(SeriesMarkers.NONE);
        ci.setLineColor(Color.BLACK);
        ci.setMarkerColor(Color.BLACK);
        return chart;
    }

    /** The floors in method order (null where a method has none), validated. */
    private static List<Double> floors(List<String> methods, Map<String, Double> noiseFloor) {
        List<Double> out = new ArrayList<>();
        for (String m : methods) {
            out.add(noiseFloor.get(m));
        }
        for (Map.Entry<String, Double> e : noiseFloor.entrySet()) {
            if (!methods.contains(e.getKey())) {
                throw new IllegalArgumentException("noise floor given for method '" + e.getKey()
                        + "', which has no W2 bar; methods drawn: " + methods);
            }
            Double v = e.getValue();
            if (v == null || !(v >= 0) || v.isInfinite()) {
                throw new IllegalArgumentException("noise floor of method '" + e.getKey()
                        + "' is " + (v == null ? "null" : Numbers.format(v))
                        + "; it must be finite and at least 0");
            }
        }
        return out;
    }
}
