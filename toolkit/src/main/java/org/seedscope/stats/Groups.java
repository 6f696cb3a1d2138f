package org.seedscope.stats;

import java.util.Arrays;
import java.util.Objects;

/** Package-private helpers shared by the estimators: validation, means, quantiles. */
final class Groups {

    private Groups() {
    }

    /**
     * Checks a nested design: at least one group, every group non-empty, every value finite.
     *
     * @param groups one array per training seed holding its unlearning-seed values
     * @param name how the caller names the argument in error messages
     * @throws IllegalArgumentException naming the first offending group / position
     */
    static void validate(double[][] groups, String name) {
        Objects.requireNonNull(groups, name);
        if (groups.length == 0) {
            throw new IllegalArgumentException(name + " is empty: need at least one training seed");
        }
        for (int i = 0; i < groups.length; i++) {
            if (groups[i] == null || groups[i].length == 0) {
                throw new IllegalArgumentException(name + "[" + i
                        + "] (training seed index " + i + ") has no values: need at least one");
            }
            validateValues(groups[i], name + "[" + i + "]");
        }
    }

    /**
     * Checks that every value is finite.
     *
     * @param values the values
     * @param name how the caller names the array in error messages
     * @throws IllegalArgumentException naming the first non-finite position
     */
    static void validateValues(double[] values, String name) {
        Objects.requireNonNull(values, name);
        for (int j = 0; j < values.length; j++) {
            if (!Double.isFinite(values[j])) {
                throw new IllegalArgumentException(name + "[" + j + "] is " + values[j]
                        + ": only finite values are allowed");
            }
        }
    }

    /**
     * Arithmetic mean of a non-empty array, computed as x_0 + Σ(x_k − x_0)/n so that an array of
     * identical values has exactly that value as its mean (no rounding residue).
     */
    static double mean(double[] values) {
        double first = values[0];
        double sum = 0;
        for (double v : values) {
            sum += v - first;
        }
        return first + sum / values.length;
    }

    /** @return the mean of each group */
    static double[] groupMeans(double[][] groups) {
        double[] means = new double[groups.length];
        for (int i = 0; i < groups.length; i++) {
            means[i] = mean(groups[i]);
        }
        return means;
    }

    /**
     * Linear-interpolation quantile of sorted values (Hyndman and Fan type 7, R's default):
     * h = (n − 1)p, Q = x_(⌊h⌋) + (h − ⌊h⌋)(x_(⌊h⌋+1) − x_(⌊h⌋)), 0-based order statistics.
     */
    static double quantileSorted(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /**
     * Percentile bootstrap interval from bootstrap replicates (sorted in place).
     *
     * @param estimate the point estimate on the original data
     * @param replicates the bootstrap statistics; sorted by this call
     * @param level the confidence level in (0, 1)
     * @param method the method label stored in the interval
     * @return [Q(α/2), Q(1 − α/2)] of the replicates with α = 1 − level
     */
    static Interval percentile(double estimate, double[] replicates, double level, String method) {
        Arrays.sort(replicates);
        double alpha = 1 - level;
        return new Interval(estimate, quantileSorted(replicates, alpha / 2),
                quantileSorted(replicates, 1 - alpha / 2), level, method);
    }

    /**
     * @throws IllegalArgumentException unless level is strictly between 0 and 1
     */
    static void checkLevel(double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1), got " + level);
        }
    }

    /**
     * @throws IllegalArgumentException unless resamples is at least 1
     */
    static void checkResamples(int resamples) {
        if (resamples < 1) {
            throw new IllegalArgumentException("bootstrap resamples must be at least 1, got "
                    + resamples);
        }
    }
}
