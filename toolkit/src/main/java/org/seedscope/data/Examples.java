package org.seedscope.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * A set of labelled examples held as one row-major feature matrix and a label vector.
 *
 * <p>Features are already preprocessed (for images: pixel / 255). Row {@code i} occupies
 * {@code x[i * features .. (i + 1) * features)}. Instances are treated as immutable: the
 * arrays are not copied on construction for speed, so callers must not modify them afterwards.
 *
 * @param x row-major features, length {@code size() * features}
 * @param y labels in {@code [0, classes)}
 * @param features number of features per example, at least 1
 * @param classes number of classes the labels index into, at least 2
 */
public record Examples(float[] x, int[] y, int features, int classes) {

    /** Validates shapes and label ranges. */
    public Examples {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (features < 1) {
            throw new IllegalArgumentException("features must be at least 1, got " + features);
        }
        if (classes < 2) {
            throw new IllegalArgumentException("classes must be at least 2, got " + classes);
        }
        if ((long) y.length * features != x.length) {
            throw new IllegalArgumentException("x has " + x.length + " values but " + y.length
                    + " labels x " + features + " features = " + (long) y.length * features);
        }
        for (int i = 0; i < y.length; i++) {
            if (y[i] < 0 || y[i] >= classes) {
                throw new IllegalArgumentException("label " + y[i] + " of example " + i
                        + " is outside [0, " + classes + ")");
            }
        }
    }

    /** @return the number of examples */
    public int size() {
        return y.length;
    }

    /** @return true when there are no examples */
    public boolean isEmpty() {
        return y.length == 0;
    }

    /**
     * Selects rows by index, in the given order.
     *
     * @param rows row indices; repeats are allowed
     * @return a new set holding copies of the chosen rows
     */
    public Examples select(int[] rows) {
        float[] nx = new float[rows.length * features];
        int[] ny = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            int r = rows[i];
            if (r < 0 || r >= y.length) {
                throw new IndexOutOfBoundsException("row " + r + " of " + y.length);
            }
            System.arraycopy(x, r * features, nx, i * features, features);
            ny[i] = y[r];
        }
        return new Examples(nx, ny, features, classes);
    }

    /**
     * Returns the same features with other labels.
     *
     * @param labels one label per example
     * @param newClasses number of classes of the new labels
     * @return a new set sharing this set's feature array
     */
    public Examples relabel(int[] labels, int newClasses) {
        if (labels.length != y.length) {
            throw new IllegalArgumentException("relabel needs " + y.length + " labels, got " + labels.length);
        }
        return new Examples(x, labels.clone(), features, newClasses);
    }

    /**
     * Concatenates two sets with the same feature and class counts.
     *
     * @param other the rows to append
     * @return a new set: this set's rows, then {@code other}'s
     */
    public Examples concat(Examples other) {
        if (other.features != features || other.classes != classes) {
            throw new IllegalArgumentException("cannot concatenate " + features + "-feature/" + classes
                    + "-class examples with " + other.features + "-feature/" + other.classes + "-class ones");
        }
        float[] nx = Arrays.copyOf(x, x.length + other.x.length);
        System.arraycopy(other.x, 0, nx, x.length, other.x.length);
        int[] ny = Arrays.copyOf(y, y.length + other.y.length);
        System.arraycopy(other.y, 0, ny, y.length, other.y.length);
        return new Examples(nx, ny, features, classes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Examples e && features == e.features && classes == e.classes
                && Arrays.equals(x, e.x) && Arrays.equals(y, e.y);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(y) + Arrays.hashCode(x);
    }

    @Override
    public String toString() {
        return "Examples[" + size() + " x " + features + " features, " + classes + " classes]";
    }
}
