package org.seedscope.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.seedscope.stats.SeedLottery;
import org.seedscope.stats.SeedVariance;
import org.seedscope.stats.Slice;
import org.seedscope.stats.VarianceComponents;
import org.seedscope.stats.Wasserstein;
import tech.tablesaw.api.Table;

/**
 * XChart figures of a study's result table (columns as written by the study runner; only rows
 * with status "ok" are drawn). Every factory returns the chart object, so a notebook can render
 * it and a test can read its series; {@link #png}, {@link #svg} and {@link #save} encode it.
 *
 * <p>Layout shared by the per-method charts ({@link #oneSeedVsMany}, {@link #wassersteinByMethod},
 * {@link #seedLottery}): method k (in order of first appearance in the scenario) sits at x = k and
 * the x tick labels show the method names. Style: 900 x 600 pixels (wider when many or long
 * method names need room), white background, sans-serif
 * text of at least 13 pt, Okabe–Ito colours (Algorithm 1 vermilion, Algorithm 2 blue), Retrain
 * references in dashed grey.
 */
public final class Charts {

    /** Default chart width in pixels. */
    public static final int WIDTH = 900;
    /** Default chart height in pixels. */
    public static final int HEIGHT = 600;
    /** Bootstrap replicates of the W2 intervals drawn by {@link #wassersteinByMethod}. */
    public static final int W2_RESAMPLES = 2000;
    /** Seed of the W2 bootstrap in {@link #wassersteinByMethod}. */
    public static final long W2_SEED = 20_251_030L;
    /** Confidence level of the W2 intervals. */
    public static final double W2_LEVEL = 0.95;
    /** Half-width of a box in {@link #oneSeedVsMany}, in x units (one method = 1). */
    static final double BOX_HALF_WIDTH = 0.14;
    /** Distance of each protocol's box from its method's x position. */
    static final double BOX_OFFSET = 0.19;

    static final Color ALGORITHM_1 = new Color(0xD5, 0x5E, 0x00);
    static final Color ALGORITHM_2 = new Color(0x00, 0x72, 0xB2);
    static final Color REFERENCE = new Color(0x55, 0x55, 0x55);
    private static final String FONT = Font.SANS_SERIF;
    private static final BasicStroke DASHED = new BasicStroke(1.8f, BasicStroke.CAP_BUTT,
            BasicStroke.JOIN_MITER, 10f, new float[] {8f, 5f}, 0f);

    private Charts() {
    }

