package org.seedscope.stats;

import java.util.Locale;
import java.util.Objects;

/**
 * How far apart two protocols' samples of one metric are (e.g. Algorithm 1, one training seed
 * × J unlearning seeds, vs Algorithm 2, I training seeds × 1), with the permutation test and
 * noise floor that tell whether the distance is larger than sampling noise; see
 * {@link Wasserstein#compare}.
 *
 * @param sizeA n, values in sample A
 * @param sizeB m, values in sample B
 * @param meanA the mean of A
 * @param meanB the mean of B
 * @param w1 the 1-Wasserstein distance of the two empirical distributions
 * @param w2 the 2-Wasserstein distance (the paper's statistic)
 * @param w2Interval bias-corrected bootstrap interval for W2; it contains {@code w2}
 * @param w2Floor50 the median of W2 under the permutation null (same sizes, pooled values):
 *     the distance two samples from one distribution typically show
 * @param w2Floor95 the 95 % quantile of W2 under the permutation null: a W2 below it is within
 *     sampling noise at the 5 % level
 * @param w1PValue permutation p-value of W1, (1 + #{W1* ≥ W1}) / (B + 1)
 * @param w2PValue permutation p-value of W2, (1 + #{W2* ≥ W2}) / (B + 1)
 * @param permutations B, the number of random permutations
 */
public record ProtocolDistance(int sizeA, int sizeB, double meanA, double meanB, double w1,
        double w2, Interval w2Interval, double w2Floor50, double w2Floor95, double w1PValue,
        double w2PValue, int permutations) {

    /** Rejects a null interval. */
    public ProtocolDistance {
        Objects.requireNonNull(w2Interval, "w2Interval");
    }

    /** @return true when W2 exceeds the 95 % noise floor */
    public boolean aboveNoiseFloor() {
        return w2 > w2Floor95;
    }

    /** @return e.g. {@code W2 = 0.096 [0.051, 0.13] (floor 0.021 / 0.048, p = 0.0005) ...} */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "n = %d vs %d: W2 = %s, noise floor %.4g (median)"
                + " / %.4g (95 %%), permutation p = %.3g; W1 = %.4g, p = %.3g", sizeA, sizeB,
                w2Interval, w2Floor50, w2Floor95, w2PValue, w1, w1PValue);
    }
}
