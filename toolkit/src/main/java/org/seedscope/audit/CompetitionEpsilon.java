package org.seedscope.audit;

import java.util.Arrays;

/**
 * The NeurIPS 2023 machine-unlearning competition's per-example epsilon and forgetting-quality
 * score (Triantafillou et al. 2024, arXiv 2406.09073), as scored by the organisers' code
 * {@code google-deepmind/unlearning_evaluation}, {@code metric.py} (commit ffae0ff):
 * {@code _get_epsilons} and {@code compute_forget_score_from_confs}. The inputs are one forget
 * example's logit-scaled confidences under many unlearned and many retrained models.
 *
 * <p><b>Epsilon of one example.</b> The group with the larger median is "positive" (ties: the
 * unlearned group). If the smaller of the two ranges (max - min) is below 1 % of the larger, the
 * unlearned distribution is taken to be a spike and epsilon is the cap {@value #EPSILON_CAP}.
 * Otherwise two families of threshold attacks are evaluated on a grid of
 * {@value #THRESHOLDS_PER_UNIT} thresholds per unit of phi:
 * <ul>
 *   <li>single threshold: {@code ceil((max - min) * 100)} thresholds evenly from the smallest to the
 *       largest value of both groups; predict positive when {@code phi >= t};
 *   <li>double threshold: with the "peaky" group being the one with the smaller range
 *       {@code w} (the second group when the ranges are equal), right ends {@code r} evenly from
 *       {@code min + w - 2} to {@code max + 2} of the peaky group ({@code ceil(... * 100)} of them)
 *       and, for each, 400 left ends evenly from {@code r - w - 2} to {@code r - w + 2}; predict
 *       "peaky" when {@code l <= phi <= r}.
 * </ul>
 * Each threshold gives false-positive and false-negative rates (FPR, FNR) over the models and
 * <pre>
 *   eps_t = max(0, max(ln(1 - delta - FPR) - ln FNR,  ln(1 - delta - FNR) - ln FPR)),  delta = 1e-5,
 * </pre>
 * a logarithm of a negative number counting as missing; a threshold with FPR = FNR = 0 (perfect
 * separation) gives infinity, one with exactly one of them 0 is discarded ("insufficient samples").
 * Epsilon is the largest {@code eps_t}, clipped to [0, {@value #EPSILON_CAP}].
 *
 * <p><b>Score.</b> With {@code N} models, the buckets {@code [0, 0.5), [0.5, 1), ...} up to
 * {@code ceil(ln(N - 1))} score {@code 1, 1/2, 1/4, ...}; an epsilon beyond the last bucket scores
 * 0. The forgetting quality is the mean score over the forget examples, in [0, 1] (1 = no attack
 * tells the two groups apart). N is the number of runs of each kind (the competition: 512 unlearning
 * runs from one original and 512 retrainings).
 *
 * <p>Where this differs from the organisers' code, by choice: rates are exact fractions in double
 * (theirs are float32) and the grid is computed in double with numpy's {@code linspace} formula
 * (their single-threshold grid is float32), so a count can differ only when a phi lies within
 * about 1e-7 of a grid point; two constant, equal groups give epsilon 0 and an example whose every
 * threshold is discarded gives NaN (their code stops with an assertion in both cases); {@code N}
 * is the smaller of the two groups' sizes (the competition always had 512 of each); and with
 * N below 3, where no bucket exists, the score is NaN rather than 0.
 *
 * <p>A caution the code does not state: epsilon is an in-sample maximum over about 160,000
 * thresholds, so it is far from 0 even when both groups come from the same distribution. For two
 * groups of N = 16 to 128 identical Gaussians, the organisers' code gives a median per-example
 * epsilon of 1.61 (= ln 5, a tail threshold with 1 vs 5 models) and a forgetting quality of about
 * 0.19; compare a method with Retrain-vs-Retrain on the same models ({@link Audit}'s floor), never
 * with 0.
 */
public final class CompetitionEpsilon {
    /** The competition's delta. */
    public static final double DELTA = 1e-5;
    /** The largest epsilon reported (also the value of a spike-shaped unlearned distribution). */
    public static final double EPSILON_CAP = 50;
    /** Threshold grid density: thresholds per unit of phi. */
    public static final int THRESHOLDS_PER_UNIT = 100;
    /** Width of a score bucket. */
    public static final double BUCKET = 0.5;
    /** How far the double threshold's ends range beyond the peaky group. */
    static final double BUFFER = 2.0;
    /** Left ends per right end: {@code ceil(2 * 2 * 100)}. */
    static final int LEFT_ENDS = (int) Math.ceil(2 * BUFFER * THRESHOLDS_PER_UNIT);
    /** Range ratio below which the unlearned distribution counts as a spike. */
    static final double SPIKE_RATIO = 0.01;

