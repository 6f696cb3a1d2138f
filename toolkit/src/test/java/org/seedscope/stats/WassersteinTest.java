package org.seedscope.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

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
    }

    @Test
    void emptyOrNonFiniteSamplesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Wasserstein.w2(new double[0], new double[] {1}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Wasserstein.w1(new double[] {1}, new double[] {2, Double.NaN}));
        assertTrue(e.getMessage().contains("y[1]"), e.getMessage());
    }
}
