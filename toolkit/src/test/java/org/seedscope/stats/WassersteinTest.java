package org.seedscope.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;
import org.seedscope.results.ResultTables;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

class WassersteinTest {

    @Test
    void equalSizesUseSortedPairs() {
        // hand computation: sorted x = 1 2 3, sorted y = 2 4 5, differences 1 2 2
        // W2 = sqrt((1 + 4 + 4) / 3) = sqrt(3); W1 = (1 + 2 + 2) / 3 = 5/3
        double[] x = {3, 1, 2};
        double[] y = {2, 5, 4};
        assertEquals(Math.sqrt(3), Wasserstein.w2(x, y), 1e-12, "hand computation");
        assertEquals(5.0 / 3, Wasserstein.w1(x, y), 1e-12, "hand computation");
        assertEquals(0, Wasserstein.w2(x, new double[] {2, 3, 1}), 0.0, "same sample");
    }

    @Test
    void unequalSizesIntegrateQuantileFunctions() {
        // hand computation: x = {0, 1}, y = {0, 1, 2}; quantile steps at 1/2 and 1/3, 2/3:
        // (0,1/3]: 0 vs 0; (1/3,1/2]: 0 vs 1; (1/2,2/3]: 1 vs 1; (2/3,1]: 1 vs 2
        // W1 = 1/6 + 1/3 = 1/2 (also = integral |F - G| dx = 1/6 + 1/3); W2^2 = 1/2
        double[] x = {0, 1};
        double[] y = {2, 0, 1};
        assertEquals(0.5, Wasserstein.w1(x, y), 1e-12, "hand computation");
        assertEquals(Math.sqrt(0.5), Wasserstein.w2(x, y), 1e-12, "hand computation");
        assertEquals(Wasserstein.w2(x, y), Wasserstein.w2(y, x), 1e-15, "symmetry");
    }

    @Test
    void quantileFormAgreesWithSortedPairsFormula() {
        long seed = 42;
        Random rng = new Random(seed);
        double[] x = new double[11];
        double[] y = new double[11];
        for (int k = 0; k < x.length; k++) {
            x[k] = rng.nextGaussian();
            y[k] = 0.5 + 2 * rng.nextGaussian();
        }
        double[] xs = x.clone();
        double[] ys = y.clone();
        Arrays.sort(xs);
        Arrays.sort(ys);
        double sum = 0;
        for (int k = 0; k < xs.length; k++) {
            sum += (xs[k] - ys[k]) * (xs[k] - ys[k]);
        }
        double expected = Math.sqrt(sum / xs.length);
        assertEquals(expected, Wasserstein.w2(x, y), 1e-12, "paper's sorted-pairs W2, seed " + seed);
        // duplicating every value of y keeps its empirical distribution, so the unequal-size
        // (11 vs 22) form must give the same distance as the equal-size form
        double[] yy = new double[22];
        for (int k = 0; k < 11; k++) {
            yy[2 * k] = y[k];
            yy[2 * k + 1] = y[k];
        }
        assertEquals(expected, Wasserstein.w2(x, yy), 1e-12, "11 vs 22 values, seed " + seed);
    }

    @Test
    void bootstrapIsSeededAndCoversAClearShift() {
        long seed = 7;
        Random rng = new Random(seed);
        double[] x = new double[60];
        double[] y = new double[40];
        for (int k = 0; k < x.length; k++) {
            x[k] = rng.nextGaussian();
        }
        for (int k = 0; k < y.length; k++) {
            y[k] = 3 + rng.nextGaussian();
        }
        Interval a = Wasserstein.w2Bootstrap(x, y, 1000, 0.95, 11);
        Interval b = Wasserstein.w2Bootstrap(x, y, 1000, 0.95, 11);
        assertEquals(a, b, "same seed, same interval");
        assertEquals(Wasserstein.w2(x, y), a.estimate(), 0.0);
        // closed form: W2 between N(0,1) and N(3,1) is 3
        assertTrue(a.contains(3), "true W2 = 3 in " + a + ", data seed " + seed);
        assertTrue(a.width() > 0 && a.width() < 1.5, a.toString());
        assertEquals(a, Wasserstein.compare(x, y, 1000, 0.95, 11).w2Interval(),
                "compare draws the same bootstrap as w2Bootstrap");
    }

