package org.seedscope.unlearn;

/**
 * Validation of method hyperparameters, NaN-proof. Every message has the form
 * {@code "<method>: <field> must be ..., got <value>"}.
 */
final class Checks {
    private Checks() {}

    /** Requires a positive finite number. */
    static void positive(String method, String field, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(method + ": " + field + " must be a positive finite number, got "
                    + value);
        }
    }

    /** Requires a non-negative finite number. */
    static void nonNegative(String method, String field, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(method + ": " + field + " must be a non-negative finite number, got "
                    + value);
        }
    }

    /** Requires {@code value >= min}. */
    static void atLeast(String method, String field, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(method + ": " + field + " must be at least " + min + ", got " + value);
        }
    }

    /** Requires {@code 0 < value <= 1} (or {@code < 1} when {@code open}). */
    static void fraction(String method, String field, double value, boolean open) {
        if (!(value > 0 && (open ? value < 1 : value <= 1))) {
            throw new IllegalArgumentException(method + ": " + field + " must be in (0, " + (open ? "1)" : "1]")
                    + ", got " + value);
        }
    }
}
