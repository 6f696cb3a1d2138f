package org.seedscope.study;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One method entry of a study: a registry id, the name its rows carry and hyperparameters that
 * override the method's defaults. In spec files a plain id ({@code ssd}) or an object
 * ({@code {id: ssd, name: ssd-a100, alpha: 100}}: every key but {@code id} and {@code name} is a
 * hyperparameter, named exactly as the method's {@code hyperparameters()}).
 *
 * @param id the registry id, e.g. {@code ssd}
 * @param name the name in result rows (the id unless a variant is named)
 * @param settings hyperparameter overrides, sorted by name; values are numbers, booleans or text
 */
public record MethodSpec(String id, String name, Map<String, Object> settings) {

    /** Validates and copies. */
    public MethodSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        if (id.isBlank() || name.isBlank()) {
            throw new IllegalArgumentException("a method needs a non-blank id and name, got id '" + id + "', name '"
                    + name + "'");
        }
        Map<String, Object> copy = new TreeMap<>();
        for (Map.Entry<String, Object> e : settings.entrySet()) {
            Object v = e.getValue();
            if (!(v instanceof Number || v instanceof String || v instanceof Boolean)) {
                throw new IllegalArgumentException("method " + name + ": setting '" + e.getKey()
                        + "' must be a number, a boolean or text, got " + v);
            }
            copy.put(e.getKey(), v);
        }
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(copy));
    }

    /**
     * @param id a registry id
     * @return the method with its default hyperparameters, named by its id
     */
    public static MethodSpec of(String id) {
        return new MethodSpec(id, id, Map.of());
    }

    /** @return true when the entry is just a registry id (no name or settings of its own) */
    public boolean plain() {
        return name.equals(id) && settings.isEmpty();
    }

    @Override
    public String toString() {
        return plain() ? id : name + "=" + id + settings;
    }
}
