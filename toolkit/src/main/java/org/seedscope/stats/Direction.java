package org.seedscope.stats;

import java.util.Locale;
import java.util.Objects;

/**
 * Which values of a metric are better, for ranking methods: higher (test accuracy), lower
 * (runtime) or closer to a reference (e.g. Retrain's forget accuracy or MIA).
 */
public final class Direction {

    private static final Direction HIGHER = new Direction(-1, 0, false);
    private static final Direction LOWER = new Direction(1, 0, false);

    private final int sign;
    private final double reference;
    private final boolean distance;

    private Direction(int sign, double reference, boolean distance) {
        this.sign = sign;
        this.reference = reference;
        this.distance = distance;
    }

    /** @return the direction in which a larger value is better */
    public static Direction higherIsBetter() {
        return HIGHER;
    }

    /** @return the direction in which a smaller value is better */
    public static Direction lowerIsBetter() {
        return LOWER;
    }

    /**
     * @param reference the target value, finite
     * @return the direction in which a smaller |value − reference| is better
     * @throws IllegalArgumentException for a non-finite reference
     */
    public static Direction closerTo(double reference) {
        if (!Double.isFinite(reference)) {
            throw new IllegalArgumentException("reference must be finite, got " + reference);
        }
        return new Direction(1, reference, true);
    }

    /** @return a key where smaller is better: −x, x or |x − reference| */
    double badness(double x) {
        return distance ? Math.abs(x - reference) : sign * x;
    }

    /**
     * @param o another object
     * @return true for the same kind of direction (and the same reference for closerTo)
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Direction d && sign == d.sign && distance == d.distance
                && Double.compare(reference, d.reference) == 0;
    }

    /** @return a hash of the kind and reference */
    @Override
    public int hashCode() {
        return Objects.hash(sign, distance, reference);
    }

    /** @return "higher is better", "lower is better" or "closer to r is better" */
    @Override
    public String toString() {
        if (distance) {
            return String.format(Locale.ROOT, "closer to %.6g is better", reference);
        }
        return sign < 0 ? "higher is better" : "lower is better";
    }
}
