package org.seedscope.study;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import org.seedscope.data.Examples;
import org.seedscope.engine.Engine;
import org.seedscope.engine.Model;
import org.seedscope.engine.Predictions;

/**
 * One model's per-example outputs kept for the privacy audit: the logit-scaled confidence
 * {@code phi = ln(p_y / (1 - p_y))} of every forget example and of a fixed sample of test examples
 * (LiRA, Carlini et al. 2022; U-LiRA, Hayes et al. 2024; the NeurIPS 2023 unlearning competition's
 * {@code compute_logit_scaled_confidence}). {@code phi} is computed in double from the logits and
 * stored as float (the logits are float).
 *
 * <p>Like {@link Examples}, instances do not copy their arrays; treat them as immutable.
 *
 * @param forgetIds an id per forget example (the runner uses row indices into the scenario's
 *     training set)
 * @param forget {@code phi} of each forget example, in the order of {@code forgetIds}
 * @param testIds an id per sampled test example (row indices into the test set)
 * @param test {@code phi} of each sampled test example
 */
public record ExampleOutputs(int[] forgetIds, float[] forget, int[] testIds, float[] test) {

    /** Checks that every group has one value per id. */
    public ExampleOutputs {
        Objects.requireNonNull(forgetIds, "forgetIds");
        Objects.requireNonNull(forget, "forget");
        Objects.requireNonNull(testIds, "testIds");
        Objects.requireNonNull(test, "test");
        if (forgetIds.length != forget.length || testIds.length != test.length) {
            throw new IllegalArgumentException("outputs need one value per id: " + forgetIds.length + " forget ids and "
                    + forget.length + " values, " + testIds.length + " test ids and " + test.length + " values");
        }
    }

    /**
     * Runs a model through {@link Engine#predict} and keeps {@code phi} of the given examples.
     *
     * @param engine the engine
     * @param model the model
     * @param forget the forget examples, with their labels
     * @param forgetIds an id per forget example
     * @param test the sampled test examples, with their labels
     * @param testIds an id per sampled test example
     * @return the outputs
     */
    public static ExampleOutputs of(Engine engine, Model model, Examples forget, int[] forgetIds, Examples test,
            int[] testIds) {
        if (forget.size() != forgetIds.length || test.size() != testIds.length) {
            throw new IllegalArgumentException("one id per example is needed: " + forget.size() + " forget examples and "
                    + forgetIds.length + " ids, " + test.size() + " test examples and " + testIds.length + " ids");
        }
        return new ExampleOutputs(forgetIds, toFloat(confidences(engine.predict(model, forget.x(), forget.size()),
                forget.y())), testIds, toFloat(confidences(engine.predict(model, test.x(), test.size()), test.y())));
    }

    /**
     * The logit-scaled confidence of each example from its logits {@code z}:
     * {@code phi = z_y - ln sum_{k != y} exp(z_k)}, which equals {@code ln p_y - ln(1 - p_y)} but
     * never takes the logarithm of 0 (both terms are log-sum-exps, shifted by their maximum). The
     * competition's code instead adds {@code 1e-45} inside both logarithms, which caps its values
     * near +-103; this form stays exact for any finite logits.
     *
     * @param predictions a model's outputs, at least 2 classes
     * @param labels one label in {@code [0, classes)} per example
     * @return {@code phi} per example; NaN for an example with a NaN logit
     */
    public static double[] confidences(Predictions predictions, int[] labels) {
        int c = predictions.classes();
        if (labels.length != predictions.size()) {
            throw new IllegalArgumentException("confidences need " + predictions.size() + " labels, got " + labels.length);
        }
        if (c < 2) {
            throw new IllegalArgumentException("confidences need at least 2 classes, got " + c);
        }
        float[] z = predictions.logits();
        double[] out = new double[labels.length];
        for (int i = 0; i < out.length; i++) {
            int y = labels[i];
            if (y < 0 || y >= c) {
                throw new IllegalArgumentException("label " + y + " of example " + i + " is outside [0, " + c + ")");
            }
            int from = i * c;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < c; k++) {
                if (k != y) {
                    max = Math.max(max, z[from + k]);
                }
            }
            double sum = 0;
            for (int k = 0; k < c; k++) {
                if (k != y) {
                    sum += Math.exp(z[from + k] - max);
                }
            }
            out[i] = z[from + y] - (max + Math.log(sum));
        }
        return out;
    }

    /**
     * A fixed sample of test rows: {@code size} distinct indices of {@code [0, testSize)} drawn
     * without replacement by a partial Fisher-Yates shuffle seeded with {@code seed}, returned in
     * ascending order (all of them when {@code size >= testSize}).
     *
     * @param testSize number of test examples, at least 0
     * @param size sample size, at least 0
     * @param seed the seed
     * @return the sampled row indices, ascending
     */
    public static int[] testSample(int testSize, int size, long seed) {
        if (testSize < 0 || size < 0) {
            throw new IllegalArgumentException("test size and sample size must be at least 0, got " + testSize + " and "
                    + size);
        }
        int[] index = new int[testSize];
        for (int i = 0; i < testSize; i++) {
            index[i] = i;
        }
        int k = Math.min(size, testSize);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(testSize - i);
            int swap = index[i];
            index[i] = index[j];
            index[j] = swap;
        }
        int[] out = Arrays.copyOf(index, k);
        Arrays.sort(out);
        return out;
    }

    private static float[] toFloat(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    /** @return true for outputs with equal ids and bit-equal values */
    @Override
    public boolean equals(Object o) {
        return o instanceof ExampleOutputs e && Arrays.equals(forgetIds, e.forgetIds) && Arrays.equals(forget, e.forget)
                && Arrays.equals(testIds, e.testIds) && Arrays.equals(test, e.test);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(forgetIds), Arrays.hashCode(forget), Arrays.hashCode(testIds),
                Arrays.hashCode(test));
    }

    @Override
    public String toString() {
        return "ExampleOutputs[" + forget.length + " forget, " + test.length + " test]";
    }
}
