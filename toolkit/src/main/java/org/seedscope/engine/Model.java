package org.seedscope.engine;

import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A trained or initialised MLP: its architecture, its parameters and provenance (free-form
 * key/value facts such as data set, seed, schedule, toolkit and engine versions).
 *
 * <p>The parameters are mutable so trainers can update them in place; unlearning methods
 * {@link #copy()} first and never modify the model they are given.
 */
public final class Model {
    private final Architecture architecture;
    private final Parameters parameters;
    private final Map<String, String> provenance;

    /**
     * @param architecture the shape
     * @param parameters values laid out as {@link Architecture} describes
     * @param provenance facts about how the model was made; copied
     */
    public Model(Architecture architecture, Parameters parameters, Map<String, String> provenance) {
        this.architecture = Objects.requireNonNull(architecture, "architecture");
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        if (parameters.size() != architecture.parameterCount()) {
            throw new IllegalArgumentException(architecture + " has " + architecture.parameterCount()
                    + " parameters, got " + parameters.size());
        }
        this.provenance = new TreeMap<>(provenance);
    }

    /**
     * Initialises a model as PyTorch's {@code nn.Linear} does by default: every weight and bias of
     * layer l drawn uniformly from {@code [-1/sqrt(fan_in), 1/sqrt(fan_in))}, from the given seed.
     *
     * @param architecture the shape
     * @param seed the initialisation seed
     * @return a fresh model whose provenance records the seed
     */
    public static Model initialise(Architecture architecture, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Parameters p = Parameters.zeros(architecture.parameterCount());
        for (int l = 0; l < architecture.layers(); l++) {
            double bound = 1.0 / Math.sqrt(architecture.fanIn(l));
            int start = architecture.weightOffset(l);
            int end = architecture.weightOffset(l + 1);
            for (int i = start; i < end; i++) {
                p.set(i, (float) ((2 * random.nextDouble() - 1) * bound));
            }
        }
        return new Model(architecture, p, Map.of("init", "uniform(+-1/sqrt(fan_in))", "init_seed",
                Long.toString(seed)));
    }

    /** @return the architecture */
    public Architecture architecture() {
        return architecture;
    }

    /** @return the parameters, shared (mutations change this model) */
    public Parameters parameters() {
        return parameters;
    }

    /** @return an unmodifiable view of the provenance, sorted by key */
    public Map<String, String> provenance() {
        return java.util.Collections.unmodifiableMap(provenance);
    }

    /**
     * @param key provenance key
     * @param value provenance value
     * @return a copy of this model (same parameter values, copied) with one more provenance entry
     */
    public Model withProvenance(String key, String value) {
        Map<String, String> p = new TreeMap<>(provenance);
        p.put(key, value);
        return new Model(architecture, parameters.copy(), p);
    }

    /** @return a deep copy: independent parameters, same provenance */
    public Model copy() {
        return new Model(architecture, parameters.copy(), provenance);
    }

    @Override
    public String toString() {
        return "Model[" + architecture + ", " + parameters.size() + " parameters, sha256 "
                + parameters.sha256().substring(0, 12) + "]";
    }
}
