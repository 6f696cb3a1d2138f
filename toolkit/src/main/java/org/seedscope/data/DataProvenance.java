package org.seedscope.data;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Where a {@link Dataset} came from and what was done to it.
 *
 * @param source the file, folder or classpath resource read ({@code classpath:...} for shipped data)
 * @param preprocessing feature transformation applied while loading, e.g. {@code "pixel/255"} or {@code "none"}
 * @param split how the train and test sets were formed, e.g. {@code "original train/test files"}
 * @param sha256 lower-case hex SHA-256 of the examples, see {@link #sha256(Examples, Examples)}
 */
public record DataProvenance(String source, String preprocessing, String split, String sha256) {

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
     * Content hash of a train and a test set, for cache keys.
     *
     * <p>SHA-256 over, for the train set then the test set: size, features and classes as
     * big-endian 32-bit ints, then every feature as its big-endian IEEE-754 float bits (row-major),
     * then every label as a big-endian 32-bit int. Class names are not part of the hash. Equal
     * examples give equal hashes on every machine; an empty set contributes only its header.
     *
     * @param train the training examples
     * @param test the test examples
     * @return 64 lower-case hex digits
     */
    public static String sha256(Examples train, Examples test) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256 (required by the Java SE spec)", e);
        }
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        for (Examples e : new Examples[] {train, test}) {
            buffer.putInt(e.size()).putInt(e.features()).putInt(e.classes());
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
