package org.seedscope.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * The grid model against R 4.2.2, lme4 1.1-31: {@code lmer(y ~ method + (1|seed) +
 * (1|seed:method), REML = TRUE)} with nloptwrap at tolerance 1e-14 (two optimisers agreed to
 * 1e-7); data and script in toolkit/src/test/r/stats-reference.R.
 */
class GridModelTest {

    static final List<String> ABC = List.of("A", "B", "C");

    /** 6 seeds x 3 methods x 3 runs, seed-major then method then run. */
    static final double[] BALANCED = {0.8216, 0.7946, 0.8352, 0.7387, 0.6893, 0.7615, 0.8023,
        0.8063, 0.849, 0.7945, 0.823, 0.7974, 0.7554, 0.7888, 0.8183, 0.7839, 0.8011, 0.78,
        0.8263, 0.7843, 0.7802, 0.7521, 0.7829, 0.8053, 0.8602, 0.8612, 0.8903, 0.738, 0.7873,
        0.8086, 0.7601, 0.7599, 0.8071, 0.8054, 0.8161, 0.8254, 0.6405, 0.6811, 0.6396, 0.6331,
        0.6487, 0.6506, 0.741, 0.74, 0.7554, 0.843, 0.896, 0.8418, 0.879, 0.8631, 0.8984,
        0.8784, 0.9029, 0.8944};
    static final int[] U_SEED = {1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3,
        3, 3, 4, 4, 4, 4, 4, 4, 5, 5, 5, 5, 5, 5, 5, 6, 6, 6, 6, 6, 6, 7, 7, 7, 7, 7, 7};
    static final int[] U_METHOD = {1, 1, 2, 2, 2, 2, 3, 3, 3, 1, 2, 2, 2, 3, 3, 1, 1, 1, 2, 2,
        2, 2, 3, 1, 1, 1, 2, 3, 3, 1, 1, 1, 1, 2, 3, 3, 1, 1, 1, 2, 3, 3, 1, 1, 1, 2, 2, 2};
    /** 7 seeds x 3 methods, 1-4 runs per cell, cell (7, C) missing. */
    static final double[] UNBALANCED = {0.8528, 0.8438, 0.7799, 0.807, 0.8068, 0.8258, 0.8701,
        0.8329, 0.8273, 0.8296, 0.7331, 0.7332, 0.7357, 0.8759, 0.8162, 0.8352, 0.773, 0.7705,
        0.7303, 0.7777, 0.7407, 0.7249, 0.8042, 0.8392, 0.8403, 0.8636, 0.7247, 0.8254, 0.8673,
        0.7917, 0.7601, 0.7808, 0.7663, 0.6781, 0.7801, 0.8036, 0.8561, 0.8873, 0.8519, 0.8153,
        0.8021, 0.8305, 0.8408, 0.8124, 0.8483, 0.7785, 0.7929, 0.7954};

    static double[][][] grid(int seeds, int[] seed, int[] method, double[] y) {
        List<List<List<Double>>> cells = new ArrayList<>();
        for (int m = 0; m < 3; m++) {
            List<List<Double>> bySeed = new ArrayList<>();
            for (int i = 0; i < seeds; i++) {
                bySeed.add(new ArrayList<>());
            }
            cells.add(bySeed);
        }
        for (int k = 0; k < y.length; k++) {
            cells.get(method[k] - 1).get(seed[k] - 1).add(y[k]);
        }
        double[][][] v = new double[3][seeds][];
        for (int m = 0; m < 3; m++) {
            for (int i = 0; i < seeds; i++) {
                v[m][i] = cells.get(m).get(i).stream().mapToDouble(Double::doubleValue).toArray();
            }
        }
        return v;
    }

    static double[][][] balanced() {
        int[] seed = new int[54];
        int[] method = new int[54];
        for (int k = 0; k < 54; k++) {
            seed[k] = k / 9 + 1;
            method[k] = k % 9 / 3 + 1;
        }
        return grid(6, seed, method, BALANCED);
    }

