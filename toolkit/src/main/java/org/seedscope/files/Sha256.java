package org.seedscope.files;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 as every hash in SeedScope uses it (data, parameters, spec identity, cache entries and
 * their manifests, imported files, the build id, seed-stream tags): the JDK's digest, written as
 * lower-case hex.
 */
public final class Sha256 {
    private Sha256() {
    }

    /**
     * @return a fresh SHA-256 digest to feed in parts
     * @throws IllegalStateException if the JVM lacks SHA-256 (every Java SE JVM must have it)
     */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    /**
     * @param bytes the bytes to hash
     * @return the 64 lower-case hex digits of their SHA-256
     */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }
}
