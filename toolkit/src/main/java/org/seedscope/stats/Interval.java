package org.seedscope.stats;

import java.util.Locale;
import java.util.Objects;

/**
 * A point estimate with a two-sided interval.
 *
 * @param estimate the point estimate
 * @param lower the lower bound, at most {@code upper}
 * @param upper the upper bound
 * @param level the nominal coverage in (0, 1), e.g. 0.95
 * @param method how the interval was obtained, e.g. "exact F", "chi-squared",
 *     "Satterthwaite", "percentile bootstrap (2000 resamples, seed 7)"
 */
public record Interval(double estimate, double lower, double upper, double level, String method) {

    /** Validates: bounds and estimate finite, {@code lower <= upper}, level in (0, 1). */
    public Interval {
        Objects.requireNonNull(method, "method");
        if (!Double.isFinite(lower) || !Double.isFinite(upper) || !(lower <= upper)) {
            throw new IllegalArgumentException("interval bounds must be finite with lower <= upper, got ["
                    + lower + ", " + upper + "]");
        }
        if (!Double.isFinite(estimate)) {
            throw new IllegalArgumentException("interval estimate must be finite, got " + estimate);
        }
        Groups.checkLevel(level);
    }

    /** @return {@code upper − lower} */
    public double width() {
        return upper - lower;
    }

    /**
     * @param value a value
     * @return true when {@code lower <= value <= upper}
     */
    public boolean contains(double value) {
        return lower <= value && value <= upper;
    }

    /** @return e.g. {@code 0.0123 [0.0051, 0.0410] 95% chi-squared} */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.4g [%.4g, %.4g] %s%% %s", estimate, lower, upper,
                trimLevel(level), method);
    }

    private static String trimLevel(double level) {
        String s = String.format(Locale.ROOT, "%.2f", level * 100);
        return s.replaceAll("\\.?0+$", "");
    }
}
