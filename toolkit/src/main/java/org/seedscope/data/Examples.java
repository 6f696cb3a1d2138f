package org.seedscope.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * A set of labelled examples held as one row-major feature matrix and a label vector, with the
 * shape of one example.
 *
 * <p>Features are already preprocessed (for images: pixel / 255). Row {@code i} occupies
 * {@code x[i * features() .. (i + 1) * features())}. The {@link #shape() shape} says how a row
 * is laid out: {@code [d]} for a table of d features, {@code [C, H, W]} for images, the row
 * holding channel 0's H x W pixels row by row, then channel 1's, ... (C-major, then H, then W:
 * one example of an NCHW tensor). {@link #select}, {@link #relabel} and {@link #concat} keep
 * the shape. Instances are treated as immutable: {@code x} and {@code y} are not copied on
 * construction for speed, so callers must not modify them afterwards.
 *
 * @param x row-major features, length {@code size() * features()}
 * @param y labels in {@code [0, classes)}
 * @param shape dimensions of one example, each at least 1; their product is {@link #features()}
 * @param classes number of classes the labels index into, at least 2
 */
public record Examples(float[] x, int[] y, int[] shape, int classes) {

    /** Validates the shape, the array lengths and the label range; copies {@code shape}. */
    public Examples {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        shape = Shapes.check(shape);
        int features = Shapes.product(shape);
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

    /**
     * Flat examples: shape {@code [features]}, as for a table.
     *
     * @param x row-major features, length {@code y.length * features}
     * @param y labels in {@code [0, classes)}
     * @param features number of features per example, at least 1
     * @param classes number of classes the labels index into, at least 2
     */
    public Examples(float[] x, int[] y, int features, int classes) {
        this(x, y, new int[] {features}, classes);
    }

    /** @return a copy of the shape of one example, e.g. {@code [1, 28, 28]} or {@code [64]} */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** @return features per example: the product of the shape's dimensions */
    public int features() {
        return Shapes.product(shape);
    }

    /**
     * The same rows viewed with another example shape (no data is moved).
     *
     * @param newShape the shape, e.g. {@code 1, 8, 8}; its product must equal {@link #features()}
     * @return a new set sharing this set's arrays
     * @throws IllegalArgumentException if the product differs or a dimension is below 1
     */
    public Examples withShape(int... newShape) {
        int[] checked = Shapes.check(newShape);
        if (Shapes.product(checked) != features()) {
            throw new IllegalArgumentException("shape " + Shapes.format(checked) + " holds " + Shapes.product(checked)
                    + " features but these examples have " + features() + " (shape " + Shapes.format(shape) + ")");
        }
        return new Examples(x, y, checked, classes);
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
        int features = features();
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
        return new Examples(nx, ny, shape, classes);
    }

    /**
     * Returns the same features with other labels.
     *
     * @param labels one label per example
     * @param newClasses number of classes of the new labels
     * @return a new set sharing this set's feature array, with the same shape
     */
    public Examples relabel(int[] labels, int newClasses) {
        if (labels.length != y.length) {
            throw new IllegalArgumentException("relabel needs " + y.length + " labels, got " + labels.length);
        }
        return new Examples(x, labels.clone(), shape, newClasses);
    }

    /**
     * Concatenates two sets with the same shape and class count.
     *
     * <p>Shapes must be equal, except that a flat set (rank 1, {@code [features]}) joins a set of
     * any shape with as many features and takes that shape: its rows carry no layout of their
     * own (as rows made by a method that only knows the feature count).
     *
     * @param other the rows to append
     * @return a new set: this set's rows, then {@code other}'s; the shape of the non-flat operand
     *     if there is one, else the common shape
     * @throws IllegalArgumentException if the class counts, the feature counts or two non-flat
     *     shapes differ
     */
    public Examples concat(Examples other) {
        boolean compatible = Arrays.equals(shape, other.shape)
                || features() == other.features() && (shape.length == 1 || other.shape.length == 1);
        if (!compatible || other.classes != classes) {
            throw new IllegalArgumentException("cannot concatenate examples of shape " + Shapes.format(shape) + " and "
                    + classes + " classes with examples of shape " + Shapes.format(other.shape) + " and "
                    + other.classes + " classes");
        }
        float[] nx = Arrays.copyOf(x, x.length + other.x.length);
        System.arraycopy(other.x, 0, nx, x.length, other.x.length);
        int[] ny = Arrays.copyOf(y, y.length + other.y.length);
        System.arraycopy(other.y, 0, ny, y.length, other.y.length);
        return new Examples(nx, ny, shape.length == 1 ? other.shape : shape, classes);
    }

    /** Equal when shape, class count, features and labels are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Examples e && Arrays.equals(shape, e.shape) && classes == e.classes
                && Arrays.equals(x, e.x) && Arrays.equals(y, e.y);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(y) + Arrays.hashCode(x);
    }

    /** @return e.g. {@code Examples[12000 x 784 features, 10 classes]}, shape added when not flat */
    @Override
    public String toString() {
        String layout = shape.length == 1 ? "" : " (" + Shapes.format(shape) + ")";
        return "Examples[" + size() + " x " + features() + " features" + layout + ", " + classes + " classes]";
    }
}
