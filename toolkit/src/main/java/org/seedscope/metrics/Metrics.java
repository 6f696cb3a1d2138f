package org.seedscope.metrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names SeedScope knows and their definitions (measured run times are not metrics: the
 * study runner records them in its own columns). Names are stable
 * snake_case keys of result rows. Accuracies are fractions in [0, 1]; divergences are in nats.
 */
public final class Metrics {
    /** Prefix of the per-layer weight distances {@code l2_dist_layer1, l2_dist_layer2, ...}. */
    public static final String LAYER_PREFIX = "l2_dist_layer";

    private static final Pattern LAYER = Pattern.compile(LAYER_PREFIX + "([1-9][0-9]*)");

    private static final Map<String, String> DEFINITIONS = definitions();

    private Metrics() {}

    private static Map<String, String> definitions() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("test_acc", "accuracy on the whole test set");
        d.put("retain_acc", "accuracy on test examples of the retained classes (retainTest)");
        d.put("forget_acc", "accuracy on test examples of the forgotten class or sub-class (forgetTest, "
                + "superclass labels for a sub-class); on forgetTrain when forgetTest is empty (random-sample forgetting)");
        d.put("retain_train_acc", "accuracy on the retain set D_r");
        d.put("forget_train_acc", "accuracy on the forget set D_f");
        d.put("mia", "entropy MIA: fraction of D_f called member by a class-balanced logistic regression on "
                + "softmax entropy (scikit-learn's objective with C = 1, solved exactly), fitted on D_r (member) vs "
                + "test (non-member)");
        d.put("mia_loss", "loss-threshold MIA (Yeom et al. 2018): fraction of D_f whose cross-entropy is at most "
                + "the threshold maximising balanced accuracy on D_r vs test");
        d.put("zrf", "ZRF (Chundawat et al. 2023): 1 - mean over D_f of JS(model || randomly initialised model), nats");
        d.put("d_test_acc", "test_acc minus Retrain's");
        d.put("d_retain_acc", "retain_acc minus Retrain's");
        d.put("d_forget_acc", "forget_acc minus Retrain's");
        d.put("d_retain_train_acc", "retain_train_acc minus Retrain's");
        d.put("d_forget_train_acc", "forget_train_acc minus Retrain's");
        d.put("js_forget", "mean over D_f of JS(model || Retrain) of the softmax outputs, nats");
        d.put("js_test", "mean over the test set of JS(model || Retrain) of the softmax outputs, nats");
        d.put("act_dist", "activation distance (Chundawat et al. 2023): mean over D_f of the L2 distance between "
                + "the model's and Retrain's softmax outputs");
        d.put("l2_dist", "L2 distance between the model's and Retrain's parameters, all layers");
        return Collections.unmodifiableMap(d);
    }

    /**
     * @return every fixed metric name in canonical order; the per-layer weight distances
     *     {@code l2_dist_layer1, l2_dist_layer2, ...} (one per parameterised layer) are known as well, see
     *     {@link #isKnown} and {@link #names(int)}
     */
    public static List<String> names() {
        return List.copyOf(DEFINITIONS.keySet());
    }

    /**
     * @param layers number of parameterised layers of the architecture (for an MLP: hidden layers + 1), at least 1
     * @return every metric name for that architecture in canonical order, the per-layer weight
     *     distances right after {@code l2_dist}
     */
    public static List<String> names(int layers) {
        if (layers < 1) {
            throw new IllegalArgumentException("an architecture has at least 1 parameterised layer, got " + layers);
        }
        List<String> out = new ArrayList<>();
        for (String name : DEFINITIONS.keySet()) {
            out.add(name);
            if (name.equals("l2_dist")) {
                for (int l = 0; l < layers; l++) {
                    out.add(layerName(l));
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * The interval a metric's values lie in by definition: accuracies, MIAs and ZRF in [0, 1];
     * accuracy differences to Retrain ({@code d_*}) in [-1, 1]; Jensen-Shannon divergences in
     * [0, ln 2]; activation and weight distances in [0, infinity).
     *
     * @param name a metric name
     * @return {lower, upper}
     */
    public static double[] range(String name) {
        requireKnown(List.of(name));
        if (name.startsWith("d_")) {
            return new double[] {-1, 1};
        }
        if (name.endsWith("_acc") || name.startsWith("mia") || name.equals("zrf")) {
            return new double[] {0, 1};
        }
        if (name.startsWith("js_")) {
            return new double[] {0, Math.log(2)};
        }
        return new double[] {0, Double.POSITIVE_INFINITY};
    }

    /**
     * @param name a metric name
     * @return its one-line definition
     */
    public static String describe(String name) {
        requireKnown(List.of(name));
        Integer layer = layerNumber(name);
        return layer != null ? "L2 distance between the model's and Retrain's parameters of parameterised layer " + layer
                + " (W and b, counted from the input)" : DEFINITIONS.get(name);
    }

    /**
     * @param name a metric name
     * @return true for a fixed name or {@code l2_dist_layer<k>} with {@code k >= 1}
     */
    public static boolean isKnown(String name) {
        return DEFINITIONS.containsKey(name) || layerNumber(name) != null;
    }

    /**
     * Validates requested metric names (for a study spec).
     *
     * @param requested the names
     * @throws IllegalArgumentException naming the first unknown name and listing the valid ones
     */
    public static void requireKnown(Collection<String> requested) {
        for (String name : requested) {
            if (name == null || !isKnown(name)) {
                throw new IllegalArgumentException("unknown metric '" + name + "'; known metrics: "
                        + String.join(", ", DEFINITIONS.keySet()) + ", " + LAYER_PREFIX + "<k> (k = 1 .. number of "
                        + "parameterised layers)");
            }
        }
    }

    /**
     * @param layer a parameterised layer index, 0 for the layer next to the input
     * @return its weight-distance metric name, e.g. {@code l2_dist_layer1} for layer 0
     */
    public static String layerName(int layer) {
        if (layer < 0) {
            throw new IllegalArgumentException("layer index must be non-negative, got " + layer);
        }
        return LAYER_PREFIX + (layer + 1);
    }

    /**
     * @param name a metric name
     * @return the 1-based layer number of an {@code l2_dist_layer<k>} name, or null for any other name
     */
    static Integer layerNumber(String name) {
        Matcher m = LAYER.matcher(name);
        return m.matches() ? Integer.valueOf(m.group(1)) : null;
    }
}
