package org.seedscope.metrics;

import org.seedscope.engine.Predictions;
import org.seedscope.engine.Softmax;

/**
 * Per-example quantities of softmax outputs, all in natural-log units and computed in double
 * precision from the logits (so probabilities that underflow in float still count correctly).
 */
public final class Distributions {
    private Distributions() {}

    /**
     * Shannon entropy of each example's softmax output, the paper's MIA feature:
     * {@code H(p) = -sum_k p_k ln p_k}, with {@code 0 ln 0 = 0}; in {@code [0, ln C]}.
     *
     * @param predictions a model's outputs
     * @return one entropy per example; NaN for an example with a NaN logit
     */
    public static double[] entropies(Predictions predictions) {
        int c = predictions.classes();
        double[] out = new double[predictions.size()];
        double[] logP = new double[c];
        for (int i = 0; i < out.length; i++) {
            logSoftmax(predictions.logits(), i, c, logP);
            double h = 0;
            for (int k = 0; k < c; k++) {
                double p = Math.exp(logP[k]);
                if (p > 0) {
                    h -= p * logP[k];
                }
            }
            out[i] = h;
        }
        return out;
    }

    /**
     * Cross-entropy of each example, the loss-threshold MIA's feature: {@code -ln p_y}
     * {@code = logsumexp(z) - z_y}.
     *
     * @param predictions a model's outputs
     * @param labels one label in {@code [0, classes)} per example
     * @return one loss per example, at least 0; NaN for an example with a NaN logit
     */
    public static double[] losses(Predictions predictions, int[] labels) {
        if (labels.length != predictions.size()) {
            throw new IllegalArgumentException("losses need " + predictions.size() + " labels, got " + labels.length);
        }
        int c = predictions.classes();
        double[] out = new double[labels.length];
        double[] logP = new double[c];
        for (int i = 0; i < out.length; i++) {
            logSoftmax(predictions.logits(), i, c, logP);
            out[i] = -logP[labels[i]];
        }
        return out;
    }

    /**
     * Jensen–Shannon divergence in nats:
     * {@code JS(P||Q) = KL(P||M)/2 + KL(Q||M)/2} with {@code M = (P + Q)/2} and {@code 0 ln 0 = 0}.
     * It is symmetric, 0 for identical distributions and {@code ln 2} for disjoint supports.
     *
     * @param p a probability vector
     * @param q a probability vector of the same length
     * @return the divergence in {@code [0, ln 2]} (not normalised); NaN if either holds a NaN
     */
    public static double jensenShannon(double[] p, double[] q) {
        if (p.length != q.length) {
            throw new IllegalArgumentException("Jensen-Shannon needs distributions of equal length, got " + p.length
                    + " and " + q.length);
        }
        double js = 0;
        for (int k = 0; k < p.length; k++) {
            double m = (p[k] + q[k]) / 2;
            js += halfKlTerm(p[k], m) + halfKlTerm(q[k], m);
        }
        return Math.max(js, 0);
    }

    /**
     * Mean over examples of {@link #jensenShannon} between two models' softmax outputs on the same
     * examples (used for ZRF and for {@code js_forget}/{@code js_test} against Retrain).
     *
     * @param a one model's outputs
     * @param b another model's outputs on the same examples
     * @return the mean divergence in nats; NaN when there are no examples
     */
    public static double meanJensenShannon(Predictions a, Predictions b) {
        requireSameRows(a, b);
        int c = a.classes();
        double[] p = new double[c];
        double[] q = new double[c];
        double sum = 0;
        for (int i = 0; i < a.size(); i++) {
            softmax(a.logits(), i, c, p);
            softmax(b.logits(), i, c, q);
            sum += jensenShannon(p, q);
        }
        return sum / a.size();
    }

    /**
     * Activation distance of Chundawat et al. (AAAI 2023, "Can bad teaching induce forgetting?"):
     * the mean over examples of the L2 distance between two models' softmax output vectors,
     * {@code (1/n) sum_i ||p_i - q_i||_2}; in {@code [0, sqrt 2]}. SeedScope's {@code act_dist} uses
     * this output-probability form rather than a distance between penultimate activations, because
     * the hidden units of two independently trained networks (a method's model and Retrain) are not
     * aligned: any permutation of them computes the same function.
     *
     * @param a one model's outputs
     * @param b another model's outputs on the same examples
     * @return the mean distance; NaN when there are no examples
     */
    public static double meanOutputDistance(Predictions a, Predictions b) {
        requireSameRows(a, b);
        int c = a.classes();
        double[] p = new double[c];
        double[] q = new double[c];
        double sum = 0;
        for (int i = 0; i < a.size(); i++) {
            softmax(a.logits(), i, c, p);
            softmax(b.logits(), i, c, q);
            double sq = 0;
            for (int k = 0; k < c; k++) {
                double d = p[k] - q[k];
                sq += d * d;
            }
            sum += Math.sqrt(sq);
        }
        return sum / a.size();
    }

    private static double halfKlTerm(double p, double m) {
        return p > 0 ? 0.5 * p * Math.log(p / m) : (p == 0 ? 0 : Double.NaN);
    }

    private static void requireSameRows(Predictions a, Predictions b) {
        if (a.size() != b.size() || a.classes() != b.classes()) {
            throw new IllegalArgumentException("cannot compare outputs of " + a.size() + " x " + a.classes()
                    + " with " + b.size() + " x " + b.classes() + "; both models must see the same examples");
        }
    }

    /** Writes {@code ln softmax(z_row)} into {@code out}, via the max-shifted log-sum-exp. */
    private static void logSoftmax(float[] logits, int row, int classes, double[] out) {
        int base = row * classes;
        double logZ = Softmax.logSumExp(logits, base, classes);
        for (int k = 0; k < classes; k++) {
            out[k] = logits[base + k] - logZ;
        }
    }

    private static void softmax(float[] logits, int row, int classes, double[] out) {
        logSoftmax(logits, row, classes, out);
        for (int k = 0; k < classes; k++) {
            out[k] = Math.exp(out[k]);
        }
    }
}