    private CompetitionEpsilon() {}

    /**
     * @param unlearned phi of one example under each unlearned model; at least 1, finite
     * @param retrained phi of the example under each retrained model; at least 1, finite
     * @return the example's epsilon in [0, {@value #EPSILON_CAP}], or NaN when every threshold was
     *     discarded
     */
    public static double epsilon(double[] unlearned, double[] retrained) {
        requireFinite("unlearned", unlearned);
        requireFinite("retrained", retrained);
        boolean retrainPositive = median(retrained) > median(unlearned);
        double[] pos = sorted(retrainPositive ? retrained : unlearned);
        double[] neg = sorted(retrainPositive ? unlearned : retrained);
        double posDiff = pos[pos.length - 1] - pos[0];
        double negDiff = neg[neg.length - 1] - neg[0];
        double largest = posDiff > negDiff ? posDiff : negDiff;
        double smallest = posDiff > negDiff ? negDiff : posDiff;
        if (largest == 0 && pos[0] == neg[0]) {
            return 0;
        }
        if (smallest / largest < SPIKE_RATIO) {
            return EPSILON_CAP;
        }
        double best = nanMax(singleThreshold(pos, neg), doubleThreshold(pos, neg, posDiff >= negDiff, smallest));
        if (Double.isNaN(best)) {
            return Double.NaN;
        }
        return Math.min(Math.max(best, 0), EPSILON_CAP);
    }

    /** @return the largest eps_t of the single-threshold family, NaN when all are discarded */
    private static double singleThreshold(double[] pos, double[] neg) {
        double lo = Math.min(pos[0], neg[0]);
        double hi = Math.max(pos[pos.length - 1], neg[neg.length - 1]);
        int count = (int) Math.ceil((hi - lo) * THRESHOLDS_PER_UNIT);
        double[] table = table(pos.length, neg.length);
        double best = Double.NaN;
        int belowPos = 0;
        int belowNeg = 0;
        for (int k = 0; k < count; k++) {
            double t = linspace(lo, hi, count, k);
            while (belowPos < pos.length && pos[belowPos] < t) {
                belowPos++;
            }
            while (belowNeg < neg.length && neg[belowNeg] < t) {
                belowNeg++;
            }
            best = nanMax(best, table[(pos.length - belowPos) * (neg.length + 1) + neg.length - belowNeg]);
        }
        return best;
    }

    /** @return the largest eps_t of the double-threshold family, NaN when all are discarded */
    private static double doubleThreshold(double[] pos, double[] neg, boolean negIsPeaky, double width) {
        double[] peaky = negIsPeaky ? neg : pos;
        double[] other = negIsPeaky ? pos : neg;
        double lo = peaky[0] + width - BUFFER;
        double hi = peaky[peaky.length - 1] + BUFFER;
        int rights = (int) Math.ceil((hi - lo) * THRESHOLDS_PER_UNIT);
        double[] table = table(peaky.length, other.length);
        double best = Double.NaN;
        for (int k = 0; k < rights; k++) {
            double r = linspace(lo, hi, rights, k);
            int upPeaky = upperBound(peaky, r);
            int upOther = upperBound(other, r);
            double start = r - width - BUFFER;
            double stop = r - width + BUFFER;
            // counts change only where a left end passes a value, so jump from one such grid point to the next
            int belowPeaky = 0;
            int belowOther = 0;
            int m = 0;
            while (m < LEFT_ENDS) {
                double l = linspace(start, stop, LEFT_ENDS, m);
                while (belowPeaky < peaky.length && peaky[belowPeaky] < l) {
                    belowPeaky++;
                }
                while (belowOther < other.length && other[belowOther] < l) {
                    belowOther++;
                }
                int a = Math.max(0, upPeaky - belowPeaky);
                int b = Math.max(0, upOther - belowOther);
                best = nanMax(best, table[a * (other.length + 1) + b]);
                double next = Math.min(belowPeaky < peaky.length ? peaky[belowPeaky] : Double.POSITIVE_INFINITY,
                        belowOther < other.length ? other[belowOther] : Double.POSITIVE_INFINITY);
                m = firstAbove(start, stop, m, next);
            }
        }
        return best;
    }

