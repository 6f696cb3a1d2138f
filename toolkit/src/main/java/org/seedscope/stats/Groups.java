package org.seedscope.stats;

import java.util.Objects;
import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.Quantile;

/**
 * Package-private helpers shared by the estimators: validation, means and percentile intervals
 * (Commons Statistics' mean and type-7 quantile).
 */
final class Groups {

    /** Hyndman and Fan type 7 (R's default); the replicate arrays it reads are reordered. */
    private static final Quantile TYPE_7 =
            Quantile.withDefaults().with(Quantile.EstimationMethod.HF7);

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
     * Arithmetic mean of a non-empty array (Commons Statistics {@link Mean}); an array of
     * identical values has exactly that value as its mean (no rounding residue), which the
     * constancy checks rely on.
     */
    static double mean(double[] values) {
        return constant(values) ? values[0] : Mean.of(values).getAsDouble();
    }

    /** @return true when every value equals the first (an empty array counts as constant) */
    static boolean constant(double[] values) {
        for (double v : values) {
            if (v != values[0]) {
                return false;
            }
        }
        return true;
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
     * Type-7 quantiles (Hyndman and Fan 1996; R's default) of the values, which this call may
     * reorder.
     *
     * @param values the sample, non-empty
     * @param p the probabilities in [0, 1]
     * @return one quantile per probability
     */
    static double[] quantiles(double[] values, double... p) {
        return TYPE_7.evaluate(values, p);
    }

    /**
     * Percentile bootstrap interval from bootstrap replicates (reordered by this call).
     *
     * @param estimate the point estimate on the original data
     * @param replicates the bootstrap statistics
     * @param level the confidence level in (0, 1)
     * @param method the method label stored in the interval
     * @return [Q(α/2), Q(1 − α/2)] of the replicates with α = 1 − level (type 7)
     */
    static Interval percentile(double estimate, double[] replicates, double level, String method) {
        double alpha = 1 - level;
        double[] q = quantiles(replicates, alpha / 2, 1 - alpha / 2);
        return new Interval(estimate, q[0], q[1], level, method);
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
