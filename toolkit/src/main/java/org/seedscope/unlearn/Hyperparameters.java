package org.seedscope.unlearn;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Hyperparameters read from and written into method records by reflection, so that their names are
 * the record components' names and never typed by hand.
 *
 * <p>Flattening: a component whose declared type is itself a record (a settings record such as
 * {@link DescentSettings}) contributes its own components in its place, recursively, under their
 * own names; two components of the same flattened name are a programming error. Values: numbers and
 * booleans as their boxed values, enum constants as their {@linkplain #id(Enum) id} (lower case,
 * {@code _} written {@code -}), everything else as is.
 */
public final class Hyperparameters {
    private Hyperparameters() {}

    /**
     * The hyperparameters of a configuration record: its components by name, in declaration order,
     * flattened and converted as the class comment says. Used by
     * {@link UnlearningMethod#hyperparameters()}; other configuration records (e.g. a model
     * family's) may use it too.
     *
     * @param method the record
     * @return the values by name, unmodifiable
     * @throws IllegalStateException when two flattened components share a name
     */
    public static Map<String, Object> of(Record method) {
        Map<String, Object> out = new LinkedHashMap<>();
        flatten(method, out, new LinkedHashMap<>());
        return Collections.unmodifiableMap(out);
    }

    /** Puts every flattened component's value into {@code values} and its declared type into {@code types}. */
    private static void flatten(Record r, Map<String, Object> values, Map<String, Class<?>> types) {
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object value = read(c, r);
            if (c.getType().isRecord() && value != null) {
                flatten((Record) value, values, types);
            } else if (types.put(c.getName(), c.getType()) != null) {
                throw new IllegalStateException(r.getClass().getSimpleName() + " has two hyperparameters named '"
                        + c.getName() + "' once nested settings records are flattened");
            } else {
                values.put(c.getName(), value instanceof Enum<?> e ? id(e) : value);
            }
        }
    }

    /** @return an enum constant's text form: {@code PER_EXAMPLE} is {@code per-example} */
    static String id(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * A copy of a method record with some hyperparameters replaced, built through the canonical
     * constructors (so every rule of the record is checked).
     *
     * @param method the method whose values are the defaults
     * @param values replacements keyed exactly by {@link #of} names; numbers as any boxed Number, enums as
     *     their id (case and {@code -}/{@code _} ignored) or as the constant
     * @return the new method
     * @throws IllegalArgumentException for an unknown key (the message lists the allowed ones), a value
     *     of the wrong type, or a combination the method rejects; the message names the method, key and
     *     value
     */
    static UnlearningMethod with(UnlearningMethod method, Map<String, ?> values) {
        if (values.isEmpty()) {
            return method;
        }
        if (!(method instanceof Record record)) {
            throw new IllegalArgumentException("method '" + method.name() + "' is not a record, so its "
                    + "hyperparameters cannot be set by name; got " + values.keySet());
        }
        Map<String, Class<?>> types = new LinkedHashMap<>();
        flatten(record, new LinkedHashMap<>(), types);
        List<String> unknown = new ArrayList<>(new TreeSet<>(values.keySet()));
        unknown.removeAll(types.keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("method '" + method.name() + "' has no hyperparameter "
                    + String.join(", ", unknown.stream().map(k -> "'" + k + "'").toList()) + "; allowed: "
                    + String.join(", ", types.keySet()));
        }
        Map<String, Object> typed = new LinkedHashMap<>();
        values.forEach((key, value) -> typed.put(key, coerce(types.get(key), key, value, method.name())));
        try {
            return (UnlearningMethod) rebuild(record, typed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("method '" + method.name() + "' rejects " + values + ": "
                    + e.getMessage(), e);
        }
    }

    private static Record rebuild(Record r, Map<String, Object> values) {
        RecordComponent[] components = r.getClass().getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            Object current = read(c, r);
            if (c.getType().isRecord() && current != null) {
                args[i] = rebuild((Record) current, values);
            } else if (values.containsKey(c.getName())) {
                args[i] = values.get(c.getName());
            } else {
                args[i] = current;
            }
        }
        try {
            Constructor<?> canonical = r.getClass().getDeclaredConstructor(types);
            canonical.setAccessible(true);
            return (Record) canonical.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("cannot build " + r.getClass().getName() + ": " + e.getCause(), e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + r.getClass().getName() + " by reflection", e);
        }
    }

    /** @return {@code value} as a {@code type}, or an exception naming the key, value and method */
    private static Object coerce(Class<?> type, String key, Object value, String method) {
        String bad = "method '" + method + "': hyperparameter " + key + " = " + describe(value) + " must be ";
        if (value == null) {
            throw new IllegalArgumentException(bad + "given (null)");
        }
        if (type == double.class || type == Double.class) {
            if (value instanceof Number n) {
                return n.doubleValue();
            }
            throw new IllegalArgumentException(bad + "a number");
        }
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            boolean integral = value instanceof Integer || value instanceof Long || value instanceof Short
                    || value instanceof Byte || (value instanceof BigInteger b && b.bitLength() < 64);
            long v = integral ? ((Number) value).longValue() : 0;
            boolean isInt = type == int.class || type == Integer.class;
            if (!integral || (isInt && v != (int) v)) {
                boolean whole = integral || value instanceof BigInteger;
                throw new IllegalArgumentException(bad + "a whole number"
                        + (!whole ? "" : isInt ? " between -2^31 and 2^31 - 1" : " between -2^63 and 2^63 - 1"));
            }
            return isInt ? (Object) (int) v : (Object) v;
        }
        if (type == boolean.class || type == Boolean.class) {
            if (value instanceof Boolean) {
                return value;
            }
            throw new IllegalArgumentException(bad + "true or false");
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            for (Object constant : constants) {
                if (constant == value || (value instanceof String s
                        && id((Enum<?>) constant).equals(s.toLowerCase(Locale.ROOT).replace('_', '-')))) {
                    return constant;
                }
            }
            throw new IllegalArgumentException(bad + "one of " + String.join(", ",
                    Arrays.stream(constants).map(k -> id((Enum<?>) k)).toList()));
        }
        if (type.isInstance(value)) {
            return value;
        }
        throw new IllegalArgumentException(bad + "a " + type.getSimpleName());
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    }

    private static Object read(RecordComponent c, Record r) {
        try {
            Method accessor = c.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass().getName(), e);
        }
    }
}
