package org.seedscope.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.DoubleSupplier;
import org.seedscope.engine.Engine;
import org.seedscope.engine.Model;
import org.seedscope.seed.SeedPurpose;

/**
 * A chosen set of metrics (see {@link Metrics#names()} for names and definitions) and their
 * computation for one model on one forget scenario's {@link EvaluationSets}, optionally against the
 * same cell's Retrain model. Immutable; each metric is computed only if requested, and each model's
 * predictions are computed once ({@link ModelOutputs}).
 *
 * <p>Retrain-relative metrics ({@code d_*}, {@code js_*}, {@code act_dist}, {@code l2_dist*}) are
 * left out of the result when no Retrain outputs are given.
 */
public final class MetricSet {
    private static final Set<String> NEEDS_RETRAIN = Set.of("d_test_acc", "d_retain_acc", "d_forget_acc",
            "d_retain_train_acc", "d_forget_train_acc", "js_forget", "js_test", "act_dist", "l2_dist");

    private final Set<String> fixed;
    private final Set<Integer> layers;
    private final boolean everyLayer;

    private MetricSet(Set<String> fixed, Set<Integer> layers, boolean everyLayer) {
        this.fixed = fixed;
        this.layers = layers;
        this.everyLayer = everyLayer;
    }

    /** @return every metric, including the weight distance of every layer of the model's architecture */
    public static MetricSet all() {
        return new MetricSet(new LinkedHashSet<>(Metrics.names()), Set.of(), true);
    }

    /**
     * @param names metric names, e.g. {@code "forget_acc", "mia", "l2_dist_layer1"}
     * @return the set of those metrics
     * @throws IllegalArgumentException for an unknown name, listing the valid ones
     */
    public static MetricSet of(String... names) {
        return of(Arrays.asList(names));
    }

    /**
     * @param names metric names
     * @return the set of those metrics (duplicates collapse)
     * @throws IllegalArgumentException for an unknown name, listing the valid ones
     */
    public static MetricSet of(Collection<String> names) {
        Metrics.requireKnown(names);
        Set<String> fixed = new LinkedHashSet<>();
        Set<Integer> layers = new TreeSet<>();
        for (String name : names) {
            Integer layer = Metrics.layerNumber(name);
            if (layer != null) {
                layers.add(layer);
            } else {
                fixed.add(name);
            }
        }
        return new MetricSet(fixed, layers, false);
    }

    /**
     * @param layerCount number of parameterised layers of the models to be evaluated
     * @return the names this set produces for such models, in canonical order
     */
    public List<String> names(int layerCount) {
        return Metrics.names(layerCount).stream().filter(n -> includes(n, layerCount)).toList();
    }

    private boolean includes(String name, int layerCount) {
        Integer layer = Metrics.layerNumber(name);
        if (layer == null) {
            return fixed.contains(name);
        }
        return layer <= layerCount && (everyLayer || layers.contains(layer));
    }

    /** @return true when some requested metric compares with Retrain */
    public boolean needsRetrain() {
        return !layers.isEmpty() || everyLayer || fixed.stream().anyMatch(NEEDS_RETRAIN::contains);
    }

    /**
     * Runs the models and computes the metrics. Convenience for {@link #compute(Engine, ModelOutputs,
     * ModelOutputs, long)}.
     *
     * @param engine the engine
     * @param model the evaluated model
     * @param retrain the same cell's Retrain model, or null
     * @param sets the evaluation sets
     * @param seed the evaluation seed
     * @return metric name to value, in canonical order
     */
    public LinkedHashMap<String, Double> compute(Engine engine, Model model, Model retrain, EvaluationSets sets,
            long seed) {
        return compute(engine, ModelOutputs.of(engine, model, sets),
                retrain == null ? null : ModelOutputs.of(engine, retrain, sets), seed);
    }

