package org.seedscope.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ArrayDisplayTest {

    @Test
    void shortArraysWhole() {
        assertEquals("double[4]: [0.1, 0.333, 1.23e-5, ∞]",
                ArrayDisplay.text(new double[] {0.1, 1.0 / 3, 0.0000123, Double.POSITIVE_INFINITY}));
        assertEquals("float[2]: [0.1, NaN]", ArrayDisplay.text(new float[] {0.1f, Float.NaN}));
        assertEquals("long[1]: [20251030123]", ArrayDisplay.text(new long[] {20_251_030_123L}));
        assertEquals("int[0]: []", ArrayDisplay.text(new int[0]));
    }

    @Test
    void longArraysKeepTheFirstTenAndLastThree() {
        int[] n = new int[21];
        for (int i = 0; i < n.length; i++) {
            n[i] = i;
        }
        assertEquals("int[21]: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, …, 18, 19, 20]", ArrayDisplay.text(n));
        assertEquals("int[20]: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]",
                ArrayDisplay.text(java.util.Arrays.copyOf(n, 20)), "20 elements are shown whole");
    }

    @Test
    void matricesOneRowPerLineTallOnesCut() {
        assertEquals("double[2][]:\n  [0.5]\n  [0.25, 0.125]",
                ArrayDisplay.text(new double[][] {{0.5}, {0.25, 0.125}}), "ragged");
        long[][] tall = new long[15][1];
        for (int i = 0; i < tall.length; i++) {
            tall[i][0] = i;
        }
        assertEquals("long[15][1]:\n  [0]\n  [1]\n  [2]\n  [3]\n  [4]\n  [5]\n  [6]\n  [7]\n"
                + "  … (4 more rows)\n  [12]\n  [13]\n  [14]", ArrayDisplay.text(tall), "hand count: 15 - 8 - 3 = 4");
        assertEquals("int[1][]:\n  null", ArrayDisplay.text(new int[][] {null}));
    }

    @Test
    void otherValuesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> ArrayDisplay.text(new String[] {"a"}));
        assertThrows(IllegalArgumentException.class, () -> ArrayDisplay.text(new double[1][1][1]));
    }
}
