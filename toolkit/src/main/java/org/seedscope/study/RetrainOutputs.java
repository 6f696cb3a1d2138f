package org.seedscope.study;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.seedscope.metrics.ModelOutputs;

/**
 * Retrain outputs of the last few (scenario, unlearning seed)s: consecutive cells of a plan share
 * them, so each is computed about once. Thread-safe; a value may be computed twice by racing
 * workers (it is the same either way).
 */
final class RetrainOutputs {
    private final Map<String, ModelOutputs> recent;

    /** @param capacity how many to keep */
    RetrainOutputs(int capacity) {
        this.recent = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ModelOutputs> eldest) {
                return size() > capacity;
            }
        };
    }

    ModelOutputs get(String key, Supplier<ModelOutputs> compute) {
        synchronized (recent) {
            ModelOutputs cached = recent.get(key);
            if (cached != null) {
                return cached;
            }
        }
        ModelOutputs outputs = compute.get();
        synchronized (recent) {
            recent.put(key, outputs);
        }
        return outputs;
    }
}
