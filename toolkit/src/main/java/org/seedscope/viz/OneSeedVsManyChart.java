package org.seedscope.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.Table;

/**
 * Figure 1 of the paper: per method, a box of the Algorithm-1 values ("one-training-seed") next
 * to a box of the Algorithm-2 values ("many-training-seeds"), over Retrain's 25–75 % band.
 *
 * <p>Each box spans the type-7 quartiles with a median bar; whiskers run to the minimum and
 * maximum ({@link BoxStats}). Retrain's 25 %, 50 % and 75 % quantiles over all of its "ok" rows
 * in the scenario (both protocols pooled) are drawn as dashed lines across the plot, and the band
 * between its 25 % and 75 % quantiles is shaded. A method with no "ok" rows under a protocol has
 * no box there.
 *
 * <p>Why not XChart's BoxChart: in XChart 3.8.8 it draws whiskers at 1.5 IQR (outliers as red
 * crosses), paints every box in the same fixed colours, puts one box per series on its own
 * category (no two boxes per method) and has no reference lines or bands. The boxes are
 * therefore drawn on an {@link XYChart} with XChart's own primitives: filled rectangles
 * (PolygonArea), error bars for the whiskers and line segments for the medians.
 *
 * <p>Series (method k sits at x = k; its Algorithm-1 box is centred at k − {@value #BOX_OFFSET},
 * its Algorithm-2 box at k + {@value #BOX_OFFSET}, each {@value #BOX_HALF_WIDTH} to either side):
 * <ul>
 * <li>{@value #RETRAIN_BAND}: one rectangle from x = −0.5 to n − 0.5 between Retrain's 25 % and
 *     75 % quantiles; {@value #RETRAIN_Q1}, {@value #RETRAIN_MEDIAN}, {@value #RETRAIN_Q3}: two
 *     points each, (−0.5, q) and (n − 0.5, q);</li>
 * <li>per protocol, named by its label (e.g. "Algorithm 1: 1 training seed"): the boxes, one
 *     closed rectangle per method (x = c − w, c + w, c + w, c − w, c − w; y = q1, q1, q3, q3, q1),
 *     rectangles separated by a NaN point;</li>
 * <li>"&lt;label&gt; whiskers": one point per box at x = c, y = (min + max)/2 with error bar
 *     (max − min)/2, so the bar runs from the minimum to the maximum;</li>
 * <li>"&lt;label&gt; medians": one segment per box from (c − w, median) to (c + w, median),
 *     separated by NaN points.</li>
 * </ul>
 */
public final class OneSeedVsManyChart {

    /** Series name of Retrain's shaded 25–75 % band. */
    public static final String RETRAIN_BAND = "Retrain 25–75 %";
    /** Series name of Retrain's 25 % line. */
    public static final String RETRAIN_Q1 = "Retrain 25 %";
    /** Series name of Retrain's median line. */
    public static final String RETRAIN_MEDIAN = "Retrain median";
    /** Series name of Retrain's 75 % line. */
    public static final String RETRAIN_Q3 = "Retrain 75 %";
    /** Suffix of a protocol's whisker series. */
    public static final String WHISKERS = " whiskers";
    /** Suffix of a protocol's median series. */
    public static final String MEDIANS = " medians";
    /** Half-width of a box in x units (one method = 1). */
    public static final double BOX_HALF_WIDTH = 0.14;
    /** Distance of each protocol's box centre from its method's x position. */
    public static final double BOX_OFFSET = 0.19;

    private OneSeedVsManyChart() {
    }

