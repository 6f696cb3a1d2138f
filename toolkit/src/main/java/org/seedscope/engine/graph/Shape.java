package org.seedscope.engine.graph;

import java.util.Arrays;

/**
 * The static shape of a tensor in a {@link Graph}. Every dimension is known except, optionally, the
 * first one, the batch, written {@link #BATCH} ({@code -1}; ONNX's symbolic dimension
 * {@code "batch"}). Immutable.
 */
public final class Shape {
    /** The value of a dimension that is the batch. */
    public static final long BATCH = -1;

    private final long[] dims;

    private Shape(long[] dims) {
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0 && !(i == 0 && dims[i] == BATCH)) {
                throw new IllegalArgumentException("dimension " + i + " of shape " + Arrays.toString(dims)
                        + " is " + dims[i] + ": only the first dimension may be the batch (-1)");
            }
        }
        this.dims = dims;
    }

    /**
     * @param dims the dimensions; the first may be {@link #BATCH}
     * @return the shape
     */
    public static Shape of(long... dims) {
        return new Shape(dims.clone());
    }

    /**
     * @param perExample the dimensions of one example, e.g. {@code [1, 28, 28]}
     * @return {@code [batch, perExample...]}
     */
    public static Shape batched(long... perExample) {
        long[] d = new long[perExample.length + 1];
        d[0] = BATCH;
        System.arraycopy(perExample, 0, d, 1, perExample.length);
        return new Shape(d);
    }

    /** @return number of dimensions */
    public int rank() {
        return dims.length;
    }

    /**
     * @param i a dimension index; negative counts from the end
     * @return its size, or {@link #BATCH}
     */
    public long dim(int i) {
        return dims[i < 0 ? dims.length + i : i];
    }

    /** @return a copy of the dimensions */
    public long[] dims() {
        return dims.clone();
    }

    /** @return true when the first dimension is the batch */
    public boolean hasBatch() {
        return dims.length > 0 && dims[0] == BATCH;
    }

    /**
     * @return number of elements of one example (the product of every dimension but the batch), or of
     *     the whole tensor when it has no batch dimension
     */
    public long perExample() {
        long p = 1;
        for (int i = hasBatch() ? 1 : 0; i < dims.length; i++) {
            p *= dims[i];
        }
        return p;
    }

    /**
     * @param batch the batch size to substitute
     * @return the dimensions with the batch replaced by {@code batch}
     */
    public long[] concrete(long batch) {
        long[] d = dims.clone();
        if (hasBatch()) {
            d[0] = batch;
        }
        return d;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) {
            sb.append(i > 0 ? ", " : "").append(dims[i] == BATCH ? "batch" : Long.toString(dims[i]));
        }
        return sb.append(']').toString();
    }
}
