package org.seedscope.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class BudgetTest {

    @Test
    void varianceOfMeanMatchesSimulation() {
        // closed form: 2/4 + 3/(4*3) = 0.75. With R = 20000 simulated designs the sample
        // variance has relative SD sqrt(2/(R-1)) = 1 %, so 4 % is a 4-SD tolerance.
        double expected = Budget.varianceOfMean(2, 3, 4, 3);
        assertEquals(0.75, expected, 1e-15, "closed form");
        long seed = 99;
        Random rng = new Random(seed);
        int reps = 20_000;
        double sum = 0;
        double sumSq = 0;
        for (int r = 0; r < reps; r++) {
            double total = 0;
            for (int i = 0; i < 4; i++) {
                double a = Math.sqrt(2) * rng.nextGaussian();
                for (int j = 0; j < 3; j++) {
                    total += a + Math.sqrt(3) * rng.nextGaussian();
                }
            }
            double mean = total / 12;
            sum += mean;
            sumSq += mean * mean;
        }
        double var = (sumSq - sum * sum / reps) / (reps - 1);
        assertEquals(expected, var, 0.04 * expected, "simulation, seed " + seed);
    }

    @Test
    void optimalJMinimisesVarianceAtFixedCost() {
        // hand computation: J* = sqrt((4/1) * (9/1)) = 6
        assertEquals(6, Budget.optimalJ(1, 4, 9, 1));
        double[][] cases = {{1, 4, 9, 1}, {0.3, 2, 50, 1}, {2, 0.1, 3, 2}, {0.01, 1, 7, 0.5},
            {1, 1, 2.5, 1}, {0.2, 0.9, 13, 3}};
        for (double[] c : cases) {
            int best = 1;
            double bestValue = Double.POSITIVE_INFINITY;
            for (int j = 1; j <= 10_000; j++) {
                double g = (c[0] + c[1] / j) * (c[2] + j * c[3]); // variance x cost per seed
                if (g < bestValue) {
                    bestValue = g;
                    best = j;
                }
            }
            assertEquals(best, Budget.optimalJ(c[0], c[1], c[2], c[3]),
                    "brute force over J for " + Arrays.toString(c));
        }
        assertEquals(1, Budget.optimalJ(1, 0, 10, 1), "deterministic: J = 1");
        assertThrows(IllegalArgumentException.class, () -> Budget.optimalJ(0, 1, 10, 1));
        assertEquals(Double.POSITIVE_INFINITY, Budget.continuousOptimalJ(0, 1, 10, 1));
    }

    @Test
    void allocateFindsTheBestAffordableIntegerDesign() {
        double[][] cases = {{1, 4, 9, 1, 200}, {0.3, 2, 50, 1, 1000}, {2, 0.1, 3, 2, 40},
            {0, 1, 10, 1, 100}, {1, 0, 10, 1, 100}, {0.5, 0.5, 1, 1, 17}};
        for (double[] c : cases) {
            double bestVar = Double.POSITIVE_INFINITY;
            for (int i = 1; i * (c[2] + c[3]) <= c[4]; i++) {
                for (int j = 1; i * (c[2] + j * c[3]) <= c[4]; j++) {
                    bestVar = Math.min(bestVar, c[0] / i + c[1] / ((double) i * j));
                }
            }
            Budget.Allocation a = Budget.allocate(c[0], c[1], c[2], c[3], c[4]);
            String label = "brute force over (I, J) for " + Arrays.toString(c);
            assertEquals(bestVar, a.variance(), 1e-12, label);
            assertTrue(a.cost() <= c[4], label);
            assertEquals(Budget.varianceOfMean(c[0], c[1], a.trainingSeeds(), a.unlearningSeeds()),
                    a.variance(), 1e-15, label);
        }
        // sigma2_train = 0: everything into one trained model (hand: I = 1, J = (100 - 10)/1)
        Budget.Allocation flat = Budget.allocate(0, 1, 10, 1, 100);
        assertEquals(1, flat.trainingSeeds());
        assertEquals(90, flat.unlearningSeeds());
        // deterministic method: J = 1 and as many models as affordable (100 / 11 -> 9)
        Budget.Allocation det = Budget.allocate(1, 0, 10, 1, 100);
        assertEquals(9, det.trainingSeeds());
        assertEquals(1, det.unlearningSeeds());
        assertThrows(IllegalArgumentException.class, () -> Budget.allocate(1, 1, 10, 1, 5));
        assertThrows(IllegalArgumentException.class, () -> Budget.allocate(Double.NaN, 1, 10, 1, 50));
    }

    @Test
    void minimumDetectableDifferenceClosedForm() {
        // Var = 1/10 + 4/40 = 0.2; z_0.975 + z_0.8 = 1.959964 + 0.841621 = 2.801585 (SciPy 1.17)
        // MDD = 2.801585 * sqrt(0.4) = 1.771867
        double mdd = Budget.minimumDetectableDifference(1, 4, 10, 4, 0.05, 0.8);
        assertEquals(2.8015852 * Math.sqrt(0.4), mdd, 1e-6, "closed form");
        Table grid = Budget.mddGrid(1, 4, new int[] {5, 10}, new int[] {1, 4}, 0.05, 0.8);
        assertEquals(4, grid.rowCount());
        assertEquals(mdd, grid.doubleColumn("mdd").get(3), 1e-12);
        assertEquals(40, grid.intColumn("runs").get(3));
        assertThrows(IllegalArgumentException.class,
                () -> Budget.minimumDetectableDifference(1, 4, 10, 4, 0, 0.8));
    }
}
