package org.seedscope.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.seedscope.files.Sha256;

/**
 * A flat vector of float parameters held in a direct, native-order buffer so ONNX Runtime reads it
 * without copying. The layout follows {@link Architecture}. Mutable: trainers update it in place;
 * use {@link #copy()} to keep a snapshot.
 */
public final class Parameters {
    private final FloatBuffer buffer;

    private Parameters(FloatBuffer buffer) {
        this.buffer = buffer;
    }

    /**
     * @param count number of parameters
     * @return a zero-filled vector
     */
    public static Parameters zeros(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("parameter count must be non-negative, got " + count);
        }
        return new Parameters(allocate(count));
    }

    /**
     * @param values the values to copy
     * @return a vector holding a copy of {@code values}
     */
    public static Parameters of(float[] values) {
        Parameters p = zeros(values.length);
        p.buffer.put(0, values);
        return p;
    }

    static FloatBuffer allocate(int count) {
        return ByteBuffer.allocateDirect(Math.max(count, 1) * Float.BYTES).order(ByteOrder.nativeOrder())
                .asFloatBuffer().limit(count);
    }

    /** @return number of parameters */
    public int size() {
        return buffer.limit();
    }

    /**
     * @param i index
     * @return parameter {@code i}
     */
    public float get(int i) {
        return buffer.get(i);
    }

    /**
     * @param i index
     * @param value new value of parameter {@code i}
     */
    public void set(int i, float value) {
        buffer.put(i, value);
    }

    /** @return a copy of the values as an array */
    public float[] toArray() {
        float[] a = new float[size()];
        buffer.get(0, a);
        return a;
    }

    /**
     * Overwrites this vector with another of the same size.
     *
     * @param other the source
     */
    public void copyFrom(Parameters other) {
        if (other.size() != size()) {
            throw new IllegalArgumentException("cannot copy " + other.size() + " parameters into " + size());
        }
        buffer.put(0, other.buffer, 0, size());
    }

    /** @return an independent copy */
    public Parameters copy() {
        Parameters p = zeros(size());
        p.copyFrom(this);
        return p;
    }

    /**
     * A view of a range, sharing storage (for binding one layer's tensor).
     *
     * @param offset first index
     * @param length number of values
     * @return a direct buffer view of {@code [offset, offset + length)}
     */
    FloatBuffer slice(int offset, int length) {
        return buffer.slice(offset, length);
    }

    /** @return the whole buffer, shared (package use: optimisers) */
    FloatBuffer buffer() {
        return buffer;
    }

    /** @return hex SHA-256 of the little-endian bytes of the values: equal iff bit-identical */
    public String sha256() {
        ByteBuffer bytes = ByteBuffer.allocate(size() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(toArray());
        return Sha256.hex(bytes.array());
    }

    /**
     * @param other another vector
     * @return true when both hold bit-identical values
     */
    public boolean bitEquals(Parameters other) {
        if (other.size() != size()) {
            return false;
        }
        for (int i = 0; i < size(); i++) {
            if (Float.floatToRawIntBits(get(i)) != Float.floatToRawIntBits(other.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "Parameters[" + size() + "]";
    }
}
