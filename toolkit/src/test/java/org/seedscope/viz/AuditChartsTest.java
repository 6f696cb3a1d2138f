package org.seedscope.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.seedscope.audit.Audit;
import org.seedscope.audit.MethodAudit;
import org.seedscope.audit.Roc;
import org.seedscope.audit.SeedAudit;
import org.seedscope.audit.SyntheticStudy;
import org.seedscope.viz.AuditSpreadChart.Statistic;

class AuditChartsTest {

    private static final double EPS = 1e-12;
    private static final double NAN = Double.NaN;

    /** A hand-made audit of slice grid / s. */
    static MethodAudit audit(String method, Roc roc, double[] epsilons, double forgetQuality, SeedAudit... seeds) {
        return new MethodAudit("grid", "s", method, method.equals(Audit.FLOOR) || method.equals(Audit.ORIGINAL),
                seeds.length, 4, 4, new int[epsilons.length], roc, epsilons, forgetQuality, NAN, NAN,
                List.of(seeds));
    }

    static SeedAudit seed(long trainSeed, double auc, double forgetQuality) {
        return new SeedAudit(trainSeed, 2, 2, auc, NAN, NAN, forgetQuality, NAN);
    }

    /** Positives scored 3 and 1, negatives 2 and 0: ROC (0,0) (0,.5) (.5,.5) (.5,1) (1,1), AUC 0.75. */
    static Roc halfRoc() {
        return Roc.of(new double[] {3, 1, 2, 0}, new boolean[] {true, true, false, false});
    }

    /** Both negatives above both positives: TPR stays 0 until FPR 1, AUC 0. */
    static Roc invertedRoc() {
        return Roc.of(new double[] {4, 3.5, 3, 1}, new boolean[] {false, false, true, true});
    }

    private static List<Double> list(Iterable<? extends Number> values) {
        List<Double> out = new ArrayList<>();
        values.forEach(v -> out.add(v.doubleValue()));
        return out;
    }

    @Test
    void rocCurvesAreTheLogSpacedRocsWithoutZeroTprOnLogLogAxes() {
        MethodAudit floor = audit(Audit.FLOOR, invertedRoc(), new double[] {1}, NAN);
        MethodAudit m = audit("finetune", halfRoc(), new double[] {1}, NAN);
        XYChart chart = AuditRocChart.of(List.of(m, floor));
        assertTrue(chart.getStyler().isXAxisLogarithmic() && chart.getStyler().isYAxisLogarithmic());
        XYSeries s = chart.getSeriesMap().get("finetune, AUC 0.75");
        // hand computation: 2 negatives, so the rates run from 1/2 to 1, and at FPR 1/2 the curve has reached TPR 1
        assertEquals(AuditRocChart.POINTS, s.getXData().length);
        assertEquals(0.5, s.getXData()[0], EPS);
        assertEquals(1.0, s.getXData()[AuditRocChart.POINTS - 1], EPS);
        assertTrue(Arrays.stream(s.getYData()).allMatch(y -> y == 1.0), Arrays.toString(s.getYData()));
        double[][] spaced = halfRoc().logSpaced(AuditRocChart.POINTS);
        for (int i = 0; i < spaced.length; i++) {
            assertEquals(spaced[i][0], s.getXData()[i], EPS, "the chart draws Roc.logSpaced, point " + i);
        }
        // the floor's TPR is 0 below FPR 1 (hand computation), so only (1, 1) is drawn
        XYSeries f = chart.getSeriesMap().get("Retrain vs Retrain (floor), AUC 0");
        assertArrayEquals(new double[] {1}, f.getXData(), EPS);
        assertArrayEquals(new double[] {1}, f.getYData(), EPS);
        assertEquals(Theme.REFERENCE, f.getLineColor());
        XYSeries chance = chart.getSeriesMap().get(AuditRocChart.CHANCE);
        assertArrayEquals(new double[] {0.5, 1}, chance.getXData(), EPS, "from the smallest rate drawn");
        assertArrayEquals(chance.getXData(), chance.getYData(), EPS);
        assertEquals(List.of(AuditRocChart.CHANCE, "Retrain vs Retrain (floor), AUC 0", "finetune, AUC 0.75"),
                new ArrayList<>(chart.getSeriesMap().keySet()), "floor first, whatever the input order");
    }

