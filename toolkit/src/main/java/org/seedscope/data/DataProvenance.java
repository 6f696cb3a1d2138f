package org.seedscope.data;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;
import org.seedscope.files.Sha256;

/**
 * Where a {@link Dataset} came from and what was done to it.
 *
 * @param source the file, folder or classpath resource read ({@code classpath:...} for shipped data)
 * @param preprocessing feature transformation applied while loading, e.g. {@code "none"}, then for
 *     examples that are not flat their shape, e.g. {@code "pixel/255; shape 1x28x28"} (C x H x W)
 * @param split how the train and test sets were formed, e.g. {@code "original train/test files"}
 * @param sha256 lower-case hex SHA-256 of the examples, see {@link #sha256(Examples, Examples)}
 */
public record DataProvenance(String source, String preprocessing, String split, String sha256) {

    /** Separates the transformation from the shape in {@link #preprocessing()}. */
    private static final String SHAPE_CLAUSE = "; shape ";

    /** Rejects null fields and a hash that is not 64 hex digits. */
    public DataProvenance {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(preprocessing, "preprocessing");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(sha256, "sha256");
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits, got '" + sha256 + "'");
        }
    }

    /**
     * The provenance of freshly loaded examples: {@code preprocessing} is {@code transform}
     * followed, when the examples are not flat, by {@code "; shape "} and the shape (e.g.
     * {@code pixel/255; shape 1x28x28}); the hash is {@link #sha256(Examples, Examples)}.
     */
    static DataProvenance of(String source, String transform, String split, Examples train, Examples test) {
        return new DataProvenance(source, describe(transform, train.shape()), split, sha256(train, test));
    }

    /**
     * This provenance for the same examples with another shape: the shape clause of
     * {@link #preprocessing()} and the hash follow the new examples.
     */
    DataProvenance reshaped(Examples train, Examples test) {
        int clause = preprocessing.lastIndexOf(SHAPE_CLAUSE);
        String transform = clause < 0 ? preprocessing : preprocessing.substring(0, clause);
        return new DataProvenance(source, describe(transform, train.shape()), split, sha256(train, test));
    }

    private static String describe(String transform, int[] shape) {
        return shape.length == 1 ? transform : transform + SHAPE_CLAUSE + Shapes.format(shape);
    }

    /**
     * Content hash of a train and a test set, for cache keys.
     *
     * <p>SHA-256 over, for the train set then the test set: size, features and classes as
     * big-endian 32-bit ints, then the shape's rank and each of its dimensions as big-endian
     * 32-bit ints, then every feature as its big-endian IEEE-754 float bits (row-major), then
     * every label as a big-endian 32-bit int. Class names are not part of the hash. Equal
     * examples give equal hashes on every machine; an empty set contributes only its header, so
     * the same pixels as {@code [784]} and as {@code [1, 28, 28]} hash differently.
     *
     * @param train the training examples
     * @param test the test examples
     * @return 64 lower-case hex digits
     */
    public static String sha256(Examples train, Examples test) {
        MessageDigest digest = Sha256.digest();
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        for (Examples e : new Examples[] {train, test}) {
            buffer.putInt(e.size()).putInt(e.features()).putInt(e.classes());
            int[] shape = e.shape();
            buffer.putInt(shape.length);
            for (int d : shape) {
                if (buffer.remaining() < Integer.BYTES) {
                    flush(digest, buffer);
                }
                buffer.putInt(d);
            }
            for (float v : e.x()) {
                if (buffer.remaining() < Float.BYTES) {
                    flush(digest, buffer);
                }
                buffer.putFloat(v);
            }
            for (int label : e.y()) {
                if (buffer.remaining() < Integer.BYTES) {
                    flush(digest, buffer);
                }
                buffer.putInt(label);
            }
            flush(digest, buffer);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void flush(MessageDigest digest, ByteBuffer buffer) {
        digest.update(buffer.array(), 0, buffer.position());
        buffer.clear();
    }
}
