package org.seedscope.audit;

import java.util.Arrays;

/**
 * The ROC curve of a membership score: positives are unlearned targets, negatives retrained ones,
 * and a larger score means "more likely unlearned". One point per distinct score value, from
 * (0, 0) to (1, 1), so ties are one step (as scikit-learn's {@code roc_curve} without dropping
 * intermediate points).
 *
 * <p>Instances do not copy their arrays; treat them as immutable.
 *
 * @param fpr false-positive rate of each point, ascending from 0 to 1
 * @param tpr true-positive rate of each point, ascending from 0 to 1
 * @param auc area under the curve by the trapezoid rule: P(positive score > negative score) plus
 *     half the probability of a tie (the Mann-Whitney statistic / (n+ n-))
 * @param positives number of positive scores
 * @param negatives number of negative scores
 */
public record Roc(double[] fpr, double[] tpr, double auc, int positives, int negatives) {

    /**
     * @param scores one score per target
     * @param positive whether each target is positive (unlearned)
     * @return the curve
     * @throws IllegalArgumentException when the arrays differ in length, a score is NaN, or either
     *     class is empty
     */
    public static Roc of(double[] scores, boolean[] positive) {
        if (scores.length != positive.length) {
            throw new IllegalArgumentException(scores.length + " scores but " + positive.length + " labels");
        }
        int p = 0;
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("score " + i + " is NaN");
            }
            if (positive[i]) {
                p++;
            }
        }
        int n = scores.length - p;
        if (p == 0 || n == 0) {
            throw new IllegalArgumentException("a ROC needs positives and negatives, got " + p + " and " + n);
        }
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        double[] fpr = new double[scores.length + 1];
        double[] tpr = new double[scores.length + 1];
        int points = 1;
        long tp = 0;
        long fp = 0;
        double area = 0; // sum over steps of (fp step) x (mean tp over the step), in counts
        for (int i = 0; i < order.length;) {
            double s = scores[order[i]];
            long tp0 = tp;
            long fp0 = fp;
            while (i < order.length && Double.compare(scores[order[i]], s) == 0) {
                if (positive[order[i]]) {
                    tp++;
                } else {
                    fp++;
                }
                i++;
            }
            area += (fp - fp0) * (tp + tp0) / 2.0;
            fpr[points] = (double) fp / n;
            tpr[points] = (double) tp / p;
            points++;
        }
        return new Roc(Arrays.copyOf(fpr, points), Arrays.copyOf(tpr, points), area / ((double) p * n), p, n);
    }

    /**
     * The attack's power at a low false-positive rate, as LiRA reports it (Carlini et al. 2022,
     * {@code tpr[np.where(fpr < alpha)[0][-1]]}).
     *
     * @param alpha the false-positive rate, in (0, 1]
     * @return the largest TPR among the points with FPR strictly below {@code alpha}
     */
    public double tprAt(double alpha) {
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1], got " + alpha);
        }
        double best = 0;
        for (int k = 0; k < fpr.length; k++) {
            if (fpr[k] < alpha) {
                best = Math.max(best, tpr[k]);
            }
        }
        return best;
    }

    /**
     * The curve at log-spaced false-positive rates, for charts on log-log axes and for JSON.
     *
     * @param points number of rates, at least 2, from {@code 1 / negatives} (or 1e-4 if larger) to 1
     * @return {fpr, tpr} rows: each rate and the largest TPR reached at or below it
     */
    public double[][] logSpaced(int points) {
        if (points < 2) {
            throw new IllegalArgumentException("need at least 2 points, got " + points);
        }
        double lo = Math.max(1.0 / negatives, 1e-4);
        double[][] out = new double[points][];
        int k = 0;
        double best = 0;
        for (int i = 0; i < points; i++) {
            double rate = i == points - 1 ? 1 : lo * Math.pow(1 / lo, (double) i / (points - 1));
            while (k < fpr.length && fpr[k] <= rate) {
                best = Math.max(best, tpr[k]);
                k++;
            }
            out[i] = new double[] {rate, best};
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Roc r && Arrays.equals(fpr, r.fpr) && Arrays.equals(tpr, r.tpr)
                && Double.compare(auc, r.auc) == 0 && positives == r.positives && negatives == r.negatives;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(fpr) + Arrays.hashCode(tpr);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "Roc[AUC %.4g, %d positives, %d negatives, %d points]", auc,
                positives, negatives, fpr.length);
    }
}
