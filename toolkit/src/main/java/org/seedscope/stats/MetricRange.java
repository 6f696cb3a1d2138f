package org.seedscope.stats;

import org.seedscope.metrics.Metrics;
import org.seedscope.results.ResultSchema;
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
     * The range of a SeedScope result column: for a metric its definition's range
     * ({@link Metrics#range}: accuracies, MIAs and ZRF in [0, 1], {@code d_*} in [-1, 1], JS
     * divergences in [0, ln 2], distances in [0, infinity)); measured times in [0, infinity);
     * anything else is {@link #UNBOUNDED}.
     *
     * @param metric the column name
     * @return its range
     */
    public static MetricRange forMetric(String metric) {
        Objects.requireNonNull(metric, "metric");
        if (ResultSchema.isMetric(metric)) {
            double[] r = Metrics.range(metric);
            return new MetricRange(r[0], r[1]);
        }
        if (metric.endsWith("runtime_s")) {
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
