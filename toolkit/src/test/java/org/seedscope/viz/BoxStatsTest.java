package org.seedscope.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BoxStatsTest {

    @Test
    void fiveNumbersAreTypeSevenQuantilesAndTheExtremes() {
        double[] v = {0.9, 0.1, 0.5, 0.3};
        // R 4.2.2: quantile(c(0.9, 0.1, 0.5, 0.3)) -> 0.1 0.25 0.4 0.6 0.9 (type 7, the default)
        assertEquals(new BoxStats(0.1, 0.25, 0.4, 0.6, 0.9), roundTo12(BoxStats.of(v)));
        assertArrayEquals(new double[] {0.9, 0.1, 0.5, 0.3}, v, 0.0, "the input is not sorted");
        assertEquals(new BoxStats(7, 7, 7, 7, 7), BoxStats.of(new double[] {7}));
    }

    @Test
    void emptyAndNonFiniteSamplesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> BoxStats.of(new double[0]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BoxStats.of(new double[] {0.1, Double.NaN}));
        assertTrue(e.getMessage().contains("value 1") && e.getMessage().contains("NaN"),
                e.getMessage());
    }

    private static BoxStats roundTo12(BoxStats b) {
        return new BoxStats(r(b.min()), r(b.q1()), r(b.median()), r(b.q3()), r(b.max()));
    }

    private static double r(double x) {
        return Math.round(x * 1e12) / 1e12;
    }
}
