package org.seedscope.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.seedscope.stats.Interval;
import org.seedscope.stats.SeedVariance;
import org.seedscope.stats.Wasserstein;
import tech.tablesaw.api.Table;

class ChartsTest {

    private static final double EPS = 1e-12;
    private final Table rows = SmallStudy.table("ssd");

    /** The distinct y values of a polyline series within [lo, hi] in x (NaN breaks skipped). */
    private static TreeSet<Double> ysBetween(XYSeries s, double lo, double hi) {
        TreeSet<Double> out = new TreeSet<>();
        double[] x = s.getXData();
        double[] y = s.getYData();
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && x[i] >= lo - EPS && x[i] <= hi + EPS) {
                out.add(Math.round(y[i] * 1e9) / 1e9);
            }
        }
        return out;
    }

    private static TreeSet<Double> set(double... v) {
        TreeSet<Double> out = new TreeSet<>();
        for (double d : v) {
            out.add(Math.round(d * 1e9) / 1e9);
        }
        return out;
    }

    /** The distinct y values a protocol's box, median and whisker series have at box k. */
    private static TreeSet<Double> boxAt(XYChart chart, String protocolLabel, double centre) {
        double w = OneSeedVsManyChart.BOX_HALF_WIDTH;
        TreeSet<Double> out = ysBetween(chart.getSeriesMap().get(protocolLabel), centre - w,
                centre + w);
        out.addAll(ysBetween(chart.getSeriesMap().get(protocolLabel + OneSeedVsManyChart.MEDIANS),
                centre - w, centre + w));
        XYSeries whiskers = chart.getSeriesMap().get(protocolLabel + OneSeedVsManyChart.WHISKERS);
        for (int i = 0; i < whiskers.getXData().length; i++) {
            if (Math.abs(whiskers.getXData()[i] - centre) < EPS) {
                out.addAll(set(whiskers.getYData()[i] - whiskers.getExtraValues()[i],
                        whiskers.getYData()[i] + whiskers.getExtraValues()[i]));
            }
        }
        return out;
    }

    @Test
    void boxesSpanMinQuartilesMedianMaxPerProtocolAndMethod() {
        XYChart chart = Charts.oneSeedVsMany(rows, "forget_acc", "s");
        String one = "Algorithm 1: 1 training seed";
        String many = "Algorithm 2: many training seeds";
        double left = -OneSeedVsManyChart.BOX_OFFSET;
        double right = OneSeedVsManyChart.BOX_OFFSET;
        // hand computation, type-7 quartiles of {0.50, 0.52, 0.55}: 0.51, 0.52, 0.535
        assertEquals(set(0.50, 0.51, 0.52, 0.535, 0.55), boxAt(chart, one, left));
        // {0.40, 0.50, 0.60}: 0.45, 0.50, 0.55
        assertEquals(set(0.40, 0.45, 0.50, 0.55, 0.60), boxAt(chart, many, right));
        // ssd (method 1): Algorithm 1 collapses to 0.30; Algorithm 2 {0.1, 0.3, 0.5}
        assertEquals(set(0.30), boxAt(chart, one, 1 + left));
        assertEquals(set(0.10, 0.20, 0.30, 0.40, 0.50), boxAt(chart, many, 1 + right));
        // the box is a closed rectangle q1, q1, q3, q3, q1; whiskers reach min and max exactly
        assertArrayEquals(new double[] {0.45, 0.45, 0.55, 0.55, 0.45},
                Arrays.copyOf(chart.getSeriesMap().get(many).getYData(), 5), 1e-12);
        XYSeries whiskers = chart.getSeriesMap().get(many + OneSeedVsManyChart.WHISKERS);
        assertEquals(0.40, whiskers.getYData()[0] - whiskers.getExtraValues()[0], 1e-12);
        assertEquals(0.60, whiskers.getYData()[0] + whiskers.getExtraValues()[0], 1e-12);
        assertEquals(XYSeries.XYSeriesRenderStyle.PolygonArea,
                chart.getSeriesMap().get(many).getXYSeriesRenderStyle());
    }

    @Test
    void retrainReferenceLinesAndBandAreItsPooledQuartiles() {
        XYChart chart = Charts.oneSeedVsMany(rows, "forget_acc", "s");
        // hand computation: Retrain's six values sorted 0.40 0.50 0.50 0.52 0.55 0.60;
        // type 7: h = 1.25 -> 0.50; h = 2.5 -> 0.51; h = 3.75 -> 0.52 + 0.75 * 0.03 = 0.5425
        XYSeries band = chart.getSeriesMap().get(OneSeedVsManyChart.RETRAIN_BAND);
        assertEquals(set(0.50, 0.5425), ysBetween(band, -1, 3));
        assertArrayEquals(new double[] {-0.5, 1.5, 1.5, -0.5}, band.getXData(), EPS,
                "the band spans the whole plot");
        assertEquals(XYSeries.XYSeriesRenderStyle.PolygonArea, band.getXYSeriesRenderStyle());
        assertArrayEquals(new double[] {0.50, 0.50}, chart.getSeriesMap()
                .get(OneSeedVsManyChart.RETRAIN_Q1).getYData(), EPS);
        assertArrayEquals(new double[] {0.5425, 0.5425}, chart.getSeriesMap()
                .get(OneSeedVsManyChart.RETRAIN_Q3).getYData(), EPS);
        assertArrayEquals(new double[] {0.51, 0.51}, chart.getSeriesMap()
                .get(OneSeedVsManyChart.RETRAIN_MEDIAN).getYData(), EPS);
        assertArrayEquals(new double[] {-0.5, 1.5}, chart.getSeriesMap()
                .get(OneSeedVsManyChart.RETRAIN_MEDIAN).getXData(), EPS);
    }

    @Test
    void chartsCarryTitlesAndAxisTitlesWithUnits() {
        XYChart chart = Charts.oneSeedVsMany(rows, "forget_acc", "s");
        assertTrue(chart.getTitle().contains("forget accuracy"), chart.getTitle());
        assertEquals("method", chart.getXAxisTitle());
        assertEquals("forget accuracy (fraction, 0–1)", chart.getYAxisTitle());
        assertTrue(chart.getStyler().getAxisTickLabelsFont().getSize() >= 12);
        assertTrue(chart.getStyler().getAxisTitleFont().getSize() >= 12);
        assertEquals("ssd", Theme.methodTick(List.of("retrain", "ssd"), 1.0));
        assertEquals("", Theme.methodTick(List.of("retrain", "ssd"), 0.5).replace("\u200B", ""),
                "between methods the label is invisible");
        assertTrue(!Theme.methodTick(List.of("retrain", "ssd"), 0.5)
                .equals(Theme.methodTick(List.of("retrain", "ssd"), 1.5)),
                "XChart drops all ticks when two labels are equal");
    }

    @Test
    void wassersteinBarsAreW2OfTheTwoSamplesWithBootstrapIntervals() {
        CategoryChart chart = Charts.wassersteinByMethod(rows, "forget_acc", "s");
        CategorySeries bars = chart.getSeriesMap().get(WassersteinChart.W2_SERIES);
        assertEquals(List.of("retrain", "ssd"), new ArrayList<>(bars.getXData()));
        List<Double> w2 = doubles(bars.getYData());
        // (0.50,0.40) (0.52,0.50) (0.55,0.60): sqrt((0.01 + 0.0004 + 0.0025)/3)
        assertEquals(Math.sqrt(0.0129 / 3), w2.get(0), 1e-12);
        // hand computation: sorted pairs (0.3,0.1) (0.3,0.3) (0.3,0.5): sqrt(0.08/3)
        assertEquals(Math.sqrt(0.08 / 3), w2.get(1), 1e-12);
        Interval ci = Wasserstein.w2Bootstrap(SmallStudy.OTHER_ONE, SmallStudy.OTHER_MANY,
                Charts.W2_RESAMPLES, Charts.W2_LEVEL, Charts.W2_SEED);
        CategorySeries interval = chart.getSeriesMap().get(WassersteinChart.INTERVAL_SERIES);
        double mid = doubles(interval.getYData()).get(1);
        double half = doubles(interval.getExtraValues()).get(1);
        assertEquals(ci.lower(), mid - half, 1e-12);
        assertEquals(ci.upper(), mid + half, 1e-12);
        assertTrue(chart.getYAxisTitle().startsWith("W2 distance"));
        assertNull(chart.getSeriesMap().get(WassersteinChart.FLOOR_SERIES),
                "no floor unless the caller gives one");
    }

    @Test
    void varianceComponentsStackTheEstimableParts() {
        CategoryChart one = Charts.varianceComponents(rows, "forget_acc", "s",
                ResultRows.ONE_SEED);
        List<?> labels = new ArrayList<>(one.getSeriesMap().get("σ²_unlearn (unlearning seed)")
                .getXData());
        assertEquals(List.of("retrain (σ²_train n/e)", "ssd (σ²_train n/e)"), labels);
        // hand computation: sample variance of 0.50, 0.52, 0.55 = 0.0012666.../2
        List<Double> unlearn = doubles(one.getSeriesMap().get("σ²_unlearn (unlearning seed)")
                .getYData());
        assertEquals(0.00126666666666667 / 2, unlearn.get(0), 1e-12);
        assertEquals(0.0, unlearn.get(1), 0.0);
        CategoryChart many = Charts.varianceComponents(rows, "forget_acc", "s",
                ResultRows.MANY_SEEDS);
        // Algorithm 2: one run per seed, so only the total; variances 0.01 and 0.04 by hand
        List<Double> total = doubles(many.getSeriesMap().get("total, not separable").getYData());
        assertEquals(0.01, total.get(0), 1e-12);
        assertEquals(0.04, total.get(1), 1e-12);
        assertEquals(SeedVariance.of(rows, "forget_acc").components("s", "ssd",
                ResultRows.MANY_SEEDS).orElseThrow().total().getAsDouble(), total.get(1), 1e-12);
    }

    @Test
    void lotteryShowsOneMeanPerTrainingSeedAndTheGrandMean() {
        XYChart chart = Charts.seedLottery(rows, "forget_acc", "s", ResultRows.MANY_SEEDS);
        XYSeries points = chart.getSeriesMap().get(LotteryChart.SEED_MEANS);
        assertArrayEquals(new double[] {-0.25, 0, 0.25, 0.75, 1, 1.25}, points.getXData(), EPS);
        assertArrayEquals(new double[] {0.40, 0.50, 0.60, 0.10, 0.30, 0.50}, points.getYData(),
                EPS);
        // grand means by hand: 0.5 and 0.3
        assertEquals(set(0.5), ysBetween(chart.getSeriesMap()
                .get("grand mean over training seeds"), -0.5, 0.5));
        assertEquals(set(0.3), ysBetween(chart.getSeriesMap()
                .get("grand mean over training seeds"), 0.5, 1.5));
    }

    @Test
    void mddHeatmapHoldsTheClosedFormValues() {
        HeatMapChart chart = Charts.mddHeatmap(0.01, 0.04, new int[] {1, 4}, new int[] {2, 8},
                0.05, 0.8);
        var s = chart.getHeatMapSeries();
        assertEquals(List.of("1", "4"), s.getXData());
        assertEquals(List.of("2", "8"), s.getYData());
        // closed form: (z_0.975 + z_0.8) sqrt(2 (0.01/4 + 0.04/8)), z sum = 1.959964 + 0.841621
        List<Number[]> heat = new ArrayList<>(s.getHeatData());
        Number[] cell = heat.stream().filter(n -> n[0].intValue() == 1
                && n[1].intValue() == 0).findFirst().orElseThrow();
        assertEquals(2.801585 * Math.sqrt(2 * 0.0075), cell[2].doubleValue(), 1e-5);
        assertEquals(4, s.getHeatData().size());
        assertTrue(chart.getXAxisTitle().startsWith("I: training seeds"));
    }

    @Test
    void encodersProducePngAndSvgAndSaveChoosesByExtension(@TempDir Path dir) throws Exception {
        XYChart chart = Charts.oneSeedVsMany(rows, "forget_acc", "s");
        byte[] png = Charts.png(chart);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
        assertTrue(Charts.svg(chart).contains("<svg"));
        Charts.save(chart, dir.resolve("a/b.svg"));
        assertTrue(Files.readString(dir.resolve("a/b.svg"), StandardCharsets.UTF_8)
                .contains("<svg"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Charts.save(chart, dir.resolve("c.gif")));
        assertTrue(e.getMessage().contains(".png or .svg"), e.getMessage());
    }

    @Test
    void unknownMetricAndScenarioAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Charts.oneSeedVsMany(rows, "nope", "s"));
        assertTrue(e.getMessage().contains("nope") && e.getMessage().contains("forget_acc"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Charts.oneSeedVsMany(rows, "forget_acc", "elsewhere"));
        assertTrue(e.getMessage().contains("elsewhere") && e.getMessage().contains("[s]"),
                e.getMessage());
    }

    @Test
    void csvRoundTripKeepsTheSchemaTypes(@TempDir Path dir) {
        Path csv = dir.resolve("results.csv");
        rows.write().csv(csv.toFile());
        Table back = ResultRows.read(csv);
        assertEquals("BOOLEAN", back.column("deterministic").type().name());
        assertEquals("LONG", back.column("train_seed").type().name());
        assertEquals(List.of("forget_acc", "test_acc"), ResultRows.metricColumns(back), "measured times are not metrics");
        assertEquals(SeedVariance.of(rows, "forget_acc").table().toString(),
                SeedVariance.of(back, "forget_acc").table().toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResultRows.read(dir.resolve("missing.csv")));
        assertTrue(e.getMessage().contains("missing.csv") && e.getMessage().contains("demo"),
                e.getMessage());
    }

    private static List<Double> doubles(java.util.Collection<? extends Number> c) {
        return c.stream().map(Number::doubleValue).toList();
    }
}
