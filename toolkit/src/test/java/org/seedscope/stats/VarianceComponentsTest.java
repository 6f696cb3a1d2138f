package org.seedscope.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
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
        assertEquals(Optional.of(false), v.withinSeedConstant());
        assertEquals(5.5, v.meanInterval().get().estimate(), 1e-12, "mean of the seed means");
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
        // MLS (Ting et al. 1990) with MSB = 43, MSW = 11/3, df 2 and 9, J = 4: the published
        // formula evaluated in R 4.2.2 (toolkit/src/test/r/stats-reference.R)
        assertEquals(1.77118199, v.sigma2TrainInterval().get().lower(), 1e-7, "R 4.2.2");
        assertEquals(423.5531599, v.sigma2TrainInterval().get().upper(), 1e-6, "R 4.2.2");
        assertTrue(v.sigma2TrainInterval().get().method().startsWith("MLS"));
        // total = MSB/4 + (3/4) MSW = 13.5 (hand computation), Satterthwaite interval around it
        assertTrue(v.totalInterval().get().contains(13.5), v.totalInterval().toString());
        // t on seed means 2.5, 5, 9: sd = sqrt(10.75), t_{0.975}(2) = 4.302653 (R 4.2.2 qt)
        Interval mean = v.meanInterval().get();
        assertEquals(5.5 - 4.302652730 * Math.sqrt(10.75 / 3), mean.lower(), 1e-8, "R 4.2.2 qt");
        assertEquals(5.5 + 4.302652730 * Math.sqrt(10.75 / 3), mean.upper(), 1e-8, "R 4.2.2 qt");
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
        // one-sided: [0, MLS upper bound]; R 4.2.2, toolkit/src/test/r/stats-reference.R
        Interval train = v.sigma2TrainInterval().orElseThrow();
        assertEquals(0, train.lower(), 0.0);
        assertEquals(122.0322686, train.upper(), 1e-6, "R 4.2.2, MLS upper bound");
        assertTrue(train.method().startsWith("one-sided"), train.method());
        assertTrue(v.iccInterval().get().width() > 0, v.iccInterval().toString());
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
        assertTrue(v.withinSeedConstant().isEmpty(), "n/a without replicate runs, not false");
        assertEquals(7, v.total().getAsDouble(), 1e-12, "hand computation: MSB with n0 = 1");
        // chi-squared(2) interval 14 / qchisq(c(0.975, 0.025), 2) (R 4.2.2)
        assertEquals(1.897595215, v.totalInterval().get().lower(), 1e-8, "R 4.2.2");
        assertEquals(276.4852314, v.totalInterval().get().upper(), 1e-6, "R 4.2.2");
    }

    @Test
    void allEqualValuesGiveZerosAndDeterministic() {
        VarianceComponents v = VarianceComponents.of(new double[][] {{0.1, 0.1, 0.1}, {0.1, 0.1, 0.1}});
        assertEquals(0, v.sigma2Train().getAsDouble(), 0.0);
        assertEquals(0, v.sigma2Unlearn().getAsDouble(), 0.0);
        assertEquals(Optional.of(true), v.withinSeedConstant());
        assertTrue(v.icc().isEmpty(), "0/0 must not become NaN");
        assertEquals(0, v.sigma2UnlearnInterval().get().upper(), 0.0);
    }

    @Test
    void noWithinSeedSpreadGivesIccOneWithoutAZeroWidthInterval() {
        VarianceComponents v = VarianceComponents.of(new double[][] {{1, 1}, {2, 2}, {4, 4}});
        assertEquals(Optional.of(true), v.withinSeedConstant());
        assertEquals(0, v.sigma2Unlearn().getAsDouble(), 0.0);
        // seed means 1, 2, 4 with sample variance 7/3 (hand computation); n0 = 2
        // sigma2_train = MSB / 2 = 2 * (7/3) / 2 = 7/3
        assertEquals(7.0 / 3, v.sigma2Train().getAsDouble(), 1e-12, "hand computation");
        assertEquals(1, v.icc().getAsDouble(), 0.0);
        assertTrue(v.iccInterval().isEmpty(), "ICC = 1 exactly: no [1, 1] interval");
        // MLS with MSW = 0 is the exact chi-squared(2) interval of MSB/2 = 7/3:
        // 2 (7/3) / qchisq(c(0.975, 0.025), 2) (R 4.2.2)
        assertEquals(14.0 / 3 / 7.377758908, v.sigma2TrainInterval().get().lower(), 1e-9, "R 4.2.2");
        assertEquals(14.0 / 3 / 0.05063561597, v.sigma2TrainInterval().get().upper(), 1e-6, "R 4.2.2");
    }

    /**
     * Issue 11: the ICC interval was [0, 0] and sigma2_train had none when MSB &lt;&lt; MSW. Over
     * seeded designs with sigma2_train = 0 (so MSB &lt;= MSW half the time), every design with
     * spread gets a sigma2_train interval containing its estimate and an ICC interval of
     * positive width.
     */
    @Test
    void intervalsExistAndNeverCollapseWhenMsbIsBelowMsw() {
        long seed = 99;
        SplittableRandom rng = new SplittableRandom(seed);
        int truncated = 0;
        for (int s = 0; s < 1000; s++) {
            int k = 2 + rng.nextInt(6);
            double[][] g = new double[k][2 + rng.nextInt(4)];
            for (double[] row : g) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = rng.nextGaussian();
                }
            }
            VarianceComponents v = VarianceComponents.of(g);
            truncated += v.trainTruncated() ? 1 : 0;
            Interval train = v.sigma2TrainInterval().orElseThrow();
            assertTrue(train.contains(v.sigma2Train().getAsDouble()) && train.width() > 0,
                    train + ", design " + s + ", seed " + seed);
            Interval icc = v.iccInterval().orElseThrow();
            assertTrue(icc.width() > 0 && icc.contains(v.icc().getAsDouble()),
                    icc + ", design " + s + ", seed " + seed);
            assertTrue(v.totalInterval().get().contains(v.total().getAsDouble()));
        }
        assertTrue(truncated > 250, "the simulation must exercise MSB <= MSW: " + truncated);
    }

    /**
     * Coverage of the MLS interval for sigma2_train with few training seeds (Satterthwaite's
     * covered 0.73-0.87 here): 1000 seeded balanced designs per I, J = 4, sigma2_train =
     * sigma2_unlearn = 1. Binomial SD 0.7 points; the band 0.93-0.97 is about 3 SD.
     */
    @Test
    void mlsIntervalCoversSigma2TrainWithFewSeeds() {
        long seed = 314;
        SplittableRandom rng = new SplittableRandom(seed);
        for (int k : new int[] {3, 5, 11}) {
            int cover = 0;
            int sims = 1000;
            for (int s = 0; s < sims; s++) {
                double[][] g = new double[k][4];
                for (double[] row : g) {
                    double a = rng.nextGaussian();
                    for (int j = 0; j < row.length; j++) {
                        row[j] = a + rng.nextGaussian();
                    }
                }
                cover += VarianceComponents.of(g).sigma2TrainInterval().get().contains(1) ? 1 : 0;
            }
            double c = cover / (double) sims;
            assertTrue(c >= 0.93 && c <= 0.97, "MLS coverage " + c + " for I = " + k
                    + ", seed " + seed);
        }
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
        assertEquals(5, t.rowCount());
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
