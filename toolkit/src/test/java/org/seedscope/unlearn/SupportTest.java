package org.seedscope.unlearn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seedscope.data.Examples;

class SupportTest {

    @Test
    void randomOtherLabelsNeverKeepsTheTrueLabelAndReachesEveryOtherClass() {
        long seed = 3;
        int n = 2000;
        int classes = 5;
        Examples forget = new Examples(new float[n], new int[n], 1, classes);
        int[] labels = Support.randomOtherLabels(forget, new SplittableRandom(seed)).y();
        int[] counts = new int[classes];
        for (int y : labels) {
            counts[y]++;
        }
        assertEquals(0, counts[0], "true label 0 must never be drawn, seed " + seed);
        for (int c = 1; c < classes; c++) {
            // uniform over 4 classes: expected 500 each, sd ~19
            assertTrue(Math.abs(counts[c] - 500) < 100, "class " + c + " drawn " + counts[c] + " times, seed " + seed);
        }
        assertArrayEquals(labels, Support.randomOtherLabels(forget, new SplittableRandom(seed)).y(), "seeded");
    }

    @Test
    void sampleRowsDrawsDistinctRowsDependingOnTheSeed() {
        int[] a = Support.sampleRows(100, 30, new SplittableRandom(1));
        assertEquals(30, a.length);
        assertEquals(30, Arrays.stream(a).distinct().count(), "rows are distinct");
        assertTrue(Arrays.stream(a).allMatch(r -> r >= 0 && r < 100));
        assertNotEquals(Arrays.toString(a), Arrays.toString(Support.sampleRows(100, 30, new SplittableRandom(2))));
    }

    @Test
    void sumAddsValuesAndGradients() {
        float[] grad = new float[2];
        double v = Support.sum((r, z, g) -> {
            g[0] = 1;
            g[1] = 2;
            return 0.5;
        }, (r, z, g) -> {
            g[0] = 10;
            g[1] = 20;
            return 0.25;
        }).evaluate(new int[] {0}, new float[2], grad);
        assertEquals(0.75, v, 0, "hand computation");
        assertArrayEquals(new float[] {11, 22}, grad, "hand computation");
    }

    @Test
    void negGradPlusWeightsMakeEveryBatchAnUnbiasedEstimateOfTheCombinedLoss() {
        float[] w = NegGradPlus.rowWeights(900, 100, 0.9);
        // hand computation: 0.9 * 1000 / 900 = 1, -(0.1) * 1000 / 100 = -1
        assertEquals(1.0f, w[0], 1e-6f);
        assertEquals(1.0f, w[899], 1e-6f);
        assertEquals(-1.0f, w[900], 1e-6f);
        assertEquals(-1.0f, w[999], 1e-6f);
        // mean weight over a uniformly drawn row, split by set: alpha and -(1 - alpha)
        float[] v = NegGradPlus.rowWeights(30, 10, 0.99);
        assertEquals(0.99, 30 * v[0] / 40.0, 1e-6, "retain share of the mean batch weight");
        assertEquals(-0.01, 10 * v[39] / 40.0, 1e-6, "forget share of the mean batch weight");
    }
}
