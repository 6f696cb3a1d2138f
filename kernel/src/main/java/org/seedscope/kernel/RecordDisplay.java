package org.seedscope.kernel;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.IntFunction;
import org.seedscope.format.Numbers;
import tech.tablesaw.api.Table;

/**
 * Java records (the toolkit's results, such as {@code VarianceComponents}, {@code Interval},
 * {@code ProtocolDistance} or {@code MethodAudit}, and the notebook's own) as text a person
 * reads: {@code Name[component=value, ...]} as a record's default {@code toString()} writes it,
 * but with every value formatted for reading, at any depth:
 * <ul>
 *   <li>{@code double} and {@code float} by {@link Numbers#value(Object)}: 3 significant figures,
 *       NaN as {@value Numbers#NOT_ESTIMABLE};</li>
 *   <li>{@code Optional}, {@code OptionalDouble}, ...: the value, or {@value #EMPTY};</li>
 *   <li>nested records the same way; lists, sets, maps and arrays element by element, the first
 *       {@value ArrayDisplay#HEAD} … last {@value ArrayDisplay#TAIL} of more than
 *       {@value ArrayDisplay#MAX_ELEMENTS} (number arrays as {@link ArrayDisplay} shows them);</li>
 *   <li>a Tablesaw table by its caption (name and shape); anything else by {@code toString()}.</li>
 * </ul>
 * A record that fits in {@value #WIDTH} characters with its indentation (the name of the
 * component holding it not counted) takes one line; a longer one takes one line per component,
 * indented by two spaces per level:
 * <pre>
 * Interval[estimate=0.96, lower=0.751, upper=0.999, level=0.95, method=exact F]
 * VarianceComponents[
 *   trainingSeeds=3,
 *   …
 *   sigma2Train=0.00613,
 *   sigma2Unlearn=2.56e-4,
 *   …
 *   iccInterval=Interval[estimate=0.96, lower=0.751, upper=0.999, level=0.95, method=exact F],
 *   …
 *   withinSeedConstant=false,
 *   level=0.95,
 *   notes=[]
 * ]
 * </pre>
 * The record's own {@code toString()} is not used: the toolkit's print 4–6 figures. Values nested
 * deeper than {@value #MAX_DEPTH} levels show as "…". A record whose components cannot be read
 * (a JDK record whose module does not open its package) is shown by its {@code toString()}.
 */
final class RecordDisplay {
    /** Widest one-line form of a record, list or map, counting its indentation. */
    static final int WIDTH = 100;
    /** Levels of nesting shown. */
    static final int MAX_DEPTH = 6;
    /** Shown for an empty {@code Optional}. */
    static final String EMPTY = "empty";
    private static final String INDENT = "  ";

    private RecordDisplay() {}

    /**
     * @param record a record
     * @return its text, see the class comment
     */
    static String text(Record record) {
        try {
            return record(record, "", 0);
        } catch (RuntimeException e) {
            return String.valueOf(record);
        }
    }

    /**
     * @param optional an {@code Optional}, {@code OptionalDouble}, {@code OptionalInt} or
     *                 {@code OptionalLong}
     * @return as Java writes it, the value formatted as in a record: {@code Optional[0.0123]},
     *         {@code OptionalDouble[0.333]}, {@code Optional.empty}
     */
    static String optional(Object optional) {
        String type = optional.getClass().getSimpleName();
        Object content = content(optional);
        try {
            return content == null ? type + ".empty" : type + "[" + value(content, "", 1) + "]";
        } catch (RuntimeException e) {
            return String.valueOf(optional);
        }
    }

    /** @throws IllegalStateException when a component cannot be read */
    private static String record(Record r, String indent, int depth) {
        List<String> parts = new ArrayList<>();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Method accessor = c.getAccessor();
            Object component;
            try {
                if (!accessor.trySetAccessible()) {
                    throw new IllegalAccessException("not accessible");
                }
                component = accessor.invoke(r);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c + " of " + r.getClass().getName(), e);
            }
            parts.add(c.getName() + "=" + value(component, indent + INDENT, depth + 1));
        }
        return block(r.getClass().getSimpleName() + "[", parts, "]", indent);
    }

    /** @return {@code v} formatted to start on a line indented by {@code indent} */
    private static String value(Object v, String indent, int depth) {
        if (v == null) {
            return "null";
        }
        if (depth > MAX_DEPTH) {
            return "\u2026";
        }
        if (v instanceof Double || v instanceof Float) {
            return Numbers.value(v);
        }
        if (v instanceof Optional<?> || v instanceof OptionalDouble || v instanceof OptionalInt
                || v instanceof OptionalLong) {
            Object content = content(v);
            return content == null ? EMPTY : value(content, indent, depth);
        }
        if (v instanceof Record r) {
            return record(r, indent, depth);
        }
        if (ArrayDisplay.TYPES.contains(v.getClass())) {
            return ArrayDisplay.text(v).replace("\n", "\n" + indent);
        }
        if (v.getClass().isArray()) {
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < Array.getLength(v); i++) {
                items.add(Array.get(v, i));
            }
            return sequence("[", items.size(), i -> value(items.get(i), indent + INDENT, depth + 1), "]", indent);
        }
        if (v instanceof Collection<?> collection) {
            List<?> items = new ArrayList<>(collection);
            return sequence("[", items.size(), i -> value(items.get(i), indent + INDENT, depth + 1), "]", indent);
        }
        if (v instanceof Map<?, ?> map) {
            List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
            return sequence("{", entries.size(), i -> value(entries.get(i).getKey(), indent + INDENT, depth + 1) + "="
                    + value(entries.get(i).getValue(), indent + INDENT, depth + 1), "}", indent);
        }
        if (v instanceof Table table) {
            return TableDisplay.caption(table);
        }
        return String.valueOf(v).replace("\n", "\n" + indent);
    }

    /** The n items (abbreviated as {@link ArrayDisplay} does) between {@code open} and {@code close}. */
    private static String sequence(String open, int n, IntFunction<String> item, String close, String indent) {
        return block(open, ArrayDisplay.abbreviate(n, ArrayDisplay.MAX_ELEMENTS, ArrayDisplay.HEAD,
                ArrayDisplay.TAIL, item, "\u2026"), close, indent);
    }

    /** One line if it fits and no part spans lines, else one part per line. */
    private static String block(String open, List<String> parts, String close, String indent) {
        String line = open + String.join(", ", parts) + close;
        if (indent.length() + line.length() <= WIDTH && parts.stream().noneMatch(p -> p.contains("\n"))) {
            return line;
        }
        StringBuilder out = new StringBuilder(open);
        for (int i = 0; i < parts.size(); i++) {
            out.append('\n').append(indent).append(INDENT).append(parts.get(i)).append(i + 1 < parts.size() ? "," : "");
        }
        return out.append('\n').append(indent).append(close).toString();
    }

    /** @return the value of an optional of any kind, or null when it is empty */
    private static Object content(Object optional) {
        if (optional instanceof Optional<?> o) {
            return o.orElse(null);
        }
        if (optional instanceof OptionalDouble o) {
            return o.isPresent() ? o.getAsDouble() : null;
        }
        if (optional instanceof OptionalInt o) {
            return o.isPresent() ? o.getAsInt() : null;
        }
        OptionalLong o = (OptionalLong) optional;
        return o.isPresent() ? o.getAsLong() : null;
    }
}
