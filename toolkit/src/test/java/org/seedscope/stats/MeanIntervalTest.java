package org.seedscope.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MeanIntervalTest {

    /**
     * Issue 11 item 5: the percentile bootstrap covered 0.82-0.915 with few training seeds. The
     * t interval on seed means must cover 92-98 % for 3, 5 and 11 training seeds: 1000 seeded
     * designs each (binomial SD 0.7 points), J = 3 unlearning seeds (one design in four
     * unbalanced, J_i in 1..5), sigma2_train = 0.5, sigma2_unlearn = 1, true mean 2.
     */
    @Test
    void tIntervalOnSeedMeansCoversWithFewTrainingSeeds() {
        long seed = 271828;
        SplittableRandom rng = new SplittableRandom(seed);
        for (int k : new int[] {3, 5, 11}) {
            int cover = 0;
            int sims = 1000;
            for (int s = 0; s < sims; s++) {
                double[][] g = new double[k][];
                for (int i = 0; i < k; i++) {
                    g[i] = new double[s % 4 == 0 ? 1 + rng.nextInt(5) : 3];
                    double a = Math.sqrt(0.5) * rng.nextGaussian();
                    for (int j = 0; j < g[i].length; j++) {
                        g[i][j] = 2 + a + rng.nextGaussian();
                    }
                }
                cover += MeanInterval.tOnSeedMeans(g, 0.95).orElseThrow().contains(2) ? 1 : 0;
            }
            double c = cover / (double) sims;
            assertTrue(c >= 0.92 && c <= 0.98, "coverage " + c + " for I = " + k + ", seed " + seed);
        }
    }

    @Test
    void oneTrainingSeedHasNoIntervalAndBadInputIsRejected() {
        assertTrue(MeanInterval.tOnSeedMeans(new double[][] {{1, 2, 3}}, 0.95).isEmpty(),
                "one training seed: spread across training seeds unknown");
        // seed means 1 and 3: mean 2, sd sqrt(2), t_{0.95}(1) = 6.313752 (R 4.2.2 qt(0.95, 1))
        Interval i = MeanInterval.tOnSeedMeans(new double[][] {{1}, {2, 4}}, 0.9).orElseThrow();
        assertEquals(2 - 6.313751515, i.lower(), 1e-8, "R 4.2.2");
        assertEquals(2 + 6.313751515, i.upper(), 1e-8, "R 4.2.2");
        assertThrows(IllegalArgumentException.class,
                () -> MeanInterval.tOnSeedMeans(new double[][] {{1}, {Double.NaN}}, 0.95));
        assertThrows(IllegalArgumentException.class,
                () -> MeanInterval.tOnSeedMeans(new double[][] {{1}, {2}}, 1.5));
    }
}
