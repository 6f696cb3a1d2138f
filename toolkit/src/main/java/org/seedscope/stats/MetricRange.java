package org.seedscope.stats;

import java.util.Objects;

/**
 * The range a metric's values can take, used to tell a metric stuck at a bound from a
 * constant one ({@link Constancy}).
 *
 * @param lower the smallest possible value (may be −∞)
 * @param upper the largest possible value (may be +∞), ≥ lower
 */
public record MetricRange(double lower, double upper) {

    /** No bounds: a constant metric is always {@link Constancy#CONSTANT}. */
    public static final MetricRange UNBOUNDED =
            new MetricRange(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

    /** Checks lower ≤ upper (NaN rejected). */
    public MetricRange {
        if (!(lower <= upper)) {
            throw new IllegalArgumentException("metric range needs lower <= upper, got ["
                    + lower + ", " + upper + "]");
        }
    }

    /**
     * The range of a SeedScope result column, by name: accuracies ({@code *_acc}), MIAs
     * ({@code mia*}) and {@code zrf} lie in [0, 1]; accuracy differences to Retrain
     * ({@code d_*}) in [−1, 1]; divergences and distances ({@code js_*}, {@code *_dist*}) and
     * timings ({@code *runtime_s}) in [0, ∞); anything else is {@link #UNBOUNDED}.
     *
     * @param metric the column name
     * @return its range
     */
    public static MetricRange forMetric(String metric) {
        Objects.requireNonNull(metric, "metric");
        if (metric.startsWith("d_")) {
            return new MetricRange(-1, 1);
        }
        if (metric.endsWith("_acc") || metric.startsWith("mia") || metric.equals("zrf")) {
            return new MetricRange(0, 1);
        }
        if (metric.startsWith("js_") || metric.contains("_dist") || metric.endsWith("runtime_s")) {
            return new MetricRange(0, Double.POSITIVE_INFINITY);
        }
        return UNBOUNDED;
    }

    /**
     * @param values a slice's values, non-empty
     * @return VARYING unless every value is equal; then FLOOR at the lower bound, CEILING at the
     *     upper bound, CONSTANT otherwise
     */
    public Constancy classify(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("cannot classify an empty sample");
        }
        if (!Groups.constant(values)) {
            return Constancy.VARYING;
        }
        return values[0] == lower ? Constancy.FLOOR : values[0] == upper ? Constancy.CEILING
                : Constancy.CONSTANT;
    }
}
