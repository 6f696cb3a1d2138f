package org.seedscope.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.seedscope.metrics.Fixtures.predictions;

import org.junit.jupiter.api.Test;
import org.seedscope.engine.Predictions;

class DistributionsTest {

    @Test
    void entropyIsLogCForUniformOutputsAndNearZeroForConfidentOnes() {
        Predictions p = predictions(new double[] {0, 0, 0, 0}, new double[] {60, 0, 0, 0});
        double[] h = Distributions.entropies(p);
        assertEquals(Math.log(4), h[0], 1e-12, "closed form: H(uniform over 4) = ln 4");
        // closed form: p_0 ~ 1 - 3e^-60, others e^-60, so H ~ 3 * 61 e^-60 ~ 1.6e-24
        assertTrue(h[1] >= 0 && h[1] < 1e-20, "entropy of a one-hot-like output: " + h[1]);
    }

    @Test
    void lossIsMinusLogProbabilityOfTheLabel() {
        // softmax([0, ln 3]) = [1/4, 3/4] (hand computation)
        Predictions p = predictions(new double[] {0, Math.log(3)}, new double[] {0, Math.log(3)});
        double[] loss = Distributions.losses(p, new int[] {0, 1});
        assertArrayEquals(new double[] {Math.log(4), -Math.log(0.75)}, loss, 1e-6);
    }

    @Test
    void lossesNeedOneLabelPerExample() {
        Predictions p = predictions(new double[] {0, 1});
        assertThrows(IllegalArgumentException.class, () -> Distributions.losses(p, new int[] {0, 1}));
    }

    @Test
    void jensenShannonBoundsAndAKnownValue() {
        double[] a = {1, 0};
        double[] b = {0, 1};
        double[] u = {0.5, 0.5};
        assertEquals(0, Distributions.jensenShannon(u, u), 0, "identical distributions");
        assertEquals(Math.log(2), Distributions.jensenShannon(a, b), 1e-15, "disjoint supports: ln 2");
        // hand computation: M = (3/4, 1/4); KL(a||M) = ln(4/3); KL(u||M) = (1/2) ln(4/3); JS = (3/4) ln(4/3)
        assertEquals(0.75 * Math.log(4.0 / 3), Distributions.jensenShannon(a, u), 1e-15);
        assertEquals(Distributions.jensenShannon(a, u), Distributions.jensenShannon(u, a), 0, "symmetric");
        assertTrue(Double.isNaN(Distributions.jensenShannon(new double[] {Double.NaN, 1}, u)));
    }

    @Test
    void meanJensenShannonAveragesOverExamples() {
        Predictions p = predictions(new double[] {0, 0}, new double[] {80, -80});
        Predictions q = predictions(new double[] {0, 0}, new double[] {-80, 80});
        // example 1 identical (0), example 2 disjoint up to e^-160 (ln 2): mean ln(2)/2
        assertEquals(Math.log(2) / 2, Distributions.meanJensenShannon(p, q), 1e-12);
        assertTrue(Double.isNaN(Distributions.meanJensenShannon(predictions(), predictions())), "no examples");
    }

    @Test
    void outputDistanceIsMeanL2BetweenProbabilityVectors() {
        Predictions p = predictions(new double[] {0, 0}, new double[] {80, -80});
        Predictions q = predictions(new double[] {0, 0}, new double[] {-80, 80});
        // hand computation: 0 for the first example, ||(1,0) - (0,1)|| = sqrt 2 for the second
        assertEquals(Math.sqrt(2) / 2, Distributions.meanOutputDistance(p, q), 1e-12);
        assertThrows(IllegalArgumentException.class,
                () -> Distributions.meanOutputDistance(p, predictions(new double[] {0, 0})));
    }
}
