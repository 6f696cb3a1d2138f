package org.seedscope.tribuo;

import java.util.SplittableRandom;
import org.seedscope.data.Examples;
import org.seedscope.train.TrainingDiverged;

/**
 * Plain minibatch SGD on the linear classifier, warm-started from given parameters: the continuation
 * of training that Tribuo has no public API for. One step on batch B is
 * <pre>
 *   theta &lt;- theta - lr * sign * (1/|B|) sum_{i in B} grad CE_i(theta)
 * </pre>
 * with the closed-form per-example gradients of {@link LogisticObjective}; {@code sign = -1} is
 * gradient ascent. A bias of {@code -infinity} (a class the start never saw) stays as it is.
 * Batches are consecutive slices of a permutation of the rows drawn afresh each epoch
 * (Fisher-Yates) from one {@code SplittableRandom(shuffleSeed)}; the last batch may be short.
 * A NaN or {@code +infinity} parameter throws {@link TrainingDiverged}.
 */
final class LinearSgd {
    private LinearSgd() {}

    static LinearClassifier run(LinearClassifier start, Examples data, int epochs, int batchSize, double lr,
            double sign, long shuffleSeed) {
        double[] theta = start.parameters().clone();
        SplittableRandom random = new SplittableRandom(shuffleSeed);
        int n = data.size();
        int[] order = LogisticObjective.allRows(n);
        for (int epoch = 0; epoch < epochs; epoch++) {
            int step = 0;
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
            for (int from = 0; from < n; from += batchSize) {
                int to = Math.min(n, from + batchSize);
                LinearClassifier current = new LinearClassifier(start.features(), start.classes(), theta);
                double[] g = LogisticObjective.sumOfExampleGradients(current, data, order, from, to);
                double a = sign / (to - from);
                for (int k = 0; k < theta.length; k++) {
                    if (theta[k] != Double.NEGATIVE_INFINITY) {
                        theta[k] -= lr * a * g[k];
                    }
                }
                if (!allFinite(theta)) {
                    throw new TrainingDiverged(epoch, step, Double.NaN);
                }
                step++;
            }
        }
        return new LinearClassifier(start.features(), start.classes(), theta);
    }

    /** @return true when no value is NaN or +infinity (-infinity biases are kept from the start) */
    private static boolean allFinite(double[] theta) {
        for (double v : theta) {
            if (Double.isNaN(v) || v == Double.POSITIVE_INFINITY) {
                return false;
            }
        }
        return true;
    }

    static void validate(String method, int epochs, double learningRate, int batchSize) {
        if (epochs < 0) {
            throw new IllegalArgumentException(method + " epochs must be at least 0, got " + epochs);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException(method + " learningRate must be positive and finite, got "
                    + learningRate);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException(method + " batchSize must be at least 1, got " + batchSize);
        }
    }
}
