package org.seedscope.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.seedscope.format.Numbers;
import org.seedscope.stats.Interval;

/** Package-private: numbers inside sentences, formatted by {@link Numbers}. */
final class Words {

    /** Most significant figures used to tell two different values apart in a sentence. */
    static final int MOST_FIGURES = 6;

    private Words() {
    }

    /**
     * A range "low–high" whose ends are printed with the fewest significant figures (at least
     * {@value Numbers#SIGNIFICANT}, at most {@value #MOST_FIGURES}) that make them differ, so a
     * sentence never says "between 0.759 and 0.759" of two different values.
     *
     * @param low the lower end
     * @param high the upper end, at least {@code low}
     * @return e.g. "0.66–0.78", "0.7591–0.7594"; a single value when the ends are equal
     */
    static String range(double low, double high) {
        if (low == high) {
            return Numbers.format(low);
        }
        String[] e = ends(low, high);
        return e[0] + "–" + e[1];
    }

    /**
     * @param low one value
     * @param high another value
     * @return both printed with the fewest significant figures (from {@value Numbers#SIGNIFICANT}
     *     to {@value #MOST_FIGURES}) that make them differ, when they differ
     */
    static String[] ends(double low, double high) {
        for (int figures = Numbers.SIGNIFICANT; figures < MOST_FIGURES; figures++) {
            String a = Numbers.format(low, figures);
            String b = Numbers.format(high, figures);
            if (!a.equals(b) || low == high) {
                return new String[] {a, b};
            }
        }
        return new String[] {Numbers.format(low, MOST_FIGURES), Numbers.format(high, MOST_FIGURES)};
    }

    /**
     * @param estimate an estimate, empty when not estimable
     * @param interval its interval, when defined
     * @return e.g. "0.0123 [0.0051, 0.041]", "0.0123" without interval, "n/e" when not estimable
     */
    static String withInterval(OptionalDouble estimate, Optional<Interval> interval) {
        if (estimate.isEmpty()) {
            return Numbers.NOT_ESTIMABLE;
        }
        String e = Numbers.estimate(estimate.getAsDouble());
        return interval.map(i -> e + " " + Numbers.interval(i.lower(), i.upper())).orElse(e);
    }

    /**
     * @param share a fraction in [0, 1]
     * @return it as a whole percentage, e.g. "97 %"; "&lt; 1 %" and "&gt; 99 %" near the ends, so
     *     a share that is not exactly 0 or 1 never reads as one
     */
    static String percent(double share) {
        if (share > 0 && share < 0.005) {
            return "< 1 %";
        }
        if (share < 1 && share > 0.995) {
            return "> 99 %";
        }
        return String.format(Locale.ROOT, "%.0f %%", 100 * share);
    }

    /**
     * @param values a non-empty sample
     * @return {mean, sample standard deviation}: the deviation is NaN for one value and exactly 0
     *     when every value is equal (no rounding residue)
     */
    static double[] meanAndSd(double[] values) {
        double mean = Arrays.stream(values).average().orElseThrow();
        if (values.length < 2) {
            return new double[] {mean, Double.NaN};
        }
        if (Arrays.stream(values).allMatch(v -> v == values[0])) {
            return new double[] {values[0], 0};
        }
        double ss = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
        return new double[] {mean, Math.sqrt(ss / (values.length - 1))};
    }

    /** @return a standard deviation from a variance, as {@link Numbers#format(double)} */
    static String sd(double variance) {
        return Numbers.format(Math.sqrt(Math.max(0, variance)));
    }
}
