package org.seedscope.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.seedscope.engine.Predictions;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.math.optimisers.ParameterAveraging;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Membership-inference attacks that ask whether the forget set still looks like training data.
 * Both are fitted on retain-train (members) against test (non-members) and report the fraction of
 * forget-train examples they call "member". Compare the value with Retrain's, not with 0 or 0.5
 * (PAPER.md, "Two facts").
 *
 * <p>The cores take per-example feature arrays, so they can be checked without a model; the
 * {@link ModelOutputs} overloads compute the features from a model's predictions.
 */
public final class MembershipInference {
    /** Tribuo SGD epochs for the logistic regression; ample for one standardised feature. */
    static final int EPOCHS = 10;
    /** AdaGrad initial learning rate, Tribuo's default for {@code LogisticRegressionTrainer}. */
    static final double LEARNING_RATE = 1.0;
    /** AdaGrad epsilon, Tribuo's default for {@code LogisticRegressionTrainer}. */
    static final double EPSILON = 0.1;

    private static final String MEMBER = "member";
    private static final String NON_MEMBER = "non-member";
    private static final String FEATURE = "feature";

    private MembershipInference() {}

    /** How the entropy attack copes with unequal numbers of members and non-members. */
    public enum Balancing {
        /**
         * Fit on an equal number of each: the larger group is subsampled without replacement to the
         * size of the smaller with a seeded draw. The draw makes the attack vary with the evaluation
         * seed (measured on the demo: a standard deviation up to 0.14 across evaluation seeds for
         * one fixed model), which is why it is not the default.
         */
        SUBSAMPLE,
        /**
         * Fit on every example, each weighted {@code n / (2 n_group)} so both groups carry equal total
         * weight; this is scikit-learn's {@code class_weight="balanced"}, used by the SSD code base
         * the paper builds on. The default: every example is used, so the fitted attack is the same
         * for every evaluation seed up to the trainer's optimisation noise.
         */
        WEIGHT,
        /** Fit on every example unweighted (shown only to expose the bias balancing removes). */
        NONE
    }

    /**
     * The paper's entropy MIA on a model: features are {@link Distributions#entropies} of its
     * retain-train (members), test (non-members) and forget-train (targets) outputs; balanced by
     * {@link Balancing#WEIGHT}.
     *
     * @param outputs the model's outputs on the evaluation sets
     * @param seed seed of the Tribuo trainer
     * @return fraction of forget-train examples predicted "member", in [0, 1]; NaN when an entropy is NaN
     */
    public static double entropyAttack(ModelOutputs outputs, long seed) {
        return entropyAttack(Distributions.entropies(outputs.retainTrain()),
                Distributions.entropies(outputs.test()), Distributions.entropies(outputs.forgetTrain()),
                Balancing.WEIGHT, seed);
    }

    /**
     * The entropy MIA on given features: a two-class logistic regression (Tribuo
     * {@link LinearSGDTrainer} with {@link LogMulticlass}, {@value #EPOCHS} epochs, minibatch 1,
     * seeded; a fresh trainer per call so the result does not depend on earlier calls) is fitted on
     * one feature with a bias, members labelled "member" and non-members "non-member", then applied
     * to the targets. The feature is standardised with the mean and standard deviation of the
     * fitting sample (a monotone rescaling that only helps SGD converge; a constant feature is only
     * centred).
     *
     * <p>The optimiser is AdaGrad(1.0, 0.1) (Tribuo's logistic-regression default) wrapped in
     * {@link ParameterAveraging}, so the result is the maximum-likelihood fit the authors' scikit-learn
     * {@code LogisticRegression} finds, not a noisy last SGD iterate: measured on 1000 points of
     * N(0, 1) vs N(1, 1), plain AdaGrad's last iterate moved the member fraction by up to 0.14 across
     * trainer seeds and epochs, the averaged one stayed within 0.001 of Newton's method.
     * (scikit-learn's default L2 penalty C = 1 is left out; it is negligible at these sample sizes.)
     *
     * <p>The seed is split in a fixed order: first the subsample draw (used only by
     * {@link Balancing#SUBSAMPLE}), then the Tribuo trainer seed.
     *
     * @param members feature of each member (retain-train) example; not empty
     * @param nonMembers feature of each non-member (test) example; not empty
     * @param targets feature of each example to classify (forget-train)
     * @param balancing how to balance members and non-members
     * @param seed the seed
     * @return fraction of targets predicted "member", in [0, 1]; NaN when there are no targets or any
     *     feature is NaN or infinite
     */
    public static double entropyAttack(double[] members, double[] nonMembers, double[] targets, Balancing balancing,
            long seed) {
        requireNonEmpty(members, nonMembers);
        Objects.requireNonNull(balancing, "balancing");
        if (targets.length == 0 || !allFinite(members) || !allFinite(nonMembers) || !allFinite(targets)) {
            return Double.NaN;
        }
        SplittableRandom random = new SplittableRandom(seed);
        long drawSeed = random.nextLong();
        long trainerSeed = random.nextLong();
        double[] m = members;
        double[] n = nonMembers;
        double memberWeight = 1;
        double nonMemberWeight = 1;
        if (balancing == Balancing.SUBSAMPLE) {
            SplittableRandom draw = new SplittableRandom(drawSeed);
            m = subsample(members, Math.min(members.length, nonMembers.length), draw);
            n = subsample(nonMembers, Math.min(members.length, nonMembers.length), draw);
        } else if (balancing == Balancing.WEIGHT) {
            double total = members.length + nonMembers.length;
            memberWeight = total / (2.0 * members.length);
            nonMemberWeight = total / (2.0 * nonMembers.length);
        }
        double[] scale = standardisation(m, n);
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("seedscope-mia", factory),
                factory);
        add(data, m, MEMBER, (float) memberWeight, scale);
        add(data, n, NON_MEMBER, (float) nonMemberWeight, scale);
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(),
                new ParameterAveraging(new AdaGrad(LEARNING_RATE, EPSILON)),
                EPOCHS, Integer.MAX_VALUE, 1, trainerSeed);
        Model<Label> attack = trainer.train(data);
        List<Example<Label>> queries = new ArrayList<>(targets.length);
        for (double t : targets) {
            queries.add(example(factory.getUnknownOutput(), 1f, t, scale));
        }
        int predictedMembers = 0;
        for (Prediction<Label> p : attack.predict(queries)) {
            if (p.getOutput().getLabel().equals(MEMBER)) {
                predictedMembers++;
            }
        }
        return (double) predictedMembers / targets.length;
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

    /** @return {mean, scale} of the pooled values; scale is the standard deviation, or 1 if that is 0 */
    private static double[] standardisation(double[] a, double[] b) {
        double sum = 0;
        for (double v : a) {
            sum += v;
        }
        for (double v : b) {
            sum += v;
        }
        double mean = sum / (a.length + b.length);
        double sq = 0;
        for (double v : a) {
            sq += (v - mean) * (v - mean);
        }
        for (double v : b) {
            sq += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(sq / (a.length + b.length));
        return new double[] {mean, sd > 0 ? sd : 1};
    }

    private static void add(MutableDataset<Label> data, double[] values, String label, float weight, double[] scale) {
        Label output = new Label(label);
        for (double v : values) {
            data.add(example(output, weight, v, scale));
        }
    }

    private static Example<Label> example(Label output, float weight, double value, double[] scale) {
        ArrayExample<Label> example = new ArrayExample<>(output, weight);
        example.add(FEATURE, (value - scale[0]) / scale[1]);
        return example;
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