    static void close(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-6 * Math.abs(expected), what + ", R 4.2.2 lme4 1.1-31");
    }

    @Test
    void balancedGridAgreesWithLme4() {
        GridModel g = GridModel.fit(ABC, balanced(), 0.95);
        close(0.00376229427, g.sigma2Seed(), "sigma2_seed");
        close(0.0006399391333, g.sigma2SeedMethod(), "sigma2_seed:method");
        close(0.0005435085249, g.sigma2Residual(), "sigma2_residual");
        close(0.785166666667, g.effects().get(0).mean(), "mean A");
        close(0.766238888889, g.effects().get(1).mean(), "mean B");
        close(0.82185, g.effects().get(2).mean(), "mean C");
        close(0.0276387497, g.effects().get(0).se(), "se A");
        close(0.0165439681, g.difference("B", "A").se(), "se(B - A)");
        close(0.0165439681, g.difference("C", "B").se(), "se(C - B)");
        assertEquals(-193.864715256, g.remlCriterion(), 1e-6, "REMLcrit, R 4.2.2 lme4 1.1-31");
        // balanced: containment df (6 - 1)(3 - 1) = 10; interval d +- t_{0.975}(10) se,
        // t_{0.975}(10) = 2.228138852 (R 4.2.2 qt)
        GridModel.Difference ba = g.difference("B", "A");
        assertEquals(10, g.differenceDf());
        assertEquals(ba.estimate() + 2.228138852 * ba.se(), ba.interval().upper(), 1e-9);
        assertEquals(-0.0189277777778, ba.estimate(), 1e-9, "fixef methodB");
        assertEquals(-ba.estimate(), g.difference("A", "B").estimate(), 0.0);
    }

    @Test
    void unbalancedGridWithAMissingCellAgreesWithLme4() {
        GridModel g = GridModel.fit(ABC, grid(7, U_SEED, U_METHOD, UNBALANCED), 0.95);
        close(0.0006992674715, g.sigma2Seed(), "sigma2_seed");
        close(0.0003499408067, g.sigma2SeedMethod(), "sigma2_seed:method");
        close(0.0004591035609, g.sigma2Residual(), "sigma2_residual");
        close(0.827129015867, g.effects().get(0).mean(), "mean A");
        close(0.758087746615, g.effects().get(1).mean(), "mean B");
        close(0.827015198316, g.effects().get(2).mean(), "mean C");
        close(0.01330207446, g.effects().get(0).se(), "se A");
        close(0.01358825636, g.effects().get(1).se(), "se B");
        close(0.01426774936, g.effects().get(2).se(), "se C");
        close(0.01275066067, g.difference("A", "B").se(), "se(B - A)");
        close(0.01347349153, g.difference("A", "C").se(), "se(C - A)");
        close(0.01379334428, g.difference("B", "C").se(), "se(C - B)");
        assertEquals(-184.199563754, g.remlCriterion(), 1e-6, "REMLcrit, R 4.2.2 lme4 1.1-31");
        assertEquals(20 - 7 - 3 + 1, g.differenceDf(), "containment df: 20 cells");
        assertEquals(48, g.runs());
        assertEquals(20, g.cells());
    }

    @Test
    void sharedSeedsNarrowTheDifferenceAndEachMethodGetsItsOwnComponents() {
        GridModel g = GridModel.fit(ABC, balanced(), 0.95);
        // an unpaired SE would carry sigma2_seed: sqrt(2 (s_seed + s_sm + s_e/3) / 6)
        double unpaired = Math.sqrt(2 * (g.sigma2Train() + g.sigma2Residual() / 3) / 6);
        assertTrue(g.difference("A", "B").se() < 0.6 * unpaired, "seed effect cancels");
        // balanced: SE of a difference = sqrt(2 (s_sm + s_e / J) / I) (closed form)
        assertEquals(Math.sqrt(2 * (g.sigma2SeedMethod() + g.sigma2Residual() / 3) / 6),
                g.difference("A", "B").se(), 1e-9, "balanced closed form");
        for (int m = 0; m < 3; m++) {
            double[][] own = balanced()[m];
            RemlEstimate expected = RemlEstimate.of(own);
            RemlEstimate got = g.effects().get(m).own().orElseThrow();
            assertEquals(expected.sigma2Train(), got.sigma2Train(), 0.0);
            assertEquals(expected.sigma2Unlearn(), got.sigma2Unlearn(), 0.0);
        }
        // paired t on per-seed mean differences A - B (hand computation of mean and sd; R 4.2.2
        // qt(0.975, 5) = 2.570581836)
        double[][][] v = balanced();
        double[] d = new double[6];
        double mean = 0;
        for (int i = 0; i < 6; i++) {
            d[i] = (v[0][i][0] + v[0][i][1] + v[0][i][2] - v[1][i][0] - v[1][i][1] - v[1][i][2]) / 3;
            mean += d[i] / 6;
        }
        double ss = 0;
        for (double x : d) {
            ss += (x - mean) * (x - mean);
        }
        Interval paired = g.difference("A", "B").paired().orElseThrow();
        assertEquals(mean, paired.estimate(), 1e-12);
        assertEquals(mean + 2.570581836 * Math.sqrt(ss / 5 / 6), paired.upper(), 1e-9, "R 4.2.2 qt");
        assertEquals(-paired.lower(), g.difference("B", "A").paired().get().upper(), 1e-15);
        Table e = g.effectsTable();
        assertEquals(3, e.rowCount());
        assertEquals(g.effects().get(1).own().get().sigma2Train(),
                e.doubleColumn("sigma2_train").get(1), 0.0);
        assertEquals(3, g.differencesTable().rowCount());
    }

    @Test
    void tableEntryMatchesArrayEntry() {
        double[][][] v = balanced();
        List<Object[]> cells = new ArrayList<>();
        for (int m = 0; m < 3; m++) {
            cells.addAll(SeedVarianceTest.gridCells(ABC.get(m), v[m]));
        }
        cells.add(new Object[] {"full:Shirt", "A", "grid", 1, 99, "ok", Double.NaN});
        GridModel t = GridModel.of(SeedVarianceTest.rows(false, cells), "forget_acc",
                "full:Shirt");
        GridModel a = GridModel.fit(ABC, v, 0.95);
        assertEquals(a.sigma2Seed(), t.sigma2Seed(), 0.0);
        assertEquals(a.differences(), t.differences());
        assertTrue(t.notes().stream().anyMatch(n -> n.startsWith("A: 1 ok row(s) with non-finite")),
                t.notes().toString());
    }

    @Test
    void unidentifiableGridsAreRejected() {
        double[][][] single = {{{1}, {2}}, {{3}, {4}}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GridModel.fit(List.of("A", "B"), single, 0.95));
        assertTrue(e.getMessage().contains("confounded"), e.getMessage());
        double[][][] constant = {{{1, 1}, {2, 2}}, {{3, 3}, {4, 4}}};
        assertThrows(IllegalArgumentException.class,
                () -> GridModel.fit(List.of("A", "B"), constant, 0.95));
        assertThrows(IllegalArgumentException.class,
                () -> GridModel.fit(List.of("A", "A"), balanced(), 0.95));
        assertThrows(IllegalArgumentException.class,
                () -> GridModel.fit(List.of("A", "B"), new double[][][] {{{1, 2}}, {{1, 3}}}, 0.95));
    }
}