    /**
     * eps_t for every outcome of an attack on {@code p} positives and {@code q} negatives:
     * entry {@code a (q + 1) + b} is for {@code a} positives and {@code b} negatives predicted positive.
     */
    static double[] table(int p, int q) {
        double[] out = new double[(p + 1) * (q + 1)];
        for (int a = 0; a <= p; a++) {
            for (int b = 0; b <= q; b++) {
                out[a * (q + 1) + b] = thresholdEpsilon((double) b / q, (double) (p - a) / p);
            }
        }
        return out;
    }

    /**
     * One threshold's epsilon (the competition's rule).
     *
     * @param fpr false-positive rate
     * @param fnr false-negative rate
     * @return infinity for FPR = FNR = 0; NaN (discarded) when exactly one is 0 or both logarithms are
     *     undefined; otherwise {@code max(0, max(ln(1 - delta - FPR) - ln FNR, ln(1 - delta - FNR) - ln FPR))}
     */
    public static double thresholdEpsilon(double fpr, double fnr) {
        if (fpr == 0 && fnr == 0) {
            return Double.POSITIVE_INFINITY;
        }
        if (fpr == 0 || fnr == 0) {
            return Double.NaN;
        }
        double e = nanMax(Math.log(1 - DELTA - fpr) - Math.log(fnr), Math.log(1 - DELTA - fnr) - Math.log(fpr));
        return Double.isNaN(e) ? e : Math.max(e, 0);
    }

    /**
     * The competition's points for one example's epsilon.
     *
     * @param epsilon the example's epsilon
     * @param models N, the number of models of each kind
     * @return {@code 2^-k} for epsilon in bucket {@code [k/2, (k+1)/2)} when that bucket ends at or
     *     below {@code ceil(ln(N - 1))}; 0 beyond it and for NaN
     */
    public static double points(double epsilon, int models) {
        double maxEpsilon = Math.ceil(Math.log(models - 1.0));
        double start = 0;
        double points = 1;
        while (start + BUCKET <= maxEpsilon) {
            if (epsilon < start + BUCKET) {
                return points;
            }
            points /= 2;
            start += BUCKET;
        }
        return 0;
    }

    /**
     * The forgetting-quality score.
     *
     * @param epsilons one epsilon per forget example; not empty
     * @param models N, the number of models of each kind
     * @return the mean of {@link #points} over the examples, in [0, 1]; NaN for N below 3, where no
     *     bucket exists ({@code ceil(ln(N - 1)) < 0.5}) and every example would score 0
     */
    public static double forgetScore(double[] epsilons, int models) {
        if (epsilons.length == 0) {
            throw new IllegalArgumentException("the forgetting quality needs at least one forget example");
        }
        if (models < 3) {
            return Double.NaN;
        }
        double sum = 0;
        for (double e : epsilons) {
            sum += points(e, models);
        }
        return sum / epsilons.length;
    }

    /**
     * @return the first grid index after {@code m} whose left end exceeds {@code v} (where the count
     *     of values {@code >= l} next changes), or {@link #LEFT_ENDS} when there is none
     */
    private static int firstAbove(double start, double stop, int m, double v) {
        if (v == Double.POSITIVE_INFINITY) {
            return LEFT_ENDS;
        }
        double step = (stop - start) / (LEFT_ENDS - 1);
        double guess = Math.floor((v - start) / step) + 1;
        int k = guess >= LEFT_ENDS ? LEFT_ENDS : (int) Math.max(m + 1, guess);
        while (k > m + 1 && linspace(start, stop, LEFT_ENDS, k - 1) > v) {
            k--;
        }
        while (k < LEFT_ENDS && !(linspace(start, stop, LEFT_ENDS, k) > v)) {
            k++;
        }
        return k;
    }

    /** numpy's {@code linspace(start, stop, n)[k]}: {@code start + k (stop - start) / (n - 1)}, last = stop. */
    static double linspace(double start, double stop, int n, int k) {
        if (n == 1) {
            return start;
        }
        return k == n - 1 ? stop : start + k * ((stop - start) / (n - 1));
    }

    /** @return how many of the sorted values are at most {@code x} */
    private static int upperBound(double[] sorted, double x) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static double nanMax(double a, double b) {
        if (Double.isNaN(a)) {
            return b;
        }
        return Double.isNaN(b) ? a : Math.max(a, b);
    }

    /** numpy's median: the middle value, or the mean of the two middle values. */
    static double median(double[] values) {
        double[] s = sorted(values);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static double[] sorted(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s;
    }

    private static void requireFinite(String name, double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("epsilon needs at least one " + name + " model, got none");
        }
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(name + " confidences must be finite, got " + v);
            }
        }
    }
}
