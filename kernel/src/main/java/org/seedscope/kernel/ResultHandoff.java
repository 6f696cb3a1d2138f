package org.seedscope.kernel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Carries the value of a cell's last expression, as a live object, from JShell code back to
 * the kernel.
 *
 * <p>JShell reports snippet values only as strings. Because the kernel runs snippets in its own
 * JVM (local execution control), it can instead evaluate a tiny internal snippet that calls
 * {@link #offer(String, Object)} with the value and then take the object out here. This class
 * must be public so that JShell's generated code can call it; notebook code has no reason to.
 */
public final class ResultHandoff {
    private static final Map<String, Object> VALUES = new ConcurrentHashMap<>();
    private static final Object NULL = new Object();

    private ResultHandoff() {}

    /**
     * Stores {@code value} under {@code key} until the kernel takes it.
     *
     * @param key   a key unique to one evaluation, chosen by the kernel
     * @param value the value, may be {@code null}
     */
    public static void offer(String key, Object value) {
        VALUES.put(key, value == null ? NULL : value);
    }

    /**
     * Removes and returns the value stored under {@code key}.
     *
     * @throws IllegalStateException if nothing was offered under {@code key}
     */
    static Object take(String key) {
        Object value = VALUES.remove(key);
        if (value == null) {
            throw new IllegalStateException("no value was handed off under key " + key);
        }
        return value == NULL ? null : value;
    }
}
