package org.seedscope.train;

import org.seedscope.engine.Loss;
import org.seedscope.engine.Softmax;

/**
 * The standard losses, each given through {@code dL/dlogits} for the {@link Loss} contract. All are
 * means over the batch rows, so {@code dL/dz_n = (p_n - t_n) / B} for a target distribution
 * {@code t_n}, where {@code p_n = softmax(z_n)}.
 */
public final class Losses {
    private Losses() {}

    /**
     * Mean cross-entropy with hard labels: {@code L = -(1/B) sum_n log p_n[y_n]}.
     *
     * @param labels label of every row of the data set the learner steps over
     * @return the loss
     */
    public static Loss crossEntropy(int[] labels) {
        return (rows, logits, grad) -> {
            int c = logits.length / rows.length;
            double total = 0;
            for (int i = 0; i < rows.length; i++) {
                total += softmaxInto(logits, grad, i, c, rows.length, labels[rows[i]]);
            }
            return total / rows.length;
        };
    }

    /**
     * Mean cross-entropy with weighted rows: row {@code n} contributes {@code w[n] * CE_n / B}. A
     * negative weight performs gradient ascent on that row (NegGrad, NegGrad+).
     *
     * @param labels label of every row of the data set
     * @param weights weight of every row of the data set
     * @return the loss
     */
    public static Loss weightedCrossEntropy(int[] labels, float[] weights) {
        return (rows, logits, grad) -> {
            int c = logits.length / rows.length;
            double total = 0;
            for (int i = 0; i < rows.length; i++) {
                float w = weights[rows[i]];
                total += w * softmaxInto(logits, grad, i, c, rows.length, labels[rows[i]]);
                for (int k = 0; k < c; k++) {
                    grad[i * c + k] *= w;
                }
            }
            return total / rows.length;
        };
    }

    /**
     * Mean cross-entropy to soft targets (distillation at temperature 1), equivalently KL(t || p) up
     * to the constant entropy of t: {@code L = -(1/B) sum_n sum_k t_nk log p_nk}.
     *
     * @param targets row-major target distributions, one row per data set row
     * @param weights weight of every row of the data set (negative: move away from the target)
     * @return the loss (reported as the weighted KL divergence)
     */
    public static Loss softTargets(float[] targets, float[] weights) {
        return (rows, logits, grad) -> {
            int c = logits.length / rows.length;
            double total = 0;
            for (int i = 0; i < rows.length; i++) {
                double logZ = Softmax.logSumExp(logits, i * c, c);
                float w = weights[rows[i]];
                double kl = 0;
                for (int k = 0; k < c; k++) {
                    double logP = logits[i * c + k] - logZ;
                    double t = targets[rows[i] * c + k];
                    if (t > 0) {
                        kl += t * (Math.log(t) - logP);
                    }
                    grad[i * c + k] = (float) (w * (Math.exp(logP) - t) / rows.length);
                }
                total += w * kl;
            }
            return total / rows.length;
        };
    }

    /**
     * Writes {@code (softmax(z_i) - onehot(label)) / B} into row i of {@code grad}.
     *
     * @return the row's cross-entropy {@code -log p[label]}
     */
    static double softmaxInto(float[] logits, float[] grad, int i, int c, int batch, int label) {
        double logZ = Softmax.logSumExp(logits, i * c, c);
        for (int k = 0; k < c; k++) {
            double p = Math.exp(logits[i * c + k] - logZ);
            grad[i * c + k] = (float) ((p - (k == label ? 1 : 0)) / batch);
        }
        return logZ - logits[i * c + label];
    }
}