    /**
     * Figure 1 of the paper: per method, a box of the Algorithm-1 values ("one-training-seed")
     * next to a box of the Algorithm-2 values ("many-training-seeds"); each box spans the
     * type-7 quartiles with a median bar, whiskers run to the minimum and maximum (no outliers
     * are singled out). Retrain's 25 %, 50 % and 75 % quantiles over all of its "ok" rows in the
     * scenario (both protocols pooled) are dashed horizontal lines.
     *
     * <p>Series: "Algorithm 1: 1 training seed" and "Algorithm 2: many training seeds" are
     * polylines of all boxes of that protocol (pieces separated by NaN); the box of method k lies
     * within x = k ∓ 0.19 ± 0.14 and its y values are exactly
     * {min, q1, median, q3, max}. "Retrain 25 % and 75 %" holds two horizontal segments across the
     * plot (first the 25 % quantile, then the 75 %) and "Retrain median" one. A method with no "ok" rows under a protocol has no box there.
     *
     * @param rows the result table
     * @param metric a numeric metric column, e.g. "forget_acc"
     * @param scenario the scenario, e.g. "sub:Shirt"
     * @return the chart
     * @throws IllegalArgumentException for an unknown metric or a scenario without "ok" rows of
     *     either protocol (the message lists the scenarios present)
     */
    public static XYChart oneSeedVsMany(Table rows, String metric, String scenario) {
        List<String> methods = methodsWithData(rows, metric, scenario);
        XYChart chart = xyChart(Labels.name(metric) + ", " + scenario
                + ": one training seed (Algorithm 1) vs many (Algorithm 2)", "method",
                Labels.axis(metric), methods);
        boolean any = false;
        for (String protocol : List.of(ResultRows.ONE_SEED, ResultRows.MANY_SEEDS)) {
            Polyline line = new Polyline();
            double offset = protocol.equals(ResultRows.ONE_SEED) ? -BOX_OFFSET : BOX_OFFSET;
            for (int k = 0; k < methods.size(); k++) {
                double[] v = ResultRows.values(rows, metric, scenario, methods.get(k), protocol);
                if (v.length > 0) {
                    box(line, k + offset, v);
                }
            }
            if (!line.isEmpty()) {
                any = true;
                XYSeries s = line.addTo(chart, Labels.protocol(protocol));
                style(s, protocol.equals(ResultRows.ONE_SEED) ? ALGORITHM_1 : ALGORITHM_2, 2.2f);
            }
        }
        if (!any) {
            throw new IllegalArgumentException("scenario '" + scenario + "' has no ok rows of "
                    + ResultRows.ONE_SEED + " or " + ResultRows.MANY_SEEDS + " for " + metric
                    + "; scenarios present: " + ResultRows.scenarios(rows));
        }
        double[] retrain = ResultRows.values(rows, metric, scenario, ResultRows.RETRAIN, null);
        if (retrain.length > 0) {
            Polyline quartiles = new Polyline();
            for (double p : new double[] {0.25, 0.75}) {
                double y = ResultRows.quantile(retrain, p);
                quartiles.segment(-0.5, y, methods.size() - 0.5, y);
            }
            XYSeries q = quartiles.addTo(chart, "Retrain 25 % and 75 %");
            style(q, REFERENCE, 1.6f);
            q.setLineStyle(DASHED);
            double median = ResultRows.quantile(retrain, 0.5);
            XYSeries m = chart.addSeries("Retrain median", new double[] {-0.5,
                methods.size() - 0.5}, new double[] {median, median});
            style(m, REFERENCE, 2.4f);
            m.setLineStyle(new BasicStroke(2.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                    10f, new float[] {14f, 5f}, 0f));
        }
        return chart;
    }

    /**
     * Figure 2 of the paper: per method, a bar of the 2-Wasserstein distance between the
     * Algorithm-1 and Algorithm-2 samples of the metric (all "ok" values of each, via
     * {@link Wasserstein#compareProtocols}) with the percentile-bootstrap interval
     * ({@value #W2_RESAMPLES} resamples, level {@value #W2_LEVEL}, seed {@value #W2_SEED}) as an
     * error bar. Only methods with "ok" rows under both protocols get a bar.
     *
     * <p>Series: one filled series per method, named after it, tracing the bar outline
     * (x = k ± 0.3, from y = 0 to W2); "95 % bootstrap interval" is a polyline whose piece at
     * x = k runs from the lower to the upper bound (with caps).
     *
     * @param rows the result table
     * @param metric a numeric metric column
     * @param scenario the scenario
     * @return the chart
     * @throws IllegalArgumentException for an unknown metric or when no method of the scenario
     *     has rows under both protocols
     */
    public static XYChart wassersteinByMethod(Table rows, String metric, String scenario) {
        ResultRows.requireMetric(rows, metric);
        Table w = Wasserstein.compareProtocols(rows, metric, ResultRows.ONE_SEED,
                ResultRows.MANY_SEEDS, W2_RESAMPLES, W2_LEVEL, W2_SEED);
        w = w.where(w.stringColumn("scenario").isEqualTo(scenario));
        if (w.rowCount() == 0) {
            throw new IllegalArgumentException("scenario '" + scenario + "' has no method with ok "
                    + metric + " rows under both " + ResultRows.ONE_SEED + " and "
                    + ResultRows.MANY_SEEDS + "; scenarios present: " + ResultRows.scenarios(rows));
        }
        List<String> methods = w.stringColumn("method").asList();
        XYChart chart = xyChart("W2 distance between Algorithm 1 and Algorithm 2 samples of "
                + Labels.name(metric) + ", " + scenario, "method",
                "W2 distance (" + Labels.unit(metric) + ")", methods);
        Polyline interval = new Polyline();
        for (int k = 0; k < methods.size(); k++) {
            double w2 = w.doubleColumn("w2").get(k);
            XYSeries bar = chart.addSeries(methods.get(k), new double[] {k - 0.3, k - 0.3,
                k + 0.3, k + 0.3}, new double[] {0, w2, w2, 0});
            bar.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
            style(bar, ALGORITHM_2, 1.5f);
            bar.setFillColor(new Color(0x56, 0xB4, 0xE9));
            bar.setShowInLegend(false);
            interval.vertical(k, w.doubleColumn("w2_lo").get(k), w.doubleColumn("w2_hi").get(k),
                    0.08);
        }
        XYSeries ci = interval.addTo(chart, String.format(Locale.ROOT,
                "%.0f %% bootstrap interval", 100 * W2_LEVEL));
        style(ci, Color.BLACK, 2f);
        chart.getStyler().setYAxisMin(0.0);
        return chart;
    }

