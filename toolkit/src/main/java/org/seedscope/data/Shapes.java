package org.seedscope.data;

import java.util.Arrays;
import java.util.StringJoiner;

/** Validation and printing of example shapes ({@link Examples#shape()}). */
final class Shapes {

    private Shapes() {
    }

    /**
     * A validated copy of a shape: at least one dimension, every dimension at least 1, and a
     * product that fits in an int.
     */
    static int[] check(int[] shape) {
        if (shape == null || shape.length == 0) {
            throw new IllegalArgumentException("an example shape needs at least one dimension, got "
                    + (shape == null ? "null" : "[]"));
        }
        long product = 1;
        for (int d : shape) {
            if (d < 1) {
                throw new IllegalArgumentException("every dimension of an example shape must be at least 1, got "
                        + Arrays.toString(shape));
            }
            product *= d;
            if (product > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("example shape " + Arrays.toString(shape)
                        + " has more than " + Integer.MAX_VALUE + " features");
            }
        }
        return shape.clone();
    }

    /** The number of features of a valid shape: the product of its dimensions. */
    static int product(int[] shape) {
        int p = 1;
        for (int d : shape) {
            p *= d;
        }
        return p;
    }

    /** {@code 1x28x28}, or {@code 784} for a rank-1 shape. */
    static String format(int[] shape) {
        StringJoiner j = new StringJoiner("x");
        for (int d : shape) {
            j.add(Integer.toString(d));
        }
        return j.toString();
    }
}
