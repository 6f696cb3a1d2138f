package org.seedscope.study;

import org.seedscope.unlearn.MethodRegistry;
import org.seedscope.unlearn.UnlearningMethod;

/** Turns a spec's method entry into a configured method of the registry. */
final class MethodResolver {
    private MethodResolver() {}

    /**
     * @param registry the registry
     * @param spec the entry
     * @return the method: the registered one for a plain id, else a named, configured variant
     * @throws IllegalArgumentException for an unknown id (listing the known ones) or bad settings
     */
    static UnlearningMethod resolve(MethodRegistry registry, MethodSpec spec) {
        if (spec.plain()) {
            return registry.get(spec.id());
        }
        try {
            return registry.variant(spec.id(), spec.name(), spec.settings());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("methods: " + spec.name() + ": " + e.getMessage(), e);
        }
    }
}
