package org.seedscope.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RankStabilityTest {

    static final List<String> METHODS = List.of("A", "B", "C");

    @Test
    void identicalRankingsGiveWOne() {
        double[][] scores = {{0.9, 0.5, 0.1}, {0.8, 0.6, 0.2}, {0.7, 0.4, 0.3}};
        RankStability r = RankStability.of(scores, METHODS, Direction.higherIsBetter());
        assertEquals(1, r.kendallW().getAsDouble(), 1e-12, "closed form: perfect agreement");
        assertArrayEquals(new double[] {1, 0, 0}, r.probabilityFirst(), 1e-12);
        assertArrayEquals(new double[] {1, 2, 3}, r.meanRanks(), 1e-12);
    }

    @Test
    void handComputedWWithoutTies() {
        // ranks per seed (1 = best, lower is better): (1,2,3), (1,3,2), (2,1,3), (1,2,3)
        // rank sums R = 5, 8, 11; mean m(n+1)/2 = 8; S = 9 + 0 + 9 = 18
        // W = 12 * 18 / (4^2 * (27 - 3)) = 216 / 384 = 0.5625 (hand computation)
        // Friedman chi2 = 4 * 2 * 0.5625 = 4.5 on 2 df, p = exp(-2.25) = 0.1053992 (closed form)
        double[][] scores = {{1, 2, 3}, {1, 3, 2}, {2, 1, 3}, {1, 2, 3}};
        RankStability r = RankStability.of(scores, METHODS, Direction.lowerIsBetter());
        assertEquals(0.5625, r.kendallW().getAsDouble(), 1e-12, "hand computation");
        assertEquals(Math.exp(-2.25), r.pValue().getAsDouble(), 1e-12, "closed form chi2(2) tail");
        assertArrayEquals(new double[] {0.75, 0.25, 0}, r.probabilityFirst(), 1e-12);
    }

    @Test
    void handComputedWWithTies() {
        // as above but seed 2 ties B and C: ranks (1, 2.5, 2.5), tie term 2^3 - 2 = 6
        // R = 5, 7.5, 11.5; S = 9 + 0.25 + 12.25 = 21.5
        // W = 12 * 21.5 / (16 * 24 - 4 * 6) = 258 / 360 (hand computation)
        double[][] scores = {{1, 2, 3}, {1, 2, 2}, {2, 1, 3}, {1, 2, 3}};
        RankStability r = RankStability.of(scores, METHODS, Direction.lowerIsBetter());
        assertEquals(258.0 / 360, r.kendallW().getAsDouble(), 1e-12, "hand computation");
        assertArrayEquals(new double[] {1, 2.5, 2.5}, r.ranks()[1], 0.0);
    }

    @Test
    void tiesForFirstSplitTheProbabilityAndClosenessRanks() {
        // reference 0.5: distances seed 1 = (0.1, 0.1, 0.3), seed 2 = (0.2, 0, 0.4)
        double[][] scores = {{0.4, 0.6, 0.8}, {0.3, 0.5, 0.9}};
        RankStability r = RankStability.of(scores, METHODS, Direction.closerTo(0.5));
        assertArrayEquals(new double[] {0.25, 0.75, 0}, r.probabilityFirst(), 1e-12,
                "hand computation: seed 1 splits first between A and B");
        assertEquals(r, RankStability.of(scores, METHODS, Direction.closerTo(0.5)), "value equality");
        RankStability allTied = RankStability.of(new double[][] {{1, 1, 1}, {2, 2, 2}}, METHODS,
                Direction.higherIsBetter());
        assertTrue(allTied.kendallW().isEmpty(), "0/0 must not become NaN");
        assertThrows(IllegalArgumentException.class, () -> RankStability.of(scores,
                List.of("A", "A", "C"), Direction.higherIsBetter()));
        assertThrows(IllegalArgumentException.class, () -> RankStability.of(
                new double[][] {{1, 2}}, METHODS, Direction.higherIsBetter()));
    }

    @Test
    void tableEntryRanksPerSeedMeans() {
        List<Object[]> cells = new ArrayList<>();
        // test accuracy per training seed, two unlearning seeds each; seed 3 lacks method C
        double[][] acc = {{0.9, 0.8, 0.7}, {0.6, 0.9, 0.5}, {0.9, 0.1, Double.NaN}};
        for (int s = 0; s < 3; s++) {
            for (int k = 0; k < 3; k++) {
                if (!Double.isNaN(acc[s][k])) {
                    for (int u = 1; u <= 2; u++) {
                        cells.add(new Object[] {"full:Shirt", METHODS.get(k), "grid", s + 1, u,
                            "ok", acc[s][k] + (u == 1 ? 0.01 : -0.01)});
                    }
                }
            }
        }
        RankStability r = RankStability.of(SeedVarianceTest.rows(false, cells), "forget_acc",
                "full:Shirt", "grid", Direction.higherIsBetter());
        assertEquals(2, r.seeds(), "only seeds shared by all methods");
        // hand computation: seed 1 ranks (1, 2, 3), seed 2 ranks (2, 1, 3)
        assertArrayEquals(new double[] {0.5, 0.5, 0}, r.probabilityFirst(), 1e-12);
        assertEquals(3, r.table().rowCount());
    }
}
