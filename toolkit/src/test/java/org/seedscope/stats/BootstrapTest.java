package org.seedscope.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class BootstrapTest {

    @Test
    void hierarchicalWidthMatchesTheClosedFormBootstrapVariance() {
        // For one replicate draw: pick seed g uniformly, then the mean of J_g values resampled
        // from it. Its variance is (1/I) sum (m_g - m)^2 + (1/I) sum v_g / J_g, with m_g the seed
        // mean and v_g the population variance of seed g; the replicate averages I such draws,
        // so Var* = that / I (closed form). For I = 30 the replicates are close to normal and the
        // 95 % percentile interval is about 2 * 1.96 * sqrt(Var*) wide; 4000 resamples give the
        // quantiles to a few percent, so the tolerance is 8 %.
        long seed = 5;
        Random rng = new Random(seed);
        double[][] g = new double[30][];
        for (int i = 0; i < g.length; i++) {
            g[i] = new double[3 + i % 4];
            double a = rng.nextGaussian();
            for (int j = 0; j < g[i].length; j++) {
                g[i][j] = a + 0.5 * rng.nextGaussian();
            }
        }
        double[] m = Groups.groupMeans(g);
        double mm = Groups.mean(m);
        double between = 0;
        double within = 0;
        for (int i = 0; i < g.length; i++) {
            between += (m[i] - mm) * (m[i] - mm) / g.length;
            double v = 0;
            for (double x : g[i]) {
                v += (x - m[i]) * (x - m[i]) / g[i].length;
            }
            within += v / g[i].length / g.length;
        }
        double sd = Math.sqrt((between + within) / g.length);
        Interval ci = Bootstrap.hierarchicalMean(g, 4000, 0.95, 17);
        assertEquals(mm, ci.estimate(), 1e-12);
        assertEquals(2 * 1.959964 * sd, ci.width(), 0.08 * 2 * 1.959964 * sd,
                "closed-form bootstrap variance, data seed " + seed + ", bootstrap seed 17");
        assertEquals(ci, Bootstrap.hierarchicalMean(g, 4000, 0.95, 17), "same seed, same interval");
    }

    @Test
    void tableEntryMatchesArrayEntryPerSlice() {
        List<Object[]> cells = SeedVarianceTest.gridCells("A", VarianceComponentsTest.BALANCED);
        cells.add(new Object[] {"full:Shirt", "B", "grid", 1, 1, "failed", 0.0});
        Table t = Bootstrap.meanTable(SeedVarianceTest.rows(false, cells),
                "forget_acc", 500, 0.9, 8);
        assertEquals(1, t.rowCount(), "slice B has no ok rows");
        Interval direct = Bootstrap.hierarchicalMean(VarianceComponentsTest.BALANCED, 500, 0.9, 8);
        assertEquals(direct.lower(), t.doubleColumn("boot_lo").get(0), 0.0);
        assertEquals(direct.upper(), t.doubleColumn("boot_hi").get(0), 0.0);
        Interval tInterval = MeanInterval.tOnSeedMeans(VarianceComponentsTest.BALANCED, 0.9).get();
        assertEquals(tInterval.lower(), t.doubleColumn("t_lo").get(0), 0.0);
        assertEquals(tInterval.upper(), t.doubleColumn("t_hi").get(0), 0.0);
        assertEquals(5.5, t.doubleColumn("mean").get(0), 1e-12, "hand computation");
        assertEquals(12, t.intColumn("runs").get(0));
    }

    @Test
    void constantDataGiveAZeroWidthInterval() {
        Interval ci = Bootstrap.hierarchicalMean(new double[][] {{2, 2}, {2}}, 200, 0.9, 1);
        assertEquals(2, ci.lower(), 0.0);
        assertEquals(2, ci.upper(), 0.0);
        assertThrows(IllegalArgumentException.class,
                () -> Bootstrap.hierarchicalMean(new double[][] {{1}}, 0, 0.9, 1));
    }
}
