package org.seedscope.unlearn;

import java.util.Map;
import java.util.Objects;
import org.seedscope.engine.Model;

/**
 * A configured method under a name of its own, so that two settings of one method can stand side by
 * side in a study (e.g. {@code ssd-a10} and {@code ssd-a100}). Made by
 * {@link MethodRegistry#variant(String, String, Map)}. Everything but the name is the wrapped
 * method's: {@link #id()} is its family id (for provenance), {@link #hyperparameters()} its full
 * effective settings, {@link #deterministic()} its declared property.
 *
 * @param name the variant's name, the {@code method} column of its rows; not blank
 * @param method the configured method
 */
public record MethodVariant(String name, UnlearningMethod method) implements UnlearningMethod {

    /** Validates the name. */
    public MethodVariant {
        Objects.requireNonNull(method, "method");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a variant of '" + method.id() + "' needs a non-blank name, got '"
                    + name + "'");
        }
        if (method instanceof MethodVariant inner) {
            method = inner.method();
        }
    }

    /** @return the wrapped method's family id, e.g. {@code ssd} */
    @Override
    public String id() {
        return method.id();
    }

    /** @return the wrapped method */
    @Override
    public UnlearningMethod base() {
        return method.base();
    }

    @Override
    public boolean deterministic() {
        return method.deterministic();
    }

    /** @return the wrapped method's full effective hyperparameters */
    @Override
    public Map<String, Object> hyperparameters() {
        return method.hyperparameters();
    }

    @Override
    public Model unlearn(Model original, UnlearningContext context) {
        return method.unlearn(original, context);
    }
}