    /**
     * Stacked bars of the variance components of one protocol's slices (from
     * {@link SeedVariance}): σ²_train (training seed) below σ²_unlearn (unlearning seed), so a
     * bar's height is the total variance of one run. When the design cannot separate the two
     * (Algorithm 2: one run per training seed) the estimable total is drawn as a third series;
     * when a component is not estimable (Algorithm 1: I = 1 leaves σ²_train unknown) it is drawn
     * as 0 and the method's label says "n/e".
     *
     * <p>Series "σ²_train (training seed)", "σ²_unlearn (unlearning seed)" and
     * "total, not separable", each with one value per method (category = method label).
     *
     * @param rows the result table
     * @param metric a numeric metric column
     * @param scenario the scenario
     * @param protocol the protocol whose slices are analysed
     * @return the chart
     * @throws IllegalArgumentException for an unknown metric or when the scenario has no "ok"
     *     rows of that protocol
     */
    public static CategoryChart varianceComponents(Table rows, String metric, String scenario,
            String protocol) {
        ResultRows.requireMetric(rows, metric);
        SeedVariance sv = SeedVariance.of(rows, metric);
        List<String> labels = new ArrayList<>();
        List<Double> train = new ArrayList<>();
        List<Double> unlearn = new ArrayList<>();
        List<Double> total = new ArrayList<>();
        for (SeedVariance.Entry e : sv.entries()) {
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
            train.add(orZero(vc.sigma2Train()));
            unlearn.add(orZero(vc.sigma2Unlearn()));
            total.add(separable ? 0.0 : orZero(vc.total()));
        }
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("scenario '" + scenario + "' has no ok " + metric
                    + " rows of protocol '" + protocol + "'; protocols present: "
                    + ResultRows.protocols(rows) + ", scenarios: " + ResultRows.scenarios(rows));
        }
        CategoryChart chart = new CategoryChart(WIDTH, HEIGHT);
        chart.setTitle("Variance of " + Labels.name(metric) + " by seed source, " + scenario
                + " (" + Labels.protocol(protocol) + ")");
        chart.setXAxisTitle("method");
        chart.setYAxisTitle("variance of one run (" + squared(Labels.unit(metric)) + ")");
        chart.getStyler().setStacked(true);
        chart.getStyler().setXAxisLabelRotation(labels.size() > 6 ? 30 : 0);
        chart.getStyler().setSeriesColors(new Color[] {ALGORITHM_1, ALGORITHM_2, REFERENCE});
        styleAxes(chart.getStyler());
        chart.addSeries("σ²_train (training seed)", labels, train);
        chart.addSeries("σ²_unlearn (unlearning seed)", labels, unlearn);
        if (total.stream().anyMatch(t -> t > 0)) {
            chart.addSeries("total, not separable", labels, total);
        }
        return chart;
    }

    /**
     * The single-seed lottery: per method, what a one-training-seed study would have reported
     * for each training seed (the mean over that seed's unlearning runs, from
     * {@link SeedLottery#bySlice}) as points, and the grand mean over training seeds as a bar.
     *
     * <p>Series "mean of one training seed": for method k with I seeds in ascending seed order,
     * seed i (0-based) is drawn at x = k − 0.25 + 0.5 i/(I − 1) (x = k when I = 1).
     * Series "grand mean over training seeds": a polyline with one piece per method from
     * x = k − 0.32 to k + 0.32 at the grand mean.
     *
     * @param rows the result table
     * @param metric a numeric metric column
     * @param scenario the scenario
     * @param protocol the protocol, usually "grid" or "many-training-seeds"
     * @return the chart
     * @throws IllegalArgumentException for an unknown metric or when the scenario has no "ok"
     *     rows of that protocol
     */
    public static XYChart seedLottery(Table rows, String metric, String scenario,
            String protocol) {
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
            throw new IllegalArgumentException("scenario '" + scenario + "' has no ok " + metric
                    + " rows of protocol '" + protocol + "'; protocols present: "
                    + ResultRows.protocols(rows) + ", scenarios: " + ResultRows.scenarios(rows));
        }
        XYChart chart = xyChart("Seed lottery: " + Labels.name(metric) + " per training seed, "
                + scenario + " (" + Labels.protocol(protocol) + ")",
                "method (points: one per training seed)", Labels.axis(metric), methods);
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        Polyline grand = new Polyline();
        for (int k = 0; k < methods.size(); k++) {
            double[] means = lotteries.get(k).seedMeans();
            for (int i = 0; i < means.length; i++) {
                xs.add(means.length == 1 ? k : k - 0.25 + 0.5 * i / (means.length - 1));
                ys.add(means[i]);
            }
            grand.segment(k - 0.32, lotteries.get(k).grandMean(), k + 0.32,
                    lotteries.get(k).grandMean());
        }
        XYSeries points = chart.addSeries("mean of one training seed", xs, ys);
        points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        points.setMarker(SeriesMarkers.CIRCLE);
        points.setMarkerColor(ALGORITHM_1);
        XYSeries g = grand.addTo(chart, "grand mean over training seeds");
        style(g, ALGORITHM_2, 3f);
        return chart;
    }

    /**
     * Heat map of the minimum detectable difference (two-sided level-α z-test with the given
     * power, {@link org.seedscope.stats.Budget#minimumDetectableDifference}) over designs with
     * I training seeds (x) and J unlearning seeds per training seed (y).
     *
     * <p>The colour scale runs from 0 to the largest MDD rounded up to two significant digits.
     * Series "MDD": x data = the I values and y data = the J values (as strings, drawn as
     * categories), heat data {x index, y index, MDD}.
     *
     * @param s2T σ²_train ≥ 0
     * @param s2U σ²_unlearn ≥ 0
     * @param Is the I values, each ≥ 1, at least one
     * @param Js the J values, each ≥ 1, at least one
     * @param alpha the two-sided significance level in (0, 1)
     * @param power the power in (0, 1)
     * @return the chart
     * @throws IllegalArgumentException for bad components, counts, α or power, or empty grids
     */
    public static HeatMapChart mddHeatmap(double s2T, double s2U, int[] Is, int[] Js,
            double alpha, double power) {
        if (Is.length == 0 || Js.length == 0) {
            throw new IllegalArgumentException("need at least one I and one J value, got "
                    + Is.length + " and " + Js.length);
        }
        Table grid = org.seedscope.stats.Budget.mddGrid(s2T, s2U, Is, Js, alpha, power);
        List<Number[]> heat = new ArrayList<>();
        double max = 0;
        for (int r = 0; r < grid.rowCount(); r++) {
            double mdd = grid.doubleColumn("mdd").get(r);
            heat.add(new Number[] {r / Js.length, r % Js.length, mdd});
            max = Math.max(max, mdd);
        }
        HeatMapChart chart = new HeatMapChart(WIDTH, HEIGHT, Styler.ChartTheme.XChart);
        chart.setTitle(String.format(Locale.ROOT, "Minimum detectable difference (α = %.2g,"
                + " power %.2g)", alpha, power));
        chart.setXAxisTitle(String.format(Locale.ROOT, "I: training seeds   (σ²_train = %.3g,"
                + " σ²_unlearn = %.3g)", s2T, s2U));
        chart.setYAxisTitle("J: unlearning seeds per training seed");
        HeatMapStyler st = chart.getStyler();
        styleAxes(st);
        st.setLegendPosition(Styler.LegendPosition.OutsideE);
        st.setLegendLayout(Styler.LegendLayout.Vertical);
        st.setShowValue(true);
        st.setValueFontColor(Color.BLACK);
        st.setValueFont(new Font(FONT, Font.PLAIN, 14));
        st.setRangeColors(new Color[] {new Color(0xE8, 0xF6, 0xEF), new Color(0xF0, 0xE4, 0x42),
            new Color(0xE6, 0x9F, 0x00)});
        String pattern = max >= 10 ? "0.0" : "0.000";
        st.setHeatMapValueDecimalPattern(pattern);
        st.setMin(0);
        st.setMax(max > 0 ? new BigDecimal(max).round(new MathContext(2, RoundingMode.CEILING))
                .doubleValue() : 1);
        chart.addSeries("MDD", labels(Is), labels(Js), heat);
        return chart;
    }

    /**
     * Encodes a chart as PNG at its own size (default {@value #WIDTH} x {@value #HEIGHT}).
     *
     * @param chart the chart
     * @return the PNG bytes
     * @throws UncheckedIOException when encoding fails
     */
    public static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode chart '" + chart.getTitle()
                    + "' as PNG", e);
        }
    }

    /**
     * Encodes a chart as SVG (VectorGraphics2D through XChart's {@link VectorGraphicsEncoder}).
     *
     * @param chart the chart
     * @return the SVG document
     * @throws UncheckedIOException when encoding fails
     */
    public static String svg(Chart<?, ?> chart) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            VectorGraphicsEncoder.saveVectorGraphic(chart, out,
                    VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode chart '" + chart.getTitle()
                    + "' as SVG", e);
        }
    }

    /**
     * Writes a chart to a file whose extension picks the format: ".png" or ".svg"
     * (case-insensitive). Parent folders are created.
     *
     * @param chart the chart
     * @param file the destination
     * @throws IllegalArgumentException for any other extension
     * @throws UncheckedIOException when writing fails
     */
    public static void save(Chart<?, ?> chart, Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        byte[] bytes;
        if (name.endsWith(".png")) {
            bytes = png(chart);
        } else if (name.endsWith(".svg")) {
            bytes = svg(chart).getBytes(StandardCharsets.UTF_8);
        } else {
            throw new IllegalArgumentException("cannot save a chart as " + file
                    + ": the file name must end in .png or .svg");
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart to " + file, e);
        }
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

    private static List<String> methodsWithData(Table rows, String metric, String scenario) {
        ResultRows.requireMetric(rows, metric);
        List<String> out = new ArrayList<>();
        for (String m : ResultRows.methods(rows, scenario)) {
            if (ResultRows.values(rows, metric, scenario, m, ResultRows.ONE_SEED).length > 0
                    || ResultRows.values(rows, metric, scenario, m, ResultRows.MANY_SEEDS).length
                    > 0) {
                out.add(m);
            }
        }
        return out;
    }

    /** Appends the outline of one box (quartiles, median, whiskers to min/max with caps). */
    private static void box(Polyline line, double x, double[] v) {
        double min = ResultRows.quantile(v, 0);
        double q1 = ResultRows.quantile(v, 0.25);
        double med = ResultRows.quantile(v, 0.5);
        double q3 = ResultRows.quantile(v, 0.75);
        double max = ResultRows.quantile(v, 1);
        double w = BOX_HALF_WIDTH;
        line.piece(new double[] {x - w, x + w, x + w, x - w, x - w},
                new double[] {q1, q1, q3, q3, q1});
        line.segment(x - w, med, x + w, med);
        line.vertical(x, min, q1, 0);
        line.vertical(x, q3, max, 0);
        line.segment(x - w / 2, min, x + w / 2, min);
        line.segment(x - w / 2, max, x + w / 2, max);
    }

    private static XYChart xyChart(String title, String xTitle, String yTitle,
            List<String> methods) {
        int longest = methods.stream().mapToInt(String::length).max().orElse(0);
        XYChart chart = new XYChart(Math.max(WIDTH, 160 + methods.size() * (30 + 9 * longest)),
                HEIGHT);
        chart.setTitle(title);
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle(yTitle);
        AxesChartStyler st = chart.getStyler();
        styleAxes(st);
        st.setXAxisMin(-0.5);
        st.setXAxisMax(methods.size() - 0.5);
        st.setPlotGridVerticalLinesVisible(false);
        chart.setCustomXAxisTickLabelsFormatter(x -> methodTick(methods, x));
        chart.getStyler().setMarkerSize(9);
        return chart;
    }

    /**
     * The x tick label at x: the method name at an integer position, else an invisible label.
     * XChart drops every tick when two labels are equal, so the invisible labels are zero-width
     * spaces of a length unique to the position.
     */
    static String methodTick(List<String> methods, double x) {
        long k = Math.round(x);
        if (Math.abs(x - k) < 1e-6 && k >= 0 && k < methods.size()) {
            return methods.get((int) k);
        }
        return "\u200B".repeat(1 + (int) Math.max(0, Math.round((x + 2) * 10)));
    }

    /** The shared look: fonts of at least 13 pt, white background, legend below the plot. */
    private static void styleAxes(AxesChartStyler st) {
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotBorderColor(Color.GRAY);
        st.setPlotGridLinesColor(new Color(0xE0, 0xE0, 0xE0));
        st.setChartTitleFont(new Font(FONT, Font.BOLD, 16));
        st.setChartTitleBoxVisible(false);
        st.setAxisTitleFont(new Font(FONT, Font.PLAIN, 15));
        st.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 13));
        st.setLegendFont(new Font(FONT, Font.PLAIN, 13));
        st.setLegendPosition(Styler.LegendPosition.OutsideS);
        st.setLegendLayout(Styler.LegendLayout.Horizontal);
        st.setLegendBorderColor(Color.WHITE);
        st.setAntiAlias(true);
        st.setYAxisDecimalPattern("0.####");
        st.setLocale(Locale.ROOT);
    }

    private static void style(XYSeries s, Color color, float width) {
        s.setLineColor(color);
        s.setLineStyle(new BasicStroke(width));
        s.setMarker(SeriesMarkers.NONE);
        s.setMarkerColor(color);
    }

    private static double orZero(OptionalDouble d) {
        return d.orElse(0);
    }

    private static String squared(String unit) {
        return unit.equals("fraction, 0–1") ? "fraction²" : "(" + unit + ")²";
    }

    private static List<String> labels(int[] values) {
        List<String> out = new ArrayList<>();
        for (int v : values) {
            out.add(Integer.toString(v));
        }
        return out;
    }

    /** Several line pieces in one series, separated by NaN points. */
    static final class Polyline {
        private final List<Double> xs = new ArrayList<>();
        private final List<Double> ys = new ArrayList<>();

        void piece(double[] x, double[] y) {
            if (!xs.isEmpty()) {
                xs.add(Double.NaN);
                ys.add(Double.NaN);
            }
            for (int i = 0; i < x.length; i++) {
                xs.add(x[i]);
                ys.add(y[i]);
            }
        }

        void segment(double x0, double y0, double x1, double y1) {
            piece(new double[] {x0, x1}, new double[] {y0, y1});
        }

        /** A vertical line at x from y0 to y1, with horizontal caps of half-width cap if > 0. */
        void vertical(double x, double y0, double y1, double cap) {
            segment(x, y0, x, y1);
            if (cap > 0) {
                segment(x - cap, y0, x + cap, y0);
                segment(x - cap, y1, x + cap, y1);
            }
        }

        boolean isEmpty() {
            return xs.isEmpty();
        }

        XYSeries addTo(XYChart chart, String name) {
            return chart.addSeries(name, xs.stream().mapToDouble(Double::doubleValue).toArray(),
                    ys.stream().mapToDouble(Double::doubleValue).toArray());
        }
    }
}
