package org.seedscope.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RemlEstimateTest {

    /** |actual − expected| ≤ tol·|expected| (exact when expected is 0). */
    static void assertRelative(double expected, double actual, double tol, String message) {
        assertEquals(expected, actual, tol * Math.abs(expected), message);
    }

    /**
     * Balanced closed form (Searle, Casella and McCulloch 1992, §6.6): with MSB &gt; MSW the REML
     * estimate is σ²_train = (MSB − MSW)/J, σ²_unlearn = MSW; otherwise σ²_train = 0 and
     * σ²_unlearn = SST/(N − 1); with no within-seed spread σ²_train = MSB/J. Sums of squares are
     * computed here independently of the code under test.
     */
    static double[] closedForm(double[][] g) {
        int k = g.length;
        int j = g[0].length;
        double grand = 0;
        double[] m = new double[k];
        for (int i = 0; i < k; i++) {
            for (double x : g[i]) {
                m[i] += x / j;
            }
            grand += m[i] / k;
        }
        double ssb = 0;
        double ssw = 0;
        for (int i = 0; i < k; i++) {
            ssb += j * (m[i] - grand) * (m[i] - grand);
            for (double x : g[i]) {
                ssw += (x - m[i]) * (x - m[i]);
            }
        }
        double msb = ssb / (k - 1);
        double msw = ssw / (k * (j - 1));
        if (msb > msw) {
            return new double[] {(msb - msw) / j, msw};
        }
        return new double[] {0, (ssb + ssw) / (k * j - 1)};
    }

    @Test
    void balancedRemlMatchesClosedFormAcrossEveryRatio() {
        // issue 11 item 4: 6 x 4, sigma_train = 1, sigma_unlearn = 1e-6 was off by 75 % / 5-470x
        long seed = 20251201L;
        SplittableRandom rng = new SplittableRandom(seed);
        for (double ratio : new double[] {0, 1e-8, 1e-6, 1e-3, 1, 1e3, 1e8}) {
            for (int rep = 0; rep < 25; rep++) {
                double[][] g = new double[6][4];
                for (double[] row : g) {
                    double a = rng.nextGaussian();
                    for (int j = 0; j < row.length; j++) {
                        row[j] = 0.5 + a + ratio * rng.nextGaussian();
                    }
                }
                double[] expected = ratio == 0 ? new double[] {variance(g), 0} : closedForm(g);
                RemlEstimate r = RemlEstimate.of(g);
                String where = "sigma_u/sigma_t = " + ratio + ", rep " + rep + ", seed " + seed;
                assertRelative(expected[0], r.sigma2Train(), 1e-6, "sigma2_train, " + where);
                assertRelative(expected[1], r.sigma2Unlearn(), 1e-6, "sigma2_unlearn, " + where);
                assertEquals(expected[0] == 0, r.atBoundary(), where);
            }
        }
    }

    /** Sample variance of the seed means (σ²_train when there is no within-seed spread). */
    private static double variance(double[][] g) {
        double[] m = new double[g.length];
        double grand = 0;
        for (int i = 0; i < g.length; i++) {
            m[i] = g[i][0];
            grand += m[i] / g.length;
        }
        double ss = 0;
        for (double x : m) {
            ss += (x - grand) * (x - grand);
        }
        return ss / (g.length - 1);
    }

    @Test
    void unbalancedMatchesLme4AndTheRemlProfile() {
        // R 4.2.2, lme4 1.1-31: lmer(y ~ 1 + (1|seed), REML = TRUE), toolkit/src/test/r/
        // stats-reference.R; profile intervals from R's optimize/uniroot on the REML criterion,
        // which equals lme4's REMLcrit at the optimum
        RemlEstimate r = RemlEstimate.of(new double[][] {{2, 4}, {5, 6, 7}, {9}});
        assertRelative(7.798469915, r.sigma2Train(), 1e-6, "R 4.2.2, lme4 1.1-31");
        assertRelative(1.352926865, r.sigma2Unlearn(), 1e-6, "R 4.2.2, lme4 1.1-31");
        assertRelative(5.924914896, r.mean(), 1e-8, "R 4.2.2, lme4 1.1-31");
        assertEquals(22.2949701688, r.remlCriterion().getAsDouble(), 1e-8, "lme4 REMLcrit");
        assertEquals(0, r.sigma2TrainInterval().get().lower(), 0.0, "R REML profile");
        assertRelative(153.4303845, r.sigma2TrainInterval().get().upper(), 1e-6, "R REML profile");
        assertRelative(0.3774768321, r.sigma2UnlearnInterval().get().lower(), 1e-6, "R REML profile");
        assertRelative(13.29244149, r.sigma2UnlearnInterval().get().upper(), 1e-6, "R REML profile");

        RemlEstimate s = RemlEstimate.of(new double[][] {{0.31, 0.35, 0.29}, {0.40, 0.44},
            {0.22, 0.25, 0.20, 0.27}, {0.33}, {0.38, 0.36, 0.41}});
        assertRelative(0.004788762032, s.sigma2Train(), 1e-6, "R 4.2.2, lme4 1.1-31");
        assertRelative(0.0008452843431, s.sigma2Unlearn(), 1e-6, "R 4.2.2, lme4 1.1-31");
        assertRelative(0.3363901076, s.mean(), 1e-8, "R 4.2.2, lme4 1.1-31");
        assertEquals(-37.7073687411, s.remlCriterion().getAsDouble(), 1e-8, "lme4 REMLcrit");
        assertRelative(0.001327143913, s.sigma2TrainInterval().get().lower(), 1e-6, "R REML profile");
        assertRelative(0.03028726697, s.sigma2TrainInterval().get().upper(), 1e-6, "R REML profile");
        assertRelative(0.000365990697, s.sigma2UnlearnInterval().get().lower(), 1e-6, "R REML profile");
        assertRelative(0.002668368381, s.sigma2UnlearnInterval().get().upper(), 1e-6, "R REML profile");
        assertTrue(s.sigma2TrainInterval().get().contains(s.sigma2Train()));
    }

    @Test
    void unbalancedDesignWithATinyUnlearningVarianceIsFound() {
        // sigma_unlearn / sigma_train about 1e-6 on an unbalanced design (gamma about e^26):
        // lme4 1.1-31 fails to converge here (bobyqa 1.3206, nloptwrap 1.1742); the reference
        // is R 4.2.2's optimize() of the profiled REML criterion (stats-reference.R, 1b)
        RemlEstimate r = RemlEstimate.of(new double[][] {{1.2, 1.2 + 2e-6, 1.2 - 1e-6},
            {0.3, 0.3 + 1e-6}, {2.5, 2.5 - 3e-6, 2.5 + 1e-6, 2.5 + 2e-6}, {-0.4},
            {0.9, 0.9 + 4e-6, 0.9 - 2e-6}});
        assertRelative(1.174999892, r.sigma2Train(), 1e-6, "R 4.2.2 optimize");
        assertRelative(4.729166682e-12, r.sigma2Unlearn(), 1e-6, "R 4.2.2 optimize");
        assertFalse(r.atBoundary());
    }

    @Test
    void boundaryAndDegenerateCases() {
        // MSB < MSW (see VarianceComponentsTest): REML puts sigma2_train at the boundary 0
        RemlEstimate b = RemlEstimate.of(new double[][] {{1, 3}, {0, 5}});
        assertTrue(b.atBoundary());
        assertEquals(0, b.sigma2Train(), 0.0);
        // with gamma = 0 all 4 values are iid: sigma2_unlearn = sum of squares / (N - 1)
        // hand computation: mean 2.25, SS = 1.5625 + 0.5625 + 5.0625 + 7.5625 = 14.75, / 3
        assertEquals(14.75 / 3, b.sigma2Unlearn(), 1e-12, "hand computation");
        assertEquals(0, b.sigma2TrainInterval().get().lower(), 0.0, "boundary: lower bound 0");
        assertTrue(b.sigma2TrainInterval().get().upper() > 0, "profile upper bound exists");
        // no within-seed spread: sigma2_unlearn = 0, sigma2_train = sample variance of 1, 2, 4
        RemlEstimate d = RemlEstimate.of(new double[][] {{1, 1}, {2, 2}, {4, 4}});
        assertEquals(0, d.sigma2Unlearn(), 0.0);
        assertEquals(7.0 / 3, d.sigma2Train(), 1e-12, "hand computation");
        assertFalse(d.atBoundary());
        assertTrue(d.remlCriterion().isEmpty(), "likelihood unbounded");
        assertTrue(d.sigma2UnlearnInterval().isEmpty());
        // chi-squared(2) interval of the seed means' variance: 2 (7/3) / chi2 quantiles
        // (R 4.2.2: qchisq(c(0.975, 0.025), 2) = 7.377759, 0.05063562)
        assertEquals(14.0 / 3 / 7.377758908, d.sigma2TrainInterval().get().lower(), 1e-8, "R 4.2.2");
        assertEquals(14.0 / 3 / 0.05063561596, d.sigma2TrainInterval().get().upper(), 1e-6, "R 4.2.2");
        assertThrows(IllegalArgumentException.class, () -> RemlEstimate.of(new double[][] {{1, 2}}));
        assertThrows(IllegalArgumentException.class, () -> RemlEstimate.of(new double[][] {{1}, {2}}));
    }
}
