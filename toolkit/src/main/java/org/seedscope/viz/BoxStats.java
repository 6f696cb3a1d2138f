package org.seedscope.viz;

import org.apache.commons.statistics.descriptive.Quantile;

/**
 * The five numbers a box of the paper's box plots shows: minimum, type-7 quartiles and median,
 * maximum (whiskers run to the minimum and maximum; no outliers are singled out).
 *
 * @param min the smallest value
 * @param q1 the 25 % quantile
 * @param median the 50 % quantile
 * @param q3 the 75 % quantile
 * @param max the largest value
 */
public record BoxStats(double min, double q1, double median, double q3, double max) {

    private static final Quantile TYPE_7 = Quantile.withDefaults()
            .with(Quantile.EstimationMethod.HF7).withCopy(true);
    private static final double[] PROBABILITIES = {0, 0.25, 0.5, 0.75, 1};

    /**
     * Computes the five numbers with R's default (type 7, Hyndman–Fan 7) quantile: h = (n − 1)p,
     * q = x_(⌊h⌋) + (h − ⌊h⌋)(x_(⌊h⌋+1) − x_(⌊h⌋)) on the sorted sample (Commons Statistics
     * {@link Quantile}).
     *
     * @param values the sample, non-empty and finite (not modified)
     * @return the five numbers
     * @throws IllegalArgumentException for an empty sample or a non-finite value (named by
     *     position)
     */
    public static BoxStats of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("a box needs at least one value, got none");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("value " + i + " of the box is " + values[i]
                        + "; only finite values can be drawn");
            }
        }
        double[] q = TYPE_7.evaluate(values, PROBABILITIES);
        return new BoxStats(q[0], q[1], q[2], q[3], q[4]);
    }
}
