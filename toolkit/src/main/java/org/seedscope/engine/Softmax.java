package org.seedscope.engine;

/**
 * Numerics on one row of a row-major logit matrix, shared by the losses, the metrics and the
 * predictions so every part of the toolkit reads logits the same way.
 */
public final class Softmax {
    private Softmax() {}

    /**
     * @param z values
     * @param from index of the row's first value
     * @param n number of values in the row
     * @return {@code log sum_k exp(z_k)}, computed in double after shifting by the maximum; a NaN or
     *     infinite maximum is returned as it is
     */
    public static double logSumExp(float[] z, int from, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            max = Math.max(max, z[from + k]);
        }
        if (Double.isInfinite(max) || Double.isNaN(max)) {
            return max;
        }
        double s = 0;
        for (int k = 0; k < n; k++) {
            s += Math.exp(z[from + k] - max);
        }
        return max + Math.log(s);
    }

    /**
     * @param z values
     * @param from index of the row's first value
     * @param n number of values in the row, at least 1
     * @return the offset (0-based, within the row) of the largest value; the first one on ties
     */
    public static int argmax(float[] z, int from, int n) {
        int best = 0;
        for (int k = 1; k < n; k++) {
            if (z[from + k] > z[from + best]) {
                best = k;
            }
        }
        return best;
    }
}
