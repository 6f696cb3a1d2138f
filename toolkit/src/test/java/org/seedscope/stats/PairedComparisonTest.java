package org.seedscope.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairedComparisonTest {

    @Test
    void meanDifferenceAndProbabilityOfImprovementByHand() {
        // hand computation: per-seed means A = 1, 2, 3, 4 and B = 0, 2, 5, 1
        // d = 1, 0, -2, 3 -> mean 0.5; A > B on seeds 1 and 4, tie on seed 2 -> (2 + 0.5)/4
        double[][] a = {{0, 2}, {2}, {3, 3, 3}, {4}};
        double[][] b = {{0}, {1, 3}, {5}, {1, 1}};
        PairedComparison c = PairedComparison.of(new long[] {1, 2, 3, 4}, "A", a, "B", b, 2000,
                0.95, 3);
        assertEquals(0.5, c.meanDifference().estimate(), 1e-12, "hand computation");
        assertEquals(0.625, c.probabilityAGreater().estimate(), 1e-12, "hand computation");
        assertArrayEquals(new double[] {1, 0, -2, 3}, c.differences(), 1e-12);
        // any resample of 4 differences has a mean within [min d, max d] = [-2, 3]
        assertTrue(c.meanDifference().lower() >= -2 && c.meanDifference().upper() <= 3);
        assertTrue(c.probabilityAGreater().lower() >= 0 && c.probabilityAGreater().upper() <= 1);
        assertEquals(c, PairedComparison.of(new long[] {1, 2, 3, 4}, "A", a, "B", b, 2000, 0.95, 3),
                "same seed, same result (value equality)");
        assertThrows(IllegalArgumentException.class, () -> PairedComparison.of(new long[] {1},
                "A", a, "B", b, 100, 0.95, 3));
    }

    @Test
    void tableEntryUsesSharedTrainingSeedsOnly() {
        List<Object[]> cells = new ArrayList<>();
        double[] am = {0.1, 0.2, 0.3, 0.4};
        for (int s = 1; s <= 4; s++) {
            cells.add(new Object[] {"sub:baby", "A", "grid", s, 1, "ok", am[s - 1]});
            cells.add(new Object[] {"sub:baby", "A", "grid", s, 2, "ok", am[s - 1] + 0.1});
        }
        // B has seeds 1, 2, 3 and 5; seed 4 is missing and seed 5 is not shared
        double[] bm = {0.2, 0.1, 0.3, 0, 0.9};
        for (int s : new int[] {1, 2, 3, 5}) {
            cells.add(new Object[] {"sub:baby", "B", "grid", s, 1, "ok", bm[s - 1]});
        }
        PairedComparison c = PairedComparison.of(SeedVarianceTest.rows(false, cells),
                "forget_acc", "sub:baby", "grid", "A", "B", 500, 0.95, 1);
        assertArrayEquals(new long[] {1, 2, 3}, c.trainSeeds());
        // hand computation: A means 0.15, 0.25, 0.35; B 0.2, 0.1, 0.3 -> d = -0.05, 0.15, 0.05
        assertEquals(0.05, c.meanDifference().estimate(), 1e-12, "hand computation");
        assertEquals(2.0 / 3, c.probabilityAGreater().estimate(), 1e-12, "hand computation");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PairedComparison.of(SeedVarianceTest.rows(false, cells), "forget_acc",
                        "sub:baby", "grid", "A", "C", 500, 0.95, 1));
        assertTrue(e.getMessage().contains("'C'"), e.getMessage());
    }
}