    @Test
    void identicalSamplesHaveAnIntervalContainingZero() {
        // issue 11: retrain's W2 = 0 (identical Algorithm-1 and -2 samples) got [3.0e-4, 1.4e-3]
        double[] x = {0.81, 0.83, 0.82, 0.80, 0.84, 0.815, 0.825};
        ProtocolDistance d = Wasserstein.compare(x, x.clone(), 2000, 0.95, 3);
        assertEquals(0, d.w2(), 0.0);
        assertEquals(0, d.w2Interval().lower(), 0.0);
        assertTrue(d.w2Interval().upper() > 0, d.toString());
        assertEquals(1, d.w2PValue(), 0.0, "no permutation is closer than identical samples");
        assertTrue(d.w2Floor50() > 0 && d.w2Floor95() > d.w2Floor50(), d.toString());
        assertFalse(d.aboveNoiseFloor());
    }

    /**
     * Under H0 (both samples from one distribution) the permutation p-value is uniform: 600
     * seeded pairs (11 vs 11 and 11 vs 7 values from N(0.8, 0.01^2)), 199 permutations each;
     * Kolmogorov-Smirnov test against U(0, 1) (Commons Statistics) must not reject at 1 %.
     */
    @Test
    void permutationPValueIsUniformUnderTheNull() {
        long seed = 1_000_003L;
        SplittableRandom rng = new SplittableRandom(seed);
        int sims = 600;
        double[] p2 = new double[sims];
        double[] p1 = new double[sims];
        for (int s = 0; s < sims; s++) {
            double[] x = new double[11];
            double[] y = new double[s % 2 == 0 ? 11 : 7];
            for (int k = 0; k < x.length; k++) {
                x[k] = 0.8 + 0.01 * rng.nextGaussian();
            }
            for (int k = 0; k < y.length; k++) {
                y[k] = 0.8 + 0.01 * rng.nextGaussian();
            }
            ProtocolDistance d = Wasserstein.compare(x, y, 199, 0.95, rng.nextLong());
            p2[s] = d.w2PValue();
            p1[s] = d.w1PValue();
        }
        KolmogorovSmirnovTest ks = KolmogorovSmirnovTest.withDefaults();
        double uniform2 = ks.test(p2, u -> Math.max(0, Math.min(1, u))).getPValue();
        double uniform1 = ks.test(p1, u -> Math.max(0, Math.min(1, u))).getPValue();
        assertTrue(uniform2 > 0.01, "KS p-value " + uniform2 + " for W2, seed " + seed);
        assertTrue(uniform1 > 0.01, "KS p-value " + uniform1 + " for W1, seed " + seed);
    }

    @Test
    void clearShiftIsAboveTheNoiseFloorAndSignificant() {
        long seed = 5;
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[11];
        double[] y = new double[11];
        for (int k = 0; k < 11; k++) {
            x[k] = rng.nextGaussian();
            y[k] = 2 + rng.nextGaussian();
        }
        ProtocolDistance d = Wasserstein.compare(x, y, 999, 0.95, 17);
        assertTrue(d.aboveNoiseFloor(), d.toString());
        assertTrue(d.w2PValue() < 0.01, d.toString());
        assertTrue(d.w2Interval().contains(d.w2()));
        assertEquals(d, Wasserstein.compare(x, y, 999, 0.95, 17), "seeded");
    }

