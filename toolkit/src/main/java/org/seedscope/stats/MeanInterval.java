package org.seedscope.stats;

import java.util.Optional;
import org.apache.commons.statistics.descriptive.Variance;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Cluster-aware interval for a method's mean: Student's t on the per-training-seed means.
 *
 * <p>Runs that share a training seed are correlated (they start from one trained model), so
 * the training seed is the independent unit. With seed means m_1..m_I, their mean m̄ and sample
 * standard deviation s, the interval is m̄ ± t_{1−α/2}(I − 1) · s/√I. For a balanced design
 * under the normal one-way model the m_i are iid N(μ, σ²_train + σ²_unlearn/J), so the
 * interval is exact whatever the split of the variance; for unbalanced designs it is
 * approximate (seed means of different precision weigh the same). Compare
 * {@link Bootstrap#hierarchicalMean}, whose percentile interval undercovers with few seeds.
 */
public final class MeanInterval {

    private MeanInterval() {
    }

    /**
     * The t interval on per-training-seed means.
     *
     * @param groups one array per training seed holding its unlearning-seed values
     * @param level confidence level in (0, 1)
     * @return the interval around the mean of the seed means; empty for one training seed
     *     (the spread across training seeds is then unknown); zero width when every seed mean
     *     is equal
     * @throws IllegalArgumentException for an empty design, an empty group, a non-finite value
     *     (named) or a level outside (0, 1)
     */
    public static Optional<Interval> tOnSeedMeans(double[][] groups, double level) {
        Groups.validate(groups, "groups");
        Groups.checkLevel(level);
        return tOnSeedMeans(Groups.groupMeans(groups), level);
    }

    /** The same interval from the seed means. */
    static Optional<Interval> tOnSeedMeans(double[] seedMeans, double level) {
        int k = seedMeans.length;
        if (k < 2) {
            return Optional.empty();
        }
        double mean = Groups.mean(seedMeans);
        double var = Groups.constant(seedMeans) ? 0 : Variance.of(seedMeans).getAsDouble();
        double t = TDistribution.of(k - 1).inverseCumulativeProbability(1 - (1 - level) / 2);
        double half = t * Math.sqrt(var / k);
        return Optional.of(new Interval(mean, mean - half, mean + half, level,
                "t on " + k + " training-seed means, df = " + (k - 1)));
    }
}