    /**
     * Computes the requested metrics. The evaluation seed seeds only ZRF's random model: its stream
     * ({@link SeedPurpose#EVALUATION}) is split in a fixed order, first a value that the entropy MIA's
     * trainer used before the MIA became an exact fit (drawn and discarded so that ZRF keeps the seed
     * it had), then the initialisation seed of ZRF's random model. Both attacks are deterministic, so
     * {@code mia} and {@code mia_loss} of a fixed model are the same for every evaluation seed. Values
     * are NaN where {@link Metrics#describe}'s definitions are undefined (e.g. {@code retain_acc} with an empty retainTest).
     *
     * @param engine the engine (used for ZRF's random model)
     * @param model the evaluated model's outputs
     * @param retrain the same cell's Retrain outputs on the same sets, or null to leave out the
     *     Retrain-relative metrics
     * @param seed the evaluation seed
     * @return metric name to value, in canonical order ({@link Metrics#names(int)})
     * @throws IllegalArgumentException if a requested layer does not exist, or the Retrain outputs
     *     are on other sets or another architecture
     */
    public LinkedHashMap<String, Double> compute(Engine engine, ModelOutputs model, ModelOutputs retrain, long seed) {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(model, "model");
        var parameterLayers = model.model().architecture().parameterLayers();
        int layerCount = parameterLayers.size();
        for (int layer : layers) {
            if (layer > layerCount) {
                throw new IllegalArgumentException("metric " + Metrics.LAYER_PREFIX + layer + " asks for layer "
                        + layer + " but " + model.model().architecture() + " has parameterised layers 1 .. "
                        + layerCount + " (" + parameterLayers.stream().map(r -> r.layer())
                                .collect(java.util.stream.Collectors.joining(", ")) + ")");
            }
        }
        if (retrain != null) {
            if (!retrain.sets().equals(model.sets())) {
                throw new IllegalArgumentException("Retrain outputs were computed on other evaluation sets ("
                        + retrain.sets() + ") than the model's (" + model.sets() + ")");
            }
            if (!retrain.model().architecture().equals(model.model().architecture())) {
                throw new IllegalArgumentException("Retrain is a " + retrain.model().architecture()
                        + " but the model is a " + model.model().architecture());
            }
        }
        SplittableRandom root = SeedPurpose.EVALUATION.stream(seed);
        root.nextLong(); // the former MIA trainer seed, kept so ZRF's seed is unchanged
        long zrfSeed = root.nextLong();
        Map<String, DoubleSupplier> formulas = formulas(engine, model, retrain, zrfSeed);
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        double[] layerDistances = null;
        for (String name : Metrics.names(layerCount)) {
            if (!includes(name, layerCount)) {
                continue;
            }
            Integer layer = Metrics.layerNumber(name);
            if (retrain == null && (layer != null || NEEDS_RETRAIN.contains(name))) {
                continue;
            }
            if (layer != null) {
                if (layerDistances == null) {
                    layerDistances = WeightDistance.layers(model.model(), retrain.model());
                }
                out.put(name, layerDistances[layer - 1]);
            } else {
                out.put(name, formulas.get(name).getAsDouble());
            }
        }
        return out;
    }

    private static Map<String, DoubleSupplier> formulas(Engine engine, ModelOutputs m, ModelOutputs r, long zrfSeed) {
        EvaluationSets sets = m.sets();
        Map<String, DoubleSupplier> f = new LinkedHashMap<>();
        f.put("test_acc", m::testAccuracy);
        f.put("retain_acc", m::retainAccuracy);
        f.put("forget_acc", m::forgetAccuracy);
        f.put("retain_train_acc", m::retainTrainAccuracy);
        f.put("forget_train_acc", m::forgetTrainAccuracy);
        f.put("mia", () -> MembershipInference.entropyAttack(m));
        f.put("mia_loss", () -> MembershipInference.lossAttack(m));
        f.put("zrf", () -> Zrf.zrf(m.forgetTrain(), Zrf.randomOutputs(engine, m.model(), sets.forgetTrain(), zrfSeed)));
        if (r != null) {
            f.put("d_test_acc", () -> m.testAccuracy() - r.testAccuracy());
            f.put("d_retain_acc", () -> m.retainAccuracy() - r.retainAccuracy());
            f.put("d_forget_acc", () -> m.forgetAccuracy() - r.forgetAccuracy());
            f.put("d_retain_train_acc", () -> m.retainTrainAccuracy() - r.retainTrainAccuracy());
            f.put("d_forget_train_acc", () -> m.forgetTrainAccuracy() - r.forgetTrainAccuracy());
            f.put("js_forget", () -> Distributions.meanJensenShannon(m.forgetTrain(), r.forgetTrain()));
            f.put("js_test", () -> Distributions.meanJensenShannon(m.test(), r.test()));
            f.put("act_dist", () -> Distributions.meanOutputDistance(m.forgetTrain(), r.forgetTrain()));
            f.put("l2_dist", () -> WeightDistance.total(m.model(), r.model()));
        }
        return f;
    }

    @Override
    public String toString() {
        List<String> shown = new ArrayList<>(fixed);
        if (everyLayer) {
            shown.add(Metrics.LAYER_PREFIX + "*");
        } else {
            layers.forEach(l -> shown.add(Metrics.LAYER_PREFIX + l));
        }
        return "MetricSet" + shown;
    }
}
