package org.seedscope.stats;

import java.util.Locale;

/**
 * Whether a slice's values of one metric vary, and if not, why: a metric that is constant
 * because it sits at its floor (forget accuracy 0 in every cell) or ceiling (1) says nothing
 * about whether the method is deterministic, only that the metric cannot move. See
 * {@link MetricRange#classify}.
 */
public enum Constancy {
    /** The values are not all equal. */
    VARYING,
    /** Every value equals the metric's lower bound (e.g. accuracy 0, a distance 0). */
    FLOOR,
    /** Every value equals the metric's upper bound (e.g. accuracy 1). */
    CEILING,
    /** Every value is equal, strictly inside the metric's range. */
    CONSTANT;

    /** @return "varying", "floor", "ceiling" or "constant" */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