    /**
     * Issue 11: every W2 interval must contain its estimate in every row of the shipped
     * studies (Algorithm 1 vs 2 in demo; one seed vs many inside the grid study), for every
     * metric. 300 resamples keep the test short; containment does not depend on the count.
     */
    @Test
    void w2IntervalsContainTheEstimateInEveryShippedStudy() {
        int rows = 0;
        for (String study : new String[] {"demo", "grid", "rankings"}) {
            Table t = shipped(study);
            for (String metric : metrics(t)) {
                for (Table w : List.of(Wasserstein.compareProtocols(t, metric,
                        "one-training-seed", "many-training-seeds", 300, 0.95, 20251030L),
                        Wasserstein.compareWithinGrid(t, metric, "grid", 300, 0.95, 20251030L))) {
                    for (int r = 0; r < w.rowCount(); r++) {
                        double est = w.doubleColumn("w2").get(r);
                        assertTrue(w.doubleColumn("w2_lo").get(r) <= est
                                && est <= w.doubleColumn("w2_hi").get(r), study + " / " + metric
                                + " / " + w.stringColumn("method").get(r) + ": " + est + " not in ["
                                + w.doubleColumn("w2_lo").get(r) + ", "
                                + w.doubleColumn("w2_hi").get(r) + "]");
                        rows++;
                    }
                }
            }
        }
        assertTrue(rows > 100, "the shipped studies must give W2 rows, got " + rows);
        // and the bias correction itself, not the guard that widens it, contains the estimate
        Table demo = shipped("demo");
        for (String metric : metrics(demo)) {
            Map<Slice, StudyRows.Design> d = StudyRows.designs(demo, metric);
            d.forEach((slice, a) -> {
                StudyRows.Design b = d.get(new Slice(slice.scenario(), slice.method(),
                        "many-training-seeds"));
                if (slice.protocol().equals("one-training-seed") && b != null) {
                    Interval ci = Wasserstein.w2Bootstrap(a.pooled(), b.pooled(), 300, 0.95, 1);
                    assertFalse(ci.method().contains("widened"), slice + " / " + metric + ": " + ci);
                }
            });
        }
    }

    /** A shipped study's results.csv with seeds as LONG and labels as strings. */
    static Table shipped(String study) {
        Map<String, ColumnType> types = Map.of("train_seed", ColumnType.LONG, "unlearn_seed",
                ColumnType.LONG, "deterministic", ColumnType.STRING, "reason", ColumnType.STRING,
                "hyperparameters", ColumnType.STRING);
        return Table.read().csv(CsvReadOptions.builder(Path.of("../datasets/studies", study,
                "results.csv").toFile()).columnTypesPartial(types).build());
    }

    /** Metric columns of a shipped study, as the result schema defines them (not seeds, timings or diagnostics). */
    static List<String> metrics(Table t) {
        return ResultTables.metricColumns(t);
    }

    @Test
    void protocolTableComparesAlgorithmOneWithAlgorithmTwo() {
        List<Object[]> cells = new ArrayList<>();
        // Algorithm 1: training seed 1, unlearning seeds 1..3 -> values 3, 1, 2
        double[] alg1 = {3, 1, 2};
        for (int j = 0; j < 3; j++) {
            cells.add(new Object[] {"full:Shirt", "SSD", "one-training-seed", 1, j + 1, "ok", alg1[j]});
        }
        // Algorithm 2: training seeds 1..3, one unlearning seed each -> values 2, 5, 4
        double[] alg2 = {2, 5, 4};
        for (int i = 0; i < 3; i++) {
            cells.add(new Object[] {"full:Shirt", "SSD", "many-training-seeds", i + 1, 1, "ok", alg2[i]});
        }
        // a method run under one protocol only is left out
        cells.add(new Object[] {"full:Shirt", "Finetune", "one-training-seed", 1, 1, "ok", 0.5});
        Table t = Wasserstein.compareProtocols(SeedVarianceTest.rows(false, cells),
                "forget_acc", "one-training-seed", "many-training-seeds", 200, 0.95, 1);
        assertEquals(1, t.rowCount());
        assertEquals("SSD", t.stringColumn("method").get(0));
        assertEquals(Math.sqrt(3), t.doubleColumn("w2").get(0), 1e-12, "hand case above");
        assertEquals(5.0 / 3, t.doubleColumn("w1").get(0), 1e-12, "hand case above");
        assertEquals(11.0 / 3, t.doubleColumn("mean_b").get(0), 1e-12);
        ProtocolDistance d = Wasserstein.compare(alg1, alg2, 200, 0.95, 1);
        assertEquals(d.w2Floor95(), t.doubleColumn("w2_floor95").get(0), 0.0);
        assertEquals(d.w2PValue(), t.doubleColumn("w2_p").get(0), 0.0);
        assertEquals(d.w2Interval().upper(), t.doubleColumn("w2_hi").get(0), 0.0);
    }

    @Test
    void emptyOrNonFiniteSamplesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Wasserstein.w2(new double[0], new double[] {1}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Wasserstein.w1(new double[] {1}, new double[] {2, Double.NaN}));
        assertTrue(e.getMessage().contains("y[1]"), e.getMessage());
    }
}