    /**
     * Draws the figure.
     *
     * @param rows the result table
     * @param metric a numeric metric column, e.g. "forget_acc"
     * @param scenario the scenario, e.g. "sub:Shirt"
     * @return the chart
     * @throws IllegalArgumentException for an unknown metric or a scenario without "ok" rows of
     *     either protocol (the message lists the scenarios present)
     */
    public static XYChart of(Table rows, String metric, String scenario) {
        ResultRows.requireMetric(rows, metric);
        List<String> methods = new ArrayList<>();
        List<BoxStats[]> boxes = new ArrayList<>();
        for (String m : ResultRows.methods(rows, scenario)) {
            BoxStats one = box(rows, metric, scenario, m, ResultRows.ONE_SEED);
            BoxStats many = box(rows, metric, scenario, m, ResultRows.MANY_SEEDS);
            if (one != null || many != null) {
                methods.add(m);
                boxes.add(new BoxStats[] {one, many});
            }
        }
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("scenario '" + scenario + "' has no ok rows of "
                    + ResultRows.ONE_SEED + " or " + ResultRows.MANY_SEEDS + " for " + metric
                    + "; scenarios present: " + ResultRows.scenarios(rows));
        }
        XYChart chart = Theme.methodChart(Labels.name(metric) + ", " + scenario
                + ": one training seed (Algorithm 1) vs many (Algorithm 2)", "method",
                Labels.axis(metric), methods);
        double[] retrain = ResultRows.values(rows, metric, scenario, ResultRows.RETRAIN, null);
        if (retrain.length > 0) {
            retrainReference(chart, BoxStats.of(retrain), methods.size());
        }
        protocol(chart, boxes, 0, -BOX_OFFSET, ResultRows.ONE_SEED, Theme.ALGORITHM_1);
        protocol(chart, boxes, 1, BOX_OFFSET, ResultRows.MANY_SEEDS, Theme.ALGORITHM_2);
        return chart;
    }

    private static BoxStats box(Table rows, String metric, String scenario, String method,
            String protocol) {
        double[] v = ResultRows.values(rows, metric, scenario, method, protocol);
        return v.length == 0 ? null : BoxStats.of(v);
    }

    private static void retrainReference(XYChart chart, BoxStats r, int methods) {
        double left = -0.5;
        double right = methods - 0.5;
        Theme.band(chart, RETRAIN_BAND, left, right, r.q1(), r.q3());
        for (String name : List.of(RETRAIN_Q1, RETRAIN_MEDIAN, RETRAIN_Q3)) {
            double y = name.equals(RETRAIN_Q1) ? r.q1() : name.equals(RETRAIN_Q3) ? r.q3()
                    : r.median();
            boolean median = name.equals(RETRAIN_MEDIAN);
            XYSeries s = Theme.line(chart.addSeries(name, new double[] {left, right},
                    new double[] {y, y}), Theme.REFERENCE, median ? 2.4f : 1.6f);
            s.setLineStyle(Theme.dashed(median ? 2.4f : 1.6f, median ? 14f : 8f));
            s.setShowInLegend(median);
        }
    }

    /** Adds the whiskers, boxes and medians of one protocol (index p of each box pair). */
    private static void protocol(XYChart chart, List<BoxStats[]> boxes, int p, double offset,
            String protocol, Color color) {
        List<double[]> outline = new ArrayList<>();
        List<double[]> medians = new ArrayList<>();
        List<Double> centres = new ArrayList<>();
        List<Double> mids = new ArrayList<>();
        List<Double> halves = new ArrayList<>();
        double w = BOX_HALF_WIDTH;
        for (int k = 0; k < boxes.size(); k++) {
            BoxStats b = boxes.get(k)[p];
            if (b == null) {
                continue;
            }
            double c = k + offset;
            outline.add(new double[] {c - w, b.q1(), c + w, b.q1(), c + w, b.q3(), c - w, b.q3(),
                c - w, b.q1()});
            medians.add(new double[] {c - w, b.median(), c + w, b.median()});
            centres.add(c);
            mids.add((b.min() + b.max()) / 2);
            halves.add((b.max() - b.min()) / 2);
        }
        if (centres.isEmpty()) {
            return;
        }
        String label = Labels.protocol(protocol);
        XYSeries whiskers = chart.addSeries(label + WHISKERS, centres, mids, halves);
        whiskers.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        whiskers.setMarker(SeriesMarkers.NONE);
        whiskers.setLineColor(color);
        whiskers.setShowInLegend(false);
        XYSeries box = Theme.pieces(chart, label, outline);
        box.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        box.setFillColor(lighter(color));
        box.setLineColor(color);
        box.setLineStyle(new BasicStroke(2f));
        box.setMarker(SeriesMarkers.NONE);
        XYSeries median = Theme.line(Theme.pieces(chart, label + MEDIANS, medians), color, 3f);
        median.setShowInLegend(false);
    }

    /** An opaque tint: three parts white to one part colour, so the whisker behind is hidden. */
    private static Color lighter(Color c) {
        return new Color((c.getRed() + 3 * 255) / 4, (c.getGreen() + 3 * 255) / 4,
                (c.getBlue() + 3 * 255) / 4);
    }
}
