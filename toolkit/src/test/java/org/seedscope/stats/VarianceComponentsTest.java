package org.seedscope.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class VarianceComponentsTest {

    /*
     * Balanced 3 x 4 design, worked by hand:
     *   seed 1: 1 2 3 4   mean 2.5  SS = 2.25 + 0.25 + 0.25 + 2.25 = 5
     *   seed 2: 3 5 4 8   mean 5    SS = 4 + 0 + 1 + 9 = 14
     *   seed 3: 7 8 9 12  mean 9    SS = 4 + 1 + 0 + 9 = 14
     *   grand mean = 66 / 12 = 5.5
     *   SSB = 4 * ((2.5-5.5)^2 + (5-5.5)^2 + (9-5.5)^2) = 4 * 21.5 = 86, df 2, MSB = 43
     *   SSW = 5 + 14 + 14 = 33, df 9, MSW = 11/3
     *   sigma2_train = (43 - 11/3) / 4 = 118/12, sigma2_unlearn = 11/3
     *   total = 118/12 + 44/12 = 13.5, ICC = (118/12) / 13.5 = 59/81
     */
    static final double[][] BALANCED = {{1, 2, 3, 4}, {3, 5, 4, 8}, {7, 8, 9, 12}};

    @Test
    void balancedDesignMatchesHandComputation() {
        VarianceComponents v = VarianceComponents.of(BALANCED);
        assertEquals(3, v.trainingSeeds());
        assertEquals(12, v.runs());
        assertTrue(v.balanced());
        assertEquals(5.5, v.grandMean(), 1e-12, "hand computation");
        assertEquals(86, v.ssBetween(), 1e-12, "hand computation");
        assertEquals(33, v.ssWithin(), 1e-12, "hand computation");
        assertEquals(43, v.msBetween().getAsDouble(), 1e-12, "hand computation");
        assertEquals(11.0 / 3, v.msWithin().getAsDouble(), 1e-12, "hand computation");
        assertEquals(4, v.n0(), 1e-12, "n0 = J for balanced data");
        assertEquals(118.0 / 12, v.sigma2Train().getAsDouble(), 1e-12, "hand computation");
        assertEquals(11.0 / 3, v.sigma2Unlearn().getAsDouble(), 1e-12, "hand computation");
        assertEquals(13.5, v.total().getAsDouble(), 1e-12, "hand computation");
        assertEquals(59.0 / 81, v.icc().getAsDouble(), 1e-12, "hand computation");
        assertEquals(59.0 / 81, v.shareTrain().getAsDouble(), 1e-12, "law of total variance");
        assertEquals(22.0 / 81, v.shareUnlearn().getAsDouble(), 1e-12, "law of total variance");
        assertFalse(v.trainTruncated());
        assertFalse(v.deterministic());
    }

    @Test
    void balancedIntervalsMatchReferenceQuantiles() {
        VarianceComponents v = VarianceComponents.of(BALANCED, 0.95);
        // chi-squared interval: 33 / chi2_{0.975}(9) = 33 / 19.02277, 33 / chi2_{0.025}(9) = 33 / 2.70039
        // (quantiles from SciPy 1.17 scipy.stats.chi2.ppf)
        assertEquals(1.734763, v.sigma2UnlearnInterval().get().lower(), 1e-5, "SciPy 1.17");
        assertEquals(12.22046, v.sigma2UnlearnInterval().get().upper(), 1e-4, "SciPy 1.17");
        // ICC: F = 43 / (11/3) = 11.7273; F_{0.975}(2, 9) = 5.714705, F_{0.025}(2, 9) = 0.0253892
        // F_L = 2.05211 -> (F_L - 1)/(F_L + 3) = 0.208253; F_U = 461.90 -> 0.991396 (SciPy 1.17)
        assertEquals(0.2082535, v.iccInterval().get().lower(), 1e-5, "Searle exact F, SciPy 1.17");
        assertEquals(0.9913960, v.iccInterval().get().upper(), 1e-5, "Searle exact F, SciPy 1.17");
        assertTrue(v.iccInterval().get().method().startsWith("exact F"));
        // Satterthwaite: nu = (43 - 11/3)^2 / (43^2/2 + (11/3)^2/9) = 1.670757 (hand computation)
        // bounds nu * (118/12) / chi2_{0.975, 0.025}(nu) (SciPy 1.17)
        assertEquals(2.465083, v.sigma2TrainInterval().get().lower(), 1e-4, "SciPy 1.17");
        assertEquals(726.359, v.sigma2TrainInterval().get().upper(), 0.05, "SciPy 1.17");
    }

    /*
     * Unbalanced hand case: {2, 4} mean 3 SS 2; {5, 6, 7} mean 6 SS 2; {9} mean 9 SS 0.
     *   N = 6, grand mean 33/6 = 5.5
     *   SSB = 2 * 2.5^2 + 3 * 0.5^2 + 1 * 3.5^2 = 12.5 + 0.75 + 12.25 = 25.5, MSB = 12.75
     *   SSW = 4, df_W = 3, MSW = 4/3
     *   n0 = (6 - (4 + 9 + 1)/6) / 2 = 11/6
     *   sigma2_train = (12.75 - 4/3) / (11/6) = 68.5 / 11
     */
    @Test
    void unbalancedDesignUsesN0() {
        VarianceComponents v = VarianceComponents.of(new double[][] {{2, 4}, {5, 6, 7}, {9}});
        assertFalse(v.balanced());
        assertEquals(1, v.minPerSeed());
        assertEquals(3, v.maxPerSeed());
        assertEquals(5.5, v.grandMean(), 1e-12, "hand computation");
        assertEquals(25.5, v.ssBetween(), 1e-12, "hand computation");
        assertEquals(4, v.ssWithin(), 1e-12, "hand computation");
        assertEquals(11.0 / 6, v.n0(), 1e-12, "hand computation");
        assertEquals(68.5 / 11, v.sigma2Train().getAsDouble(), 1e-12, "hand computation");
        assertEquals(4.0 / 3, v.sigma2Unlearn().getAsDouble(), 1e-12, "hand computation");
        assertTrue(v.iccInterval().get().method().startsWith("approximate F"));
        assertTrue(v.notes().stream().anyMatch(n -> n.contains("unbalanced")));
    }

    @Test
    void negativeTrainEstimateIsTruncatedAndFlagged() {
        // hand computation: {1, 3} mean 2 SS 2; {0, 5} mean 2.5 SS 12.5; grand mean 2.25
        // SSB = 2 * 0.25^2 + 2 * 0.25^2 = 0.25 = MSB (df 1); MSW = 14.5 / 2 = 7.25
        // raw sigma2_train = (0.25 - 7.25) / 2 = -3.5 -> truncated to 0
        VarianceComponents v = VarianceComponents.of(new double[][] {{1, 3}, {0, 5}});
        assertTrue(v.trainTruncated());
        assertEquals(0, v.sigma2Train().getAsDouble(), 0.0);
        assertEquals(0, v.icc().getAsDouble(), 0.0);
        assertTrue(v.sigma2TrainInterval().isEmpty(), "Satterthwaite undefined when MSB <= MSW");
        assertTrue(v.notes().stream().anyMatch(n -> n.contains("truncated")));
    }

    @Test
    void oneTrainingSeedMarksTrainNotEstimable() {
        VarianceComponents v = VarianceComponents.of(new double[][] {{1, 2, 4}});
        assertTrue(v.sigma2Train().isEmpty());
        assertTrue(v.icc().isEmpty());
        assertTrue(v.total().isEmpty());
        // sample variance of {1, 2, 4}: mean 7/3, SS = 16/9 + 1/9 + 25/9 = 42/9, / 2 = 7/3
        assertEquals(7.0 / 3, v.sigma2Unlearn().getAsDouble(), 1e-12, "hand computation");
        assertTrue(v.notes().stream().anyMatch(n -> n.contains("I = 1")));
        assertTrue(v.toString().contains("not estimable"));
    }

    @Test
    void singleRunPerSeedMarksUnlearnNotEstimableButGivesTotal() {
        // hand computation: values 1, 2, 6 have mean 3, SS = 4 + 1 + 9 = 14, MSB = 14 / 2 = 7
        VarianceComponents v = VarianceComponents.of(new double[][] {{1}, {2}, {6}});
        assertTrue(v.sigma2Unlearn().isEmpty());
        assertTrue(v.sigma2Train().isEmpty());
        assertTrue(v.icc().isEmpty());
        assertFalse(v.deterministic(), "cannot tell without replicate runs");
        assertEquals(7, v.total().getAsDouble(), 1e-12, "hand computation: MSB with n0 = 1");
    }

    @Test
    void allEqualValuesGiveZerosAndDeterministic() {
        VarianceComponents v = VarianceComponents.of(new double[][] {{0.1, 0.1, 0.1}, {0.1, 0.1, 0.1}});
        assertEquals(0, v.sigma2Train().getAsDouble(), 0.0);
        assertEquals(0, v.sigma2Unlearn().getAsDouble(), 0.0);
        assertTrue(v.deterministic());
        assertTrue(v.icc().isEmpty(), "0/0 must not become NaN");
        assertEquals(0, v.sigma2UnlearnInterval().get().upper(), 0.0);
    }

    @Test
    void deterministicMethodGetsIccOne() {
        VarianceComponents v = VarianceComponents.of(new double[][] {{1, 1}, {2, 2}, {4, 4}});
        assertTrue(v.deterministic());
        assertEquals(0, v.sigma2Unlearn().getAsDouble(), 0.0);
        // seed means 1, 2, 4 with sample variance 7/3 (hand computation); n0 = 2
        // sigma2_train = MSB / 2 = 2 * (7/3) / 2 = 7/3
        assertEquals(7.0 / 3, v.sigma2Train().getAsDouble(), 1e-12, "hand computation");
        assertEquals(1, v.icc().getAsDouble(), 0.0);
        assertEquals(1, v.iccInterval().get().lower(), 0.0);
    }

    @Test
    void nonFiniteValueIsRejectedWithPosition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VarianceComponents.of(new double[][] {{1, 2}, {3, Double.NaN}}));
        assertTrue(e.getMessage().contains("groups[1][1]"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> VarianceComponents.of(new double[][] {{1, 2}, {}}));
        assertThrows(IllegalArgumentException.class, () -> VarianceComponents.of(new double[0][]));
        assertThrows(IllegalArgumentException.class, () -> VarianceComponents.of(BALANCED, 1.0));
    }

    @Test
    void tableListsComponentsWithMissingCellsForNonEstimable() {
        Table t = VarianceComponents.of(new double[][] {{1, 2, 4}}).table();
        assertEquals(4, t.rowCount());
        assertTrue(t.doubleColumn("estimate").isMissing(0), "sigma2_train is missing");
        assertEquals(7.0 / 3, t.doubleColumn("estimate").get(1), 1e-12);
        Table b = VarianceComponents.of(BALANCED).table();
        assertEquals(59.0 / 81, b.doubleColumn("estimate").get(3), 1e-12);
    }

    /**
     * Coverage in a seeded simulation: 500 balanced designs with I = 10, J = 5, sigma2_train =
     * sigma2_unlearn = 1 (ICC 0.5). Both intervals are exact under normality, so the coverage is
     * binomial(500, 0.95) with SD 0.97 percentage points; +-4 points is about 4 SD.
     */
    @Test
    void chiSquaredAndIccIntervalsCoverTheTruth() {
        long seed = 20240611L;
        Random rng = new Random(seed);
        int sims = 500;
        int coverU = 0;
        int coverIcc = 0;
        for (int s = 0; s < sims; s++) {
            double[][] g = new double[10][5];
            for (double[] row : g) {
                double a = rng.nextGaussian();
                for (int j = 0; j < row.length; j++) {
                    row[j] = 3 + a + rng.nextGaussian();
                }
            }
            VarianceComponents v = VarianceComponents.of(g);
            coverU += v.sigma2UnlearnInterval().get().contains(1) ? 1 : 0;
            coverIcc += v.iccInterval().get().contains(0.5) ? 1 : 0;
        }
        assertEquals(0.95, coverU / (double) sims, 0.04, "chi-squared coverage, seed " + seed);
        assertEquals(0.95, coverIcc / (double) sims, 0.04, "ICC coverage, seed " + seed);
    }
}
