package org.seedscope.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RemlEstimateTest {

    @Test
    void balancedRemlEqualsAnova() {
        // closed form: for balanced data with MSB >= MSW, REML = ANOVA (118/12 and 11/3);
        // maximising a likelihood locates its argument to about sqrt(machine eps) relative
        RemlEstimate r = RemlEstimate.of(VarianceComponentsTest.BALANCED);
        assertEquals(118.0 / 12, r.sigma2Train(), 1e-6, "closed form (ANOVA)");
        assertEquals(11.0 / 3, r.sigma2Unlearn(), 1e-6, "closed form (ANOVA)");
        assertEquals(5.5, r.mean(), 1e-9);
    }

    @Test
    void unbalancedMatchesFullMatrixReml() {
        // reference: REML by direct minimisation of 1/2 (log|V| + log|X'V^-1 X| + y'Py) over
        // (log sigma2_train, log sigma2_unlearn) with full covariance matrices (SciPy 1.17
        // Nelder-Mead from a grid of starts), agreeing with a 1-D profile fit to 1e-8
        RemlEstimate r = RemlEstimate.of(new double[][] {{2, 4}, {5, 6, 7}, {9}});
        assertEquals(7.7984701, r.sigma2Train(), 1e-5, "SciPy full-matrix REML");
        assertEquals(1.3529268, r.sigma2Unlearn(), 1e-6, "SciPy full-matrix REML");
        assertEquals(5.9249149, r.mean(), 1e-6, "SciPy full-matrix REML");

        RemlEstimate s = RemlEstimate.of(new double[][] {{0.31, 0.35, 0.29}, {0.40, 0.44},
            {0.22, 0.25, 0.20, 0.27}, {0.33}, {0.38, 0.36, 0.41}});
        assertEquals(0.00478876, s.sigma2Train(), 1e-8, "SciPy full-matrix REML");
        assertEquals(0.000845284, s.sigma2Unlearn(), 1e-9, "SciPy full-matrix REML");
        assertEquals(0.3363901, s.mean(), 1e-7, "SciPy full-matrix REML");
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
        // deterministic: sigma2_unlearn = 0, sigma2_train = sample variance of 1, 2, 4 = 7/3
        RemlEstimate d = RemlEstimate.of(new double[][] {{1, 1}, {2, 2}, {4, 4}});
        assertEquals(0, d.sigma2Unlearn(), 0.0);
        assertEquals(7.0 / 3, d.sigma2Train(), 1e-12, "hand computation");
        assertThrows(IllegalArgumentException.class, () -> RemlEstimate.of(new double[][] {{1, 2}}));
        assertThrows(IllegalArgumentException.class, () -> RemlEstimate.of(new double[][] {{1}, {2}}));
    }
}
