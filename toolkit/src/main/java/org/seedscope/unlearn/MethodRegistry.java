package org.seedscope.unlearn;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Unlearning methods by id. Immutable: {@link #with(UnlearningMethod)} returns a new registry, so
 * one registry is safe to share between notebook cells and threads.
 *
 * <pre>{@code
 * MethodRegistry methods = MethodRegistry.standard().with(new MyMethod());
 * UnlearningMethod m = methods.get("my-method");
 * }</pre>
 */
public final class MethodRegistry {
    private final Map<String, UnlearningMethod> methods;

    private MethodRegistry(Map<String, UnlearningMethod> methods) {
        this.methods = Collections.unmodifiableMap(methods);
    }

    /**
     * The toolkit's methods with their default hyperparameters, keyed by {@link UnlearningMethod#name()}.
     *
     * @return a registry of original, retrain, finetune, neggrad, neggrad+, random-labels,
     *     bad-teacher, scrub, salun, l1-sparse, ssd, ssd-det, lfssd, lfssd-det, unsir and amnesiac
     */
    public static MethodRegistry standard() {
        return of(List.of(
                Original.withDefaults(),
                Retrain.withDefaults(),
                Finetune.withDefaults(),
                NegGrad.withDefaults(),
                NegGradPlus.withDefaults(),
                RandomLabels.withDefaults(),
                BadTeacher.withDefaults(),
                Scrub.withDefaults(),
                SalUn.withDefaults(),
                L1Sparse.withDefaults(),
                SelectiveDampening.ssd(),
                SelectiveDampening.ssdDet(),
                SelectiveDampening.lfssd(),
                SelectiveDampening.lfssdDet(),
                Unsir.withDefaults(),
                Amnesiac.withDefaults()));
    }

    /**
     * @param methods methods with distinct names
     * @return a registry holding exactly those methods
     * @throws IllegalArgumentException when two methods share a name
     */
    public static MethodRegistry of(List<? extends UnlearningMethod> methods) {
        Map<String, UnlearningMethod> map = new TreeMap<>();
        for (UnlearningMethod m : methods) {
            UnlearningMethod previous = map.put(requireName(m), m);
            if (previous != null) {
                throw new IllegalArgumentException("two methods are named '" + m.name() + "': " + previous
                        + " and " + m);
            }
        }
        return new MethodRegistry(map);
    }

    /**
     * @param id a method id, e.g. {@code scrub}
     * @return the method registered under that id
     * @throws IllegalArgumentException for an unknown id; the message lists the known ids, sorted
     */
    public UnlearningMethod get(String id) {
        UnlearningMethod m = methods.get(id);
        if (m == null) {
            throw new IllegalArgumentException("unknown unlearning method '" + id + "'; known methods: "
                    + String.join(", ", methods.keySet()));
        }
        return m;
    }

    /**
     * Builds a configured variant of a registered method from data, e.g. a spec file's
     * {@code {id: ssd, name: ssd-a100, alpha: 100}}: the registered method's hyperparameters with
     * {@code values} replacing some of them, under its own name. The result is not registered; add
     * it with {@link #with(UnlearningMethod)} to look it up by name.
     *
     * <p>Keys must be exactly the method's {@link UnlearningMethod#hyperparameters()} names
     * (camelCase record components, nested settings flattened). Values as JSON and YAML parsers give
     * them: numbers as Integer, Long or Double (an integer field takes only whole-number types; a
     * real field takes any number), enums as their id text ({@code order: shuffled}, case and
     * {@code -}/{@code _} ignored), booleans as Boolean. Every value is then checked by the
     * method's own rules.
     *
     * @param id a registered method id, e.g. {@code ssd}
     * @param name the variant's name (its rows' {@code method} column); null keeps the registered
     *     method's name
     * @param values hyperparameters replacing the registered method's; may be empty
     * @return the configured method: a {@link MethodVariant} when renamed, else the method itself
     * @throws IllegalArgumentException for an unknown id (the message lists the known ids), an unknown
     *     key (the message lists the allowed ones), a value of the wrong type or an invalid value or
     *     combination (the message names the method, key and value), or a method that is not a record
     *     while values are given
     */
    public UnlearningMethod variant(String id, String name, Map<String, ?> values) {
        Objects.requireNonNull(values, "values");
        UnlearningMethod base = get(id);
        UnlearningMethod configured = Hyperparameters.with(base instanceof MethodVariant v ? v.method() : base,
                values);
        String wanted = name == null ? base.name() : name;
        return wanted.equals(configured.name()) ? configured : new MethodVariant(wanted, configured);
    }

    /** @return the registered ids, sorted */
    public Set<String> ids() {
        return methods.keySet();
    }

    /**
     * Adds a method, for example one a notebook user wrote, or a standard method with other
     * hyperparameters: a method whose name is already registered replaces the registered one.
     *
     * @param method the method; its {@link UnlearningMethod#name()} is its id
     * @return a new registry with the method; this one is unchanged
     * @throws IllegalArgumentException when the method's name is null or blank
     */
    public MethodRegistry with(UnlearningMethod method) {
        Map<String, UnlearningMethod> map = new TreeMap<>(methods);
        map.put(requireName(method), method);
        return new MethodRegistry(map);
    }

    private static String requireName(UnlearningMethod method) {
        Objects.requireNonNull(method, "method");
        String name = method.name();
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an unlearning method needs a non-blank name to be registered: "
                    + method);
        }
        return name;
    }

    @Override
    public String toString() {
        return "MethodRegistry" + methods.keySet();
    }
}
