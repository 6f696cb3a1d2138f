package org.seedscope.engine;

import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A trained or initialised network: its architecture, its parameters, its state (the running
 * statistics of batch normalisation; empty for networks without it) and provenance (free-form
 * key/value facts such as data set, seed, schedule, toolkit and engine versions).
 *
 * <p>Parameters and state are mutable so trainers can update them in place; unlearning methods
 * {@link #copy()} first and never modify the model they are given. Optimisers and parameter-space
 * methods (dampening, masks) touch only the parameters; the state changes only in training-mode
 * steps ({@link Learner#step}).
 */
public final class Model {
    private final Architecture architecture;
    private final Parameters parameters;
    private final Parameters state;
    private final Map<String, String> provenance;

    /**
     * A model whose state is the architecture's initial state (running mean 0, variance 1).
     *
     * @param architecture the shape
     * @param parameters values laid out as {@link Architecture#parameterTensors()} describes
     * @param provenance facts about how the model was made; copied
     */
    public Model(Architecture architecture, Parameters parameters, Map<String, String> provenance) {
        this(architecture, parameters, initialState(architecture), provenance);
    }

    /**
     * @param architecture the shape
     * @param parameters values laid out as {@link Architecture#parameterTensors()} describes
     * @param state values laid out as {@link Architecture#stateTensors()} describes
     * @param provenance facts about how the model was made; copied
     */
    public Model(Architecture architecture, Parameters parameters, Parameters state, Map<String, String> provenance) {
        this.architecture = Objects.requireNonNull(architecture, "architecture");
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.state = Objects.requireNonNull(state, "state");
        if (parameters.size() != architecture.parameterCount()) {
            throw new IllegalArgumentException(architecture + " has " + architecture.parameterCount()
                    + " parameters, got " + parameters.size());
        }
        if (state.size() != architecture.stateCount()) {
            throw new IllegalArgumentException(architecture + " has " + architecture.stateCount()
                    + " state values, got " + state.size());
        }
        this.provenance = new TreeMap<>(provenance);
    }

    /**
     * Initialises a model as PyTorch does by default, from one seed: the weight and bias of every
     * Dense and convolution layer uniform in {@code [-1/sqrt(fan_in), 1/sqrt(fan_in))} (Kaiming-uniform
     * with a = sqrt(5) for weights, PyTorch's bias rule for biases; fan_in = inputs of a Dense layer,
     * {@code C/groups * k * k} of a convolution), drawn tensor by tensor in layout order; batch
     * normalisation gamma 1, beta 0, running mean 0 and variance 1.
     *
     * @param architecture the shape
     * @param seed the initialisation seed
     * @return a fresh model whose provenance records the seed
     */
    public static Model initialise(Architecture architecture, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Parameters p = Parameters.zeros(architecture.parameterCount());
        for (Architecture.Tensor t : architecture.parameterTensors()) {
            double bound = t.fanIn() > 0 ? 1.0 / Math.sqrt(t.fanIn()) : 0;
            for (int i = t.offset(), end = t.end(); i < end; i++) {
                p.set(i, t.fanIn() > 0 ? (float) ((2 * random.nextDouble() - 1) * bound) : t.fill());
            }
        }
        return new Model(architecture, p, Map.of("init", "uniform(+-1/sqrt(fan_in))", "init_seed",
                Long.toString(seed)));
    }

    /**
     * @param architecture the shape
     * @return its initial state: every running mean 0, every running variance 1
     */
    static Parameters initialState(Architecture architecture) {
        Parameters s = Parameters.zeros(architecture.stateCount());
        for (Architecture.Tensor t : architecture.stateTensors()) {
            for (int i = t.offset(), end = t.end(); i < end; i++) {
                s.set(i, t.fill());
            }
        }
        return s;
    }

    /** @return the architecture */
    public Architecture architecture() {
        return architecture;
    }

    /** @return the parameters, shared (mutations change this model) */
    public Parameters parameters() {
        return parameters;
    }

    /** @return the state (batch-normalisation running statistics), shared; empty without batch normalisation */
    public Parameters state() {
        return state;
    }

    /** @return an unmodifiable view of the provenance, sorted by key */
    public Map<String, String> provenance() {
        return java.util.Collections.unmodifiableMap(provenance);
    }

    /**
     * @param key provenance key
     * @param value provenance value
     * @return a copy of this model (parameters and state copied) with one more provenance entry
     */
    public Model withProvenance(String key, String value) {
        Map<String, String> p = new TreeMap<>(provenance);
        p.put(key, value);
        return new Model(architecture, parameters.copy(), state.copy(), p);
    }

    /** @return a deep copy: independent parameters and state, same provenance */
    public Model copy() {
        return new Model(architecture, parameters.copy(), state.copy(), provenance);
    }

    @Override
    public String toString() {
        return "Model[" + architecture + ", " + parameters.size() + " parameters, sha256 "
                + parameters.sha256().substring(0, 12) + "]";
    }
}
