package org.seedscope.stats;

import java.util.Locale;
import org.apache.commons.statistics.distribution.NormalDistribution;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Precision of a study's grand mean and the allocation of a compute budget between training
 * seeds and unlearning seeds (classic two-stage sampling; paper v5 Eq. (4)).
 *
 * <p>With I training seeds and J unlearning seeds each, the mean over all runs has
 * Var(Z̄) = σ²_train/I + σ²_unlearn/(I·J). More unlearning seeds shrink only the second term;
 * σ²_train/I is a floor. A trained model costs c_T and an unlearning run c_U, so a design costs
 * I·(c_T + J·c_U). Reference: Cochran (1977), <i>Sampling Techniques</i>, §10.6.
 */
public final class Budget {

    /** Largest number of training seeds {@link #allocate} will enumerate. */
    static final long MAX_TRAINING_SEEDS = 10_000_000L;

    private Budget() {
    }

    /**
     * An integer design and what it buys.
     *
     * @param trainingSeeds I ≥ 1
     * @param unlearningSeeds J ≥ 1 per training seed
     * @param cost I·(c_T + J·c_U), at most the budget
     * @param variance Var(Z̄) of the grand mean for this design
     * @param continuousJ the unconstrained optimum sqrt((σ²_unlearn/σ²_train)(c_T/c_U)), for
     *     reference; +∞ when σ²_train = 0 &lt; σ²_unlearn, 0 when σ²_unlearn = 0
     */
    public record Allocation(int trainingSeeds, int unlearningSeeds, double cost, double variance,
            double continuousJ) {

        /** @return e.g. {@code I = 12 training seeds x J = 3 unlearning seeds, cost 96, ...} */
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "I = %d training seeds x J = %d unlearning seeds,"
                    + " cost %.4g, Var(mean) = %.4g, SE = %.4g (continuous J* = %.4g)",
                    trainingSeeds, unlearningSeeds, cost, variance, Math.sqrt(variance),
                    continuousJ);
        }
    }

    /**
     * Var(Z̄) = σ²_train/I + σ²_unlearn/(I·J) for a balanced design.
     *
     * @param sigma2Train σ²_train ≥ 0
     * @param sigma2Unlearn σ²_unlearn ≥ 0
     * @param trainingSeeds I ≥ 1
     * @param unlearningSeeds J ≥ 1
     * @return the variance of the grand mean
     * @throws IllegalArgumentException for a negative or NaN component or a count below 1
     */
    public static double varianceOfMean(double sigma2Train, double sigma2Unlearn,
            int trainingSeeds, int unlearningSeeds) {
        checkComponents(sigma2Train, sigma2Unlearn);
        checkCount(trainingSeeds, "trainingSeeds");
        checkCount(unlearningSeeds, "unlearningSeeds");
        return sigma2Train / trainingSeeds
                + sigma2Unlearn / ((double) trainingSeeds * unlearningSeeds);
    }

    /**
     * The unconstrained cost-optimal number of unlearning seeds per training seed,
     * J* = sqrt( (σ²_unlearn/σ²_train) · (c_T/c_U) ), which minimises the variance at fixed cost
     * (equivalently (σ²_train + σ²_unlearn/J)(c_T + J c_U)).
     *
     * @param sigma2Train σ²_train ≥ 0
     * @param sigma2Unlearn σ²_unlearn ≥ 0
     * @param costTrain c_T &gt; 0, the cost of one trained model
     * @param costUnlearn c_U &gt; 0, the cost of one unlearning run
     * @return J* ≥ 0; 0 when σ²_unlearn = 0 (any J ≥ 1 is as good, so use 1);
     *     +∞ when σ²_train = 0 &lt; σ²_unlearn (spend everything on one trained model)
     * @throws IllegalArgumentException for negative/NaN components or non-positive costs
     */
    public static double continuousOptimalJ(double sigma2Train, double sigma2Unlearn,
            double costTrain, double costUnlearn) {
        checkComponents(sigma2Train, sigma2Unlearn);
        checkCosts(costTrain, costUnlearn);
        if (sigma2Unlearn == 0) {
            return 0;
        }
        if (sigma2Train == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.sqrt(sigma2Unlearn / sigma2Train * (costTrain / costUnlearn));
    }

    /**
     * The best integer J ≥ 1 at fixed cost: J* rounded to ⌊J*⌋ or ⌈J*⌉, whichever gives the
     * smaller (σ²_train + σ²_unlearn/J)(c_T + J c_U) (a convex function of J, so one of the two
     * is the integer optimum; ties go to the smaller J). This treats I as continuous; for an
     * exact integer design within a budget use {@link #allocate}.
     *
     * @param sigma2Train σ²_train &gt; 0 when σ²_unlearn &gt; 0
     * @param sigma2Unlearn σ²_unlearn ≥ 0; 0 gives J = 1 (deterministic methods)
     * @param costTrain c_T &gt; 0
     * @param costUnlearn c_U &gt; 0
     * @return the optimal J ≥ 1
     * @throws IllegalArgumentException when σ²_train = 0 &lt; σ²_unlearn (the optimum is
     *     unbounded without a budget), or for bad components or costs
     */
    public static int optimalJ(double sigma2Train, double sigma2Unlearn, double costTrain,
            double costUnlearn) {
        double j = continuousOptimalJ(sigma2Train, sigma2Unlearn, costTrain, costUnlearn);
        if (j == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("sigma2Train = 0 < sigma2Unlearn = "
                    + sigma2Unlearn + ": more unlearning seeds always help, so the optimal J is"
                    + " bounded only by the budget; use Budget.allocate");
        }
        if (j <= 1) {
            return 1;
        }
        if (j >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("optimal J = " + j + " exceeds the int range");
        }
        int lo = (int) Math.floor(j);
        int hi = (int) Math.ceil(j);
        double gLo = costObjective(sigma2Train, sigma2Unlearn, costTrain, costUnlearn, lo);
        double gHi = costObjective(sigma2Train, sigma2Unlearn, costTrain, costUnlearn, hi);
        return gHi < gLo ? hi : lo;
    }

    /** (σ²_train + σ²_unlearn/J)(c_T + J c_U): variance times cost per training seed. */
    static double costObjective(double s2t, double s2u, double ct, double cu, int j) {
        return (s2t + s2u / j) * (ct + j * cu);
    }

    /**
     * The integer design (I, J) with the smallest Var(Z̄) whose cost I·(c_T + J·c_U) fits the
     * budget. Exact: for each I the largest affordable J is best (Var falls with J), so every
     * I = 1..⌊B/(c_T + c_U)⌋ is checked. Special cases follow from the formula:
     * σ²_unlearn = 0 (deterministic method) gives J = 1 and as many training seeds as possible;
     * σ²_train = 0 &lt; σ²_unlearn maximises the number of runs I·J, which puts the whole budget
     * into I = 1 trained model. A σ̂²_train of 0 is often a truncated estimate, and a design
     * with I = 1 cannot estimate σ²_train at all, so treat that answer with suspicion. Ties go to
     * the design with more training seeds.
     *
     * @param sigma2Train σ²_train ≥ 0
     * @param sigma2Unlearn σ²_unlearn ≥ 0
     * @param costTrain c_T &gt; 0
     * @param costUnlearn c_U &gt; 0
     * @param budget B ≥ c_T + c_U (one trained model and one run)
     * @return the best affordable design
     * @throws IllegalArgumentException for bad components or costs, a budget below c_T + c_U,
     *     or a budget allowing more than 10^7 training seeds (rescale the costs)
     */
    public static Allocation allocate(double sigma2Train, double sigma2Unlearn, double costTrain,
            double costUnlearn, double budget) {
        double jStar = continuousOptimalJ(sigma2Train, sigma2Unlearn, costTrain, costUnlearn);
        if (!(budget >= costTrain + costUnlearn) || Double.isInfinite(budget)) {
            throw new IllegalArgumentException("budget must be finite and cover one trained model"
                    + " and one unlearning run (" + (costTrain + costUnlearn) + "), got " + budget);
        }
        long maxI = (long) Math.floor(budget / (costTrain + costUnlearn));
        if (maxI > MAX_TRAINING_SEEDS) {
            throw new IllegalArgumentException("budget " + budget + " allows " + maxI
                    + " training seeds, more than " + MAX_TRAINING_SEEDS + "; rescale the costs");
        }
        Allocation best = null;
        for (int i = (int) maxI; i >= 1; i--) {
            int j = sigma2Unlearn == 0 ? 1 : maxAffordableJ(i, costTrain, costUnlearn, budget);
            double v = sigma2Train / i + sigma2Unlearn / ((double) i * j);
            if (best == null || v < best.variance()) {
                best = new Allocation(i, j, i * (costTrain + j * costUnlearn), v, jStar);
            }
        }
        return best;
    }

    private static int maxAffordableJ(int i, double ct, double cu, double budget) {
        double j = Math.floor((budget / i - ct) / cu);
        if (j >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("budget " + budget + " allows more than "
                    + Integer.MAX_VALUE + " unlearning seeds; rescale the costs");
        }
        int k = (int) j;
        while (k > 1 && i * (ct + k * cu) > budget) {
            k--;
        }
        return Math.max(k, 1);
    }

    /**
     * Minimum detectable difference between the grand means of two methods with a two-sided
     * level-α z-test and the given power: MDD = (z_{1−α/2} + z_power) · sqrt(2 · Var(Z̄)).
     * Assumes the two methods are run independently (no shared training seeds, so no pairing
     * gain), with the same variance components and the same (I, J); normal approximation.
     *
     * @param sigma2Train σ²_train ≥ 0
     * @param sigma2Unlearn σ²_unlearn ≥ 0
     * @param trainingSeeds I ≥ 1
     * @param unlearningSeeds J ≥ 1
     * @param alpha the two-sided significance level in (0, 1), e.g. 0.05
     * @param power the desired power in (0, 1), e.g. 0.8
     * @return the smallest true difference detected with that power
     * @throws IllegalArgumentException for bad components, counts, alpha or power
     */
    public static double minimumDetectableDifference(double sigma2Train, double sigma2Unlearn,
            int trainingSeeds, int unlearningSeeds, double alpha, double power) {
        double var = varianceOfMean(sigma2Train, sigma2Unlearn, trainingSeeds, unlearningSeeds);
        return zSum(alpha, power) * Math.sqrt(2 * var);
    }

    /**
     * {@link #minimumDetectableDifference} over a grid of designs.
     *
     * @param sigma2Train σ²_train ≥ 0
     * @param sigma2Unlearn σ²_unlearn ≥ 0
     * @param trainingSeeds the I values, each ≥ 1
     * @param unlearningSeeds the J values, each ≥ 1
     * @param alpha two-sided significance level in (0, 1)
     * @param power desired power in (0, 1)
     * @return one row per (I, J), I outer: training_seeds, unlearning_seeds, runs, var_mean,
     *     se_difference = sqrt(2 Var(Z̄)), mdd
     * @throws IllegalArgumentException as {@link #minimumDetectableDifference}
     */
    public static Table mddGrid(double sigma2Train, double sigma2Unlearn, int[] trainingSeeds,
            int[] unlearningSeeds, double alpha, double power) {
        double z = zSum(alpha, power);
        IntColumn is = IntColumn.create("training_seeds");
        IntColumn js = IntColumn.create("unlearning_seeds");
        IntColumn runs = IntColumn.create("runs");
        DoubleColumn var = DoubleColumn.create("var_mean");
        DoubleColumn se = DoubleColumn.create("se_difference");
        DoubleColumn mdd = DoubleColumn.create("mdd");
        for (int i : trainingSeeds) {
            for (int j : unlearningSeeds) {
                double v = varianceOfMean(sigma2Train, sigma2Unlearn, i, j);
                is.append(i);
                js.append(j);
                runs.append(i * j);
                var.append(v);
                se.append(Math.sqrt(2 * v));
                mdd.append(z * Math.sqrt(2 * v));
            }
        }
        return Table.create(String.format(Locale.ROOT, "minimum detectable difference"
                + " (alpha %.3g, power %.3g)", alpha, power), is, js, runs, var, se, mdd);
    }

    private static double zSum(double alpha, double power) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
        if (!(power > 0 && power < 1)) {
            throw new IllegalArgumentException("power must be in (0, 1), got " + power);
        }
        NormalDistribution z = NormalDistribution.of(0, 1);
        return z.inverseCumulativeProbability(1 - alpha / 2) + z.inverseCumulativeProbability(power);
    }

    private static void checkComponents(double s2t, double s2u) {
        if (!(s2t >= 0) || Double.isInfinite(s2t)) {
            throw new IllegalArgumentException("sigma2Train must be finite and >= 0, got " + s2t);
        }
        if (!(s2u >= 0) || Double.isInfinite(s2u)) {
            throw new IllegalArgumentException("sigma2Unlearn must be finite and >= 0, got " + s2u);
        }
    }

    private static void checkCosts(double ct, double cu) {
        if (!(ct > 0) || Double.isInfinite(ct)) {
            throw new IllegalArgumentException("costTrain must be finite and > 0, got " + ct);
        }
        if (!(cu > 0) || Double.isInfinite(cu)) {
            throw new IllegalArgumentException("costUnlearn must be finite and > 0, got " + cu);
        }
    }

    private static void checkCount(int n, String name) {
        if (n < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + n);
        }
    }
}