    @Test
    void histogramBarsAreFractionsPerCompetitionBucketWithACapBin() {
        // largest epsilon below the cap is 1.6, so buckets [0,.5) [.5,1) [1,1.5) [1.5,2) and the cap
        MethodAudit floor = audit(Audit.FLOOR, halfRoc(), new double[] {0.2, 0.5, 1.3, NAN}, NAN);
        MethodAudit m = audit("ssd", halfRoc(), new double[] {1.6, 50, 50, 0.7}, NAN);
        CategoryChart chart = EpsilonHistogramChart.of(List.of(floor, m));
        CategorySeries f = chart.getSeriesMap().get("Retrain vs Retrain (floor), median ε 0.5");
        assertEquals(List.of("0–0.5", "0.5–1", "1–1.5", "1.5–2", "50 (cap)"), new ArrayList<>(f.getXData()));
        // hand computation: 3 finite values, 0.2 in bucket 0, 0.5 (a bucket's left edge) in bucket 1, 1.3 in bucket 2
        assertEquals(List.of(1 / 3.0, 1 / 3.0, 1 / 3.0, 0.0, 0.0), list(f.getYData()));
        CategorySeries s = chart.getSeriesMap().get("ssd, median ε 25.8");
        assertEquals(List.of(0.0, 0.25, 0.0, 0.25, 0.5), list(s.getYData()));
        assertEquals(Theme.REFERENCE, chart.getStyler().getSeriesColors()[0]);
    }

    @Test
    void histogramLeavesOutAuditsWithoutFiniteEpsilonAndRefusesWhenNoneHasOne() {
        MethodAudit floor = audit(Audit.FLOOR, halfRoc(), new double[] {NAN, NAN}, NAN);
        MethodAudit m = audit("ssd", halfRoc(), new double[] {0.1}, NAN);
        CategoryChart chart = EpsilonHistogramChart.of(List.of(floor, m));
        assertEquals(List.of("ssd, median ε 0.1"), new ArrayList<>(chart.getSeriesMap().keySet()));
        assertEquals(List.of("0–0.5", "50 (cap)"), new ArrayList<>(chart.getSeriesMap().get("ssd, median ε 0.1")
                .getXData()));
        assertNull(EpsilonHistogramChart.fractions(new double[] {NAN}, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EpsilonHistogramChart.of(List.of(floor)));
        assertTrue(e.getMessage().contains("grid / s"), e.getMessage());
    }

    @Test
    void spreadChartShowsEachSeedsAuditThePooledValueAndTheFloorsRange() {
        MethodAudit floor = audit(Audit.FLOOR, halfRoc(), new double[] {1}, 0.2, seed(1, 0.48, 0.2),
                seed(3, 0.53, NAN));
        MethodAudit m = audit("ssd", halfRoc(), new double[] {1}, 0.05, seed(1, 0.7, 0.1), seed(2, NAN, 0.0),
                seed(3, 0.9, 0.1), seed(4, 0.8, 0.0));
        XYChart chart = AuditSpreadChart.of(List.of(m, floor), Statistic.AUC);
        assertArrayEquals(new double[] {0.48, 0.48, 0.53, 0.53},
                chart.getSeriesMap().get(AuditSpreadChart.FLOOR_BAND).getYData(), EPS);
        assertArrayEquals(new double[] {-0.5, 1.5, 1.5, -0.5},
                chart.getSeriesMap().get(AuditSpreadChart.FLOOR_BAND).getXData(), EPS);
        // pooled AUC of halfRoc is 0.75 for both (hand computation above)
        assertArrayEquals(new double[] {0.75, 0.75}, chart.getSeriesMap().get(AuditSpreadChart.FLOOR_POOLED)
                .getYData(), EPS);
        XYSeries points = chart.getSeriesMap().get(AuditSpreadChart.SEED_VALUES);
        // floor at x = 0 (2 values), ssd at x = 1 (3 finite of 4), spread over +-0.25
        assertArrayEquals(new double[] {-0.25, 0.25, 0.75, 1.0, 1.25}, points.getXData(), EPS);
        assertArrayEquals(new double[] {0.48, 0.53, 0.7, 0.9, 0.8}, points.getYData(), EPS);
        XYSeries pooled = chart.getSeriesMap().get(AuditSpreadChart.POOLED);
        assertArrayEquals(new double[] {-0.32, 0.32, NAN, 0.68, 1.32}, pooled.getXData(), EPS);
        assertArrayEquals(new double[] {0.75, 0.75, NAN, 0.75, 0.75}, pooled.getYData(), EPS);
        assertEquals("floor", Theme.methodTick(List.of("floor", "ssd"), 0.0));
        XYChart quality = AuditSpreadChart.of(List.of(m, floor), Statistic.FORGET_QUALITY);
        assertArrayEquals(new double[] {0.2, 0.2, 0.2, 0.2},
                quality.getSeriesMap().get(AuditSpreadChart.FLOOR_BAND).getYData(), EPS, "one finite pair");
        assertArrayEquals(new double[] {0.2, 0.1, 0.0, 0.1, 0.0},
                quality.getSeriesMap().get(AuditSpreadChart.SEED_VALUES).getYData(), EPS);
        assertArrayEquals(new double[] {0.2, 0.2, NAN, 0.05, 0.05},
                quality.getSeriesMap().get(AuditSpreadChart.POOLED).getYData(), EPS);
    }

    @Test
    void spreadChartWithoutFloorHasNoFloorSeries() {
        MethodAudit m = audit("ssd", halfRoc(), new double[] {1}, NAN, seed(1, 0.7, NAN));
        XYChart chart = AuditSpreadChart.of(List.of(m), Statistic.AUC);
        assertFalse(chart.getSeriesMap().containsKey(AuditSpreadChart.FLOOR_BAND));
        assertFalse(chart.getSeriesMap().containsKey(AuditSpreadChart.FLOOR_POOLED));
        assertArrayEquals(new double[] {0}, chart.getSeriesMap().get(AuditSpreadChart.SEED_VALUES).getXData(),
                EPS, "a single value sits on its method");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AuditSpreadChart.of(List.of(m), Statistic.FORGET_QUALITY));
        assertTrue(e.getMessage().contains("Forgetting quality"), e.getMessage());
    }

