package org.seedscope.kernel;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.seedscope.format.Numbers;

/**
 * Primitive number arrays as text a person reads, instead of {@code [D@1b2c3d}: the type and
 * length, then the elements, floating-point ones rounded by {@link Numbers#format(double)}.
 *
 * <pre>
 * double[4]: [0.1, 0.333, 1.23e-5, ∞]
 * double[1000]: [0.5, 0.25, …, 0.125]            (first 10 … last 3 when longer than 20)
 * int[2][3]:
 *   [1, 2, 3]
 *   [4, 5, 6]                                     (first 8 … last 3 rows when more than 14)
 * </pre>
 */
final class ArrayDisplay {
    /** Arrays up to this length are shown whole. */
    static final int MAX_ELEMENTS = 20;
    /** Leading elements shown of a longer array. */
    static final int HEAD = 10;
    /** Trailing elements shown of a longer array. */
    static final int TAIL = 3;
    /** Matrices up to this many rows are shown whole. */
    static final int MAX_ROWS = 14;
    /** Leading rows shown of a taller matrix. */
    static final int HEAD_ROWS = 8;
    /** Trailing rows shown of a taller matrix. */
    static final int TAIL_ROWS = 3;
    /** The array classes shown. */
    static final List<Class<?>> TYPES = List.of(double[].class, float[].class, int[].class,
            long[].class, double[][].class, float[][].class, int[][].class, long[][].class);

    private ArrayDisplay() {}

    /**
     * @param array one of {@link #TYPES}
     * @return the text, see the class comment
     * @throws IllegalArgumentException for any other value
     */
    static String text(Object array) {
        if (array == null || !TYPES.contains(array.getClass())) {
            throw new IllegalArgumentException("not a number array or matrix: "
                    + (array == null ? "null" : array.getClass().getName()) + "; shown: " + TYPES);
        }
        if (array instanceof Object[] rows) {
            String element = array.getClass().getComponentType().getComponentType().getName();
            boolean rectangular = rows.length > 0;
            for (Object row : rows) {
                rectangular &= row != null && length(row) == length(rows[0]);
            }
            StringBuilder out = new StringBuilder(element).append('[').append(rows.length).append(']')
                    .append(rectangular ? "[" + length(rows[0]) + "]" : "[]").append(':');
            List<String> lines = abbreviate(rows.length, MAX_ROWS, HEAD_ROWS, TAIL_ROWS,
                    r -> rows[r] == null ? "null" : elements(rows[r]), "\u2026 (%d more rows)");
            for (String line : lines) {
                out.append("\n  ").append(line);
            }
            return out.toString();
        }
        String elements = elements(array);
        return array.getClass().getComponentType().getName() + "[" + length(array) + "]: " + elements;
    }

    /** "[a, b, …, z]" of a one-dimensional array. */
    private static String elements(Object array) {
        IntFunction<String> element;
        if (array instanceof double[] d) {
            element = i -> Numbers.format(d[i]);
        } else if (array instanceof float[] f) {
            element = i -> Numbers.format(f[i]);
        } else if (array instanceof int[] n) {
            element = i -> Numbers.format(n[i]);
        } else if (array instanceof long[] n) {
            element = i -> Numbers.format(n[i]);
        } else {
            throw new IllegalArgumentException("not a number array: " + array.getClass().getName());
        }
        return "[" + String.join(", ", abbreviate(length(array), MAX_ELEMENTS, HEAD, TAIL, element, "\u2026")) + "]";
    }

    /**
     * @return all n items, or the first {@code head}, {@code marker} (formatted with the number
     *         left out) and the last {@code tail} when n &gt; max
     */
    static List<String> abbreviate(int n, int max, int head, int tail, IntFunction<String> item, String marker) {
        List<String> out = new ArrayList<>();
        boolean cut = n > max;
        for (int i = 0; i < n; i++) {
            if (cut && i == head) {
                out.add(String.format(marker, n - head - tail));
                i = n - tail;
            }
            out.add(item.apply(i));
        }
        return out;
    }

    private static int length(Object array) {
        return Array.getLength(array);
    }
}
