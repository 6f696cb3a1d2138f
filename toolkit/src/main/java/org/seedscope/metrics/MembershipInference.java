package org.seedscope.metrics;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Membership-inference attacks that ask whether the forget set still looks like training data.
 * Both are fitted on retain-train (members) against test (non-members) and report the fraction of
 * forget-train examples they call "member". Compare the value with Retrain's, not with 0 or 0.5
 * (PAPER.md, "Two facts"). Both are deterministic: a fixed model gives the same value for every
 * evaluation seed (only {@link Balancing#SUBSAMPLE} draws at random).
 *
 * <p>The cores take per-example feature arrays, so they can be checked without a model; the
 * {@link ModelOutputs} overloads compute the features from a model's predictions.
 */
public final class MembershipInference {
    /**
     * Inverse L2 penalty strength of the entropy attack: scikit-learn's default {@code C = 1} of
     * {@code LogisticRegression}, which the SSD authors' code leaves in place.
     */
    public static final double C = 1.0;
    /** Newton iterations allowed; the fit converges quadratically and needs fewer than 15. */
    static final int MAX_ITERATIONS = 100;

    private MembershipInference() {}

    /** How the entropy attack copes with unequal numbers of members and non-members. */
    public enum Balancing {
        /**
         * Fit on an equal number of each: the larger group is subsampled without replacement to the
         * size of the smaller with a seeded draw (then every example weighs 1). The draw makes the
         * attack vary with the evaluation seed (measured on the demo: a standard deviation up to 0.14
         * across evaluation seeds for one fixed model), which is why it is not the default.
         */
        SUBSAMPLE,
        /**
         * Fit on every example, each weighted {@code n / (2 n_group)} so both groups carry equal total
         * weight; this is scikit-learn's {@code class_weight="balanced"}, used by the SSD code base
         * the paper builds on. The default: the fit uses no random draw, so a fixed model gives the
         * same attack for every evaluation seed.
         */
        WEIGHT,
        /** Fit on every example unweighted (shown only to expose the bias balancing removes). */
        NONE
    }

    /**
     * The paper's entropy MIA on a model: features are {@link Distributions#entropies} of its
     * retain-train (members), test (non-members) and forget-train (targets) outputs; balanced by
     * {@link Balancing#WEIGHT}. Deterministic, so it takes no seed.
     *
     * @param outputs the model's outputs on the evaluation sets
     * @return fraction of forget-train examples predicted "member", in [0, 1]; NaN when an entropy is NaN
     */
    public static double entropyAttack(ModelOutputs outputs) {
        return entropyAttack(Distributions.entropies(outputs.retainTrain()),
                Distributions.entropies(outputs.test()), Distributions.entropies(outputs.forgetTrain()),
                Balancing.WEIGHT, 0);
    }

    /**
     * The entropy MIA on given features: {@link #fitEntropyAttack} on members vs non-members, then
     * {@link EntropyAttack#memberFraction} of the targets.
     *
     * @param members feature of each member (retain-train) example; not empty
     * @param nonMembers feature of each non-member (test) example; not empty
     * @param targets feature of each example to classify (forget-train)
     * @param balancing how to balance members and non-members
     * @param seed seed of the subsample draw; used only by {@link Balancing#SUBSAMPLE}
     * @return fraction of targets predicted "member", in [0, 1]; NaN when there are no targets or any
     *     feature is NaN or infinite
     */
    public static double entropyAttack(double[] members, double[] nonMembers, double[] targets, Balancing balancing,
            long seed) {
        return fitEntropyAttack(members, nonMembers, balancing, seed).memberFraction(targets);
    }

    /**
     * Fits the entropy attack exactly: the logistic regression {@code P(member | x) = sigmoid(w x + b)}
     * on the raw feature {@code x} (no standardisation), with intercept, minimising
     * <pre>
     *   sum_i s_i ln(1 + exp(-y_i (w x_i + b)))  +  w^2 / (4 C),     y_i = +1 member, -1 non-member,
     * </pre>
     * with example weights {@code s_i} from the balancing ({@code n / (2 n_group)} for
     * {@link Balancing#WEIGHT}, 1 otherwise) and {@code C} = {@value #C}. This is the objective of the
     * SSD authors' attack ({@code if-loops/selective-synaptic-dampening}, {@code src/metrics.py},
     * {@code get_membership_attack_prob}): scikit-learn's
     * {@code LogisticRegression(class_weight="balanced", solver="lbfgs", multi_class="multinomial")}
     * with its default {@code C = 1}. With two classes the multinomial model has one weight row per
     * class, penalised {@code (w_0^2 + w_1^2) / (2C)} and unpenalised intercepts; only the
     * differences {@code w = w_1 - w_0}, {@code b = b_1 - b_0} enter the likelihood, and the penalty
     * is smallest at {@code w_1 = -w_0 = w/2}, which gives the {@code w^2 / (4C)} above (half the
     * penalty of a binary fit). scikit-learn 1.2.1 reports {@code coef_ = w/2},
     * {@code intercept_ = b/2}.
     *
     * <p>The minimum is unique and finite (the objective is strictly convex and, with both groups
     * present, grows without bound in every direction). It is found by Newton's method from
     * {@code (0, 0)} with step halving until the objective decreases, stopping when a step no longer
     * changes the parameters (at most {@value #MAX_ITERATIONS} iterations); sums run in a fixed
     * order, so the fit is bit-reproducible. scikit-learn's L-BFGS stops at its tolerance
     * ({@code tol = 1e-4}) instead, so its coefficients differ from the exact ones in about the
     * seventh digit; decisions differ only for targets that close to the boundary.
     *
     * @param members feature of each member (retain-train) example; not empty
     * @param nonMembers feature of each non-member (test) example; not empty
     * @param balancing how to balance members and non-members
     * @param seed seed of the subsample draw; used only by {@link Balancing#SUBSAMPLE}
     * @return the fitted attack; slope and intercept NaN when a feature is NaN or infinite
     */
    public static EntropyAttack fitEntropyAttack(double[] members, double[] nonMembers, Balancing balancing,
            long seed) {
        requireNonEmpty(members, nonMembers);
        Objects.requireNonNull(balancing, "balancing");
        if (!allFinite(members) || !allFinite(nonMembers)) {
            return new EntropyAttack(Double.NaN, Double.NaN);
        }
        double[] m = members;
        double[] n = nonMembers;
        double memberWeight = 1;
        double nonMemberWeight = 1;
        if (balancing == Balancing.SUBSAMPLE) {
            SplittableRandom draw = new SplittableRandom(seed);
            m = subsample(members, Math.min(members.length, nonMembers.length), draw);
            n = subsample(nonMembers, Math.min(members.length, nonMembers.length), draw);
        } else if (balancing == Balancing.WEIGHT) {
            double total = members.length + nonMembers.length;
            memberWeight = total / (2.0 * members.length);
            nonMemberWeight = total / (2.0 * nonMembers.length);
        }
        return new LogisticFit(m, memberWeight, n, nonMemberWeight, 1 / (4 * C)).newton(MAX_ITERATIONS);
    }

    /**
     * A fitted entropy attack: an example with feature {@code x} is called "member" when its log-odds
     * {@code slope x + intercept} are above 0 (scikit-learn's {@code predict}: a tie goes to
     * "non-member").
     *
     * @param slope {@code w}, the log-odds per unit of the feature (negative when members have lower
     *     entropy); NaN when the fit saw a non-finite feature
     * @param intercept {@code b}; NaN with a NaN slope
     */
    public record EntropyAttack(double slope, double intercept) {

        /**
         * @param x a feature value
         * @return {@code slope x + intercept}
         */
        public double logOdds(double x) {
            return slope * x + intercept;
        }

        /**
         * @param targets feature of each example to classify
         * @return fraction with log-odds above 0; NaN for no targets, a NaN fit or a non-finite target
         */
        public double memberFraction(double[] targets) {
            if (targets.length == 0 || Double.isNaN(slope) || !allFinite(targets)) {
                return Double.NaN;
            }
            int count = 0;
            for (double t : targets) {
                if (logOdds(t) > 0) {
                    count++;
                }
            }
            return (double) count / targets.length;
        }
    }

    /**
     * The loss-threshold MIA (Yeom et al., CSF 2018) on a model: features are
     * {@link Distributions#losses} (per-example cross-entropy) of its retain-train, test and
     * forget-train outputs with their labels. Deterministic, so it takes no seed.
     *
     * @param outputs the model's outputs on the evaluation sets
     * @return fraction of forget-train examples with loss at most the fitted threshold, in [0, 1];
     *     NaN when a loss is NaN
     */
    public static double lossAttack(ModelOutputs outputs) {
        EvaluationSets sets = outputs.sets();
        ThresholdAttack attack = fitLossThreshold(
                Distributions.losses(outputs.retainTrain(), sets.retainTrain().y()),
                Distributions.losses(outputs.test(), sets.test().y()));
        return attack.memberFraction(Distributions.losses(outputs.forgetTrain(), sets.forgetTrain().y()));
    }

    /**
     * Fits the loss threshold: an example is called "member" when its loss is at most {@code t}, and
     * {@code t} maximises the balanced accuracy {@code (TPR + TNR) / 2} on members vs non-members,
     * which weights both groups equally whatever their sizes. Candidates are {@code -infinity}
     * (nobody is a member), the midpoint between each pair of consecutive distinct observed losses,
     * and {@code +infinity} (everybody is); ties go to the smallest candidate. Balanced accuracies are
     * compared exactly in integer arithmetic.
     *
     * @param members loss of each member (retain-train) example; not empty
     * @param nonMembers loss of each non-member (test) example; not empty
     * @return the fitted threshold; its threshold is NaN when any loss is NaN
     */
    public static ThresholdAttack fitLossThreshold(double[] members, double[] nonMembers) {
        requireNonEmpty(members, nonMembers);
        if (hasNaN(members) || hasNaN(nonMembers)) {
            return new ThresholdAttack(Double.NaN, Double.NaN);
        }
        double[] m = members.clone();
        double[] n = nonMembers.clone();
        Arrays.sort(m);
        Arrays.sort(n);
        long nm = m.length;
        long nn = n.length;
        // Sweep the distinct values upwards. After value v, the i members <= v are true positives and
        // the nn - j non-members > v true negatives; i * nn + (nn - j) * nm is the balanced accuracy
        // times 2 nm nn, so scores compare exactly.
        int i = 0;
        int j = 0;
        long bestScore = nn * nm;
        double bestThreshold = Double.NEGATIVE_INFINITY;
        while (i < m.length || j < n.length) {
            double v = j == n.length || (i < m.length && m[i] <= n[j]) ? m[i] : n[j];
            while (i < m.length && m[i] == v) {
                i++;
            }
            while (j < n.length && n[j] == v) {
                j++;
            }
            long score = i * nn + (nn - j) * nm;
            if (score > bestScore) {
                bestScore = score;
                double next = i == m.length ? (j == n.length ? Double.POSITIVE_INFINITY : n[j])
                        : (j == n.length ? m[i] : Math.min(m[i], n[j]));
                bestThreshold = next == Double.POSITIVE_INFINITY ? next : midpoint(v, next);
            }
        }
        return new ThresholdAttack(bestThreshold, bestScore / (2.0 * nm * nn));
    }

    /**
     * A fitted loss threshold.
     *
     * @param threshold examples with loss {@code <= threshold} are called members; may be infinite;
     *     NaN when the fit saw a NaN loss
     * @param balancedAccuracy {@code (TPR + TNR) / 2} on the fitting data, in [0.5, 1]; NaN with a NaN threshold
     */
    public record ThresholdAttack(double threshold, double balancedAccuracy) {

        /**
         * @param losses loss of each example to classify
         * @return fraction with loss at most the threshold; NaN for no examples, a NaN threshold or a NaN loss
         */
        public double memberFraction(double[] losses) {
            if (losses.length == 0 || Double.isNaN(threshold) || hasNaN(losses)) {
                return Double.NaN;
            }
            int count = 0;
            for (double l : losses) {
                if (l <= threshold) {
                    count++;
                }
            }
            return (double) count / losses.length;
        }
    }

    private static double midpoint(double a, double b) {
        double mid = a + (b - a) / 2;
        return Double.isFinite(mid) ? mid : a;
    }

    /** Draws {@code k} of the values without replacement (partial Fisher-Yates on the indices). */
    private static double[] subsample(double[] values, int k, SplittableRandom random) {
        if (k == values.length) {
            return values;
        }
        int[] index = new int[values.length];
        for (int i = 0; i < index.length; i++) {
            index[i] = i;
        }
        double[] out = new double[k];
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(index.length - i);
            int swap = index[i];
            index[i] = index[j];
            index[j] = swap;
            out[i] = values[index[i]];
        }
        return out;
    }

    private static void requireNonEmpty(double[] members, double[] nonMembers) {
        if (members.length == 0 || nonMembers.length == 0) {
            throw new IllegalArgumentException("a membership attack needs members and non-members to fit on, got "
                    + members.length + " members and " + nonMembers.length + " non-members");
        }
    }

    private static boolean allFinite(double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasNaN(double[] values) {
        for (double v : values) {
            if (Double.isNaN(v)) {
                return true;
            }
        }
        return false;
    }
}