    @Test
    void slicesAreCheckedAndOrderedFloorOriginalMethods() {
        MethodAudit other = new MethodAudit("grid", "t", "ssd", false, 1, 1, 1, new int[1], halfRoc(),
                new double[] {1}, NAN, NAN, NAN, List.of());
        MethodAudit m = audit("ssd", halfRoc(), new double[] {1}, NAN);
        IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class,
                () -> AuditRocChart.of(List.of(m, other)));
        assertTrue(mixed.getMessage().contains("grid / s") && mixed.getMessage().contains("grid / t"),
                mixed.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AuditRocChart.of(List.of(m, m)));
        assertThrows(IllegalArgumentException.class, () -> AuditRocChart.of(List.of()));
        AuditSlice s = AuditSlice.of(List.of(m, audit(Audit.ORIGINAL, halfRoc(), new double[] {1}, NAN),
                audit(Audit.FLOOR, halfRoc(), new double[] {1}, NAN), audit("finetune", halfRoc(), new double[] {1},
                NAN)));
        assertEquals(List.of("floor", "original", "ssd", "finetune"), s.methods());
        assertEquals(List.of(Theme.REFERENCE, Color.BLACK, Theme.ALGORITHM_2, Theme.ALGORITHM_1),
                List.of(s.colour(0), s.colour(1), s.colour(2), s.colour(3)));
    }

    @Test
    void chartsOfARealAuditRenderInTheSharedTheme(@TempDir Path dir) {
        SyntheticStudy.write(dir, 4, 3, 20, 10, 7);
        Audit audit = Audit.of(dir);
        XYChart roc = Charts.auditRoc(audit, SyntheticStudy.SCENARIO);
        List<String> names = new ArrayList<>(roc.getSeriesMap().keySet());
        assertTrue(names.get(1).startsWith(AuditSlice.FLOOR_LABEL + ", AUC "), names.toString());
        assertTrue(names.get(2).startsWith(AuditSlice.ORIGINAL_LABEL + ", AUC "), names.toString());
        assertTrue(names.get(3).startsWith("retrain2, AUC "), names.toString());
        List<Chart<?, ?>> charts = List.of(roc, Charts.epsilonHistogram(audit, SyntheticStudy.SCENARIO),
                Charts.auditSpread(audit, SyntheticStudy.SCENARIO, Statistic.AUC),
                Charts.auditSpread(audit, SyntheticStudy.SCENARIO, Statistic.TPR_AT_1),
                Charts.auditSpread(audit, SyntheticStudy.SCENARIO, Statistic.MEDIAN_EPSILON),
                Charts.auditSpread(audit, SyntheticStudy.SCENARIO, Statistic.FORGET_QUALITY));
        for (Chart<?, ?> c : charts) {
            AxesChartStyler st = (AxesChartStyler) c.getStyler();
            assertEquals(16, st.getChartTitleFont().getSize(), c.getTitle());
            assertEquals(13, st.getAxisTickLabelsFont().getSize(), c.getTitle());
            assertEquals(Color.WHITE, st.getChartBackgroundColor(), c.getTitle());
            assertTrue(c.getTitle().contains("grid / " + SyntheticStudy.SCENARIO), c.getTitle());
            // XChart refuses non-positive values on log axes only when it paints
            assertTrue(Charts.png(c).length > 1000, c.getTitle());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Charts.auditRoc(audit, "full:9"));
        assertTrue(e.getMessage().contains("grid / " + SyntheticStudy.SCENARIO), e.getMessage());
    }
}
