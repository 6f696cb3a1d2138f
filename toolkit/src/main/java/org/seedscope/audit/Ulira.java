package org.seedscope.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The per-example likelihood-ratio membership test of U-LiRA (Hayes et al. 2024, "Inexact
 * unlearning needs more careful evaluations to avoid a false sense of privacy", arXiv 2403.01218),
 * built on LiRA (Carlini et al. 2022, "Membership inference attacks from first principles").
 *
 * <p>For one forget example, the logit-scaled confidences {@code phi} of models that unlearned it
 * and of models retrained without it are each fitted by a Gaussian (maximum likelihood: mean and
 * standard deviation with divisor n). A target model's {@code phi} is scored by the log likelihood
 * ratio
 * <pre>
 *   Lambda(phi) = ln N(phi; mu_u, sigma_u^2) - ln N(phi; mu_r, sigma_r^2)
 *               = -(phi - mu_u)^2 / (2 sigma_u^2) - ln sigma_u + (phi - mu_r)^2 / (2 sigma_r^2) + ln sigma_r,
 * </pre>
 * large when the target looks unlearned. Standard deviations are floored at {@value #SIGMA_FLOOR}
 * (about the float resolution of a stored {@code phi} of order 10; LiRA adds 1e-30) so identical
 * fitting values give a very narrow but finite Gaussian. (LiRA's code takes the median as the
 * location; the maximum-likelihood mean is used here.)
 *
 * <p>Held-out evaluation: the models are grouped by training seed; the targets of one training
 * seed are scored with Gaussians fitted on the models of every other training seed (leave one
 * training seed out), so no model judges itself and no unlearned model is judged by fits that
 * contain its own original.
 */
public final class Ulira {
    /** Smallest standard deviation a fit may have. */
    public static final double SIGMA_FLOOR = 1e-6;

    private Ulira() {}

    /**
     * A fitted Gaussian.
     *
     * @param mean the mean
     * @param sd the standard deviation, at least {@link #SIGMA_FLOOR}
     */
    public record Gaussian(double mean, double sd) {

        /**
         * @param values at least one finite value
         * @return the maximum-likelihood fit (divisor n), the standard deviation floored at {@link #SIGMA_FLOOR}
         */
        public static Gaussian fit(double[] values) {
            if (values.length == 0) {
                throw new IllegalArgumentException("a Gaussian fit needs at least one value");
            }
            double sum = 0;
            for (double v : values) {
                sum += v;
            }
            double mean = sum / values.length;
            double sq = 0;
            for (double v : values) {
                sq += (v - mean) * (v - mean);
            }
            return new Gaussian(mean, Math.max(Math.sqrt(sq / values.length), SIGMA_FLOOR));
        }

        /**
         * @param x a value
         * @return {@code ln N(x; mean, sd^2)}
         */
        public double logDensity(double x) {
            double z = (x - mean) / sd;
            return -0.5 * z * z - Math.log(sd) - 0.5 * Math.log(2 * Math.PI);
        }
    }

    /**
     * @param phi the target's confidence
     * @param unlearned the fit under unlearned models
     * @param retrained the fit under retrained models
     * @return {@code Lambda(phi) = ln N(phi; unlearned) - ln N(phi; retrained)}
     */
    public static double statistic(double phi, Gaussian unlearned, Gaussian retrained) {
        return unlearned.logDensity(phi) - retrained.logDensity(phi);
    }

    /**
     * Scores every target of two ensembles by leave-one-group-out fits.
     *
     * @param unlearned the unlearned models (positives)
     * @param retrained the retrained models (negatives)
     * @param forget true to score the forget examples, false for the test sample
     * @return one score per (target model, example)
     * @throws IllegalArgumentException when some group leaves fewer than 2 models on a side to fit on
     */
    static Scores score(Ensemble unlearned, Ensemble retrained, boolean forget) {
        TreeSet<Long> groups = new TreeSet<>();
        for (long g : unlearned.groups()) {
            groups.add(g);
        }
        for (long g : retrained.groups()) {
            groups.add(g);
        }
        int examples = unlearned.examples(forget);
        List<double[]> scoreRows = new ArrayList<>();
        List<Boolean> positive = new ArrayList<>();
        List<Long> group = new ArrayList<>();
        for (long g : groups) {
            int[] fitU = unlearned.except(g);
            int[] fitR = retrained.except(g);
            if (fitU.length < 2 || fitR.length < 2) {
                throw new IllegalArgumentException("U-LiRA fits need at least 2 models of each kind after leaving training"
                        + " seed " + g + " out, got " + fitU.length + " unlearned and " + fitR.length
                        + " retrained; use more training seeds (or unlearning seeds)");
            }
            Gaussian[] gu = new Gaussian[examples];
            Gaussian[] gr = new Gaussian[examples];
            for (int x = 0; x < examples; x++) {
                gu[x] = Gaussian.fit(unlearned.column(fitU, x, forget));
                gr[x] = Gaussian.fit(retrained.column(fitR, x, forget));
            }
            for (int m : unlearned.in(g)) {
                scoreRows.add(scoreModel(unlearned.phi(m, forget), gu, gr));
                positive.add(true);
                group.add(g);
            }
            for (int m : retrained.in(g)) {
                scoreRows.add(scoreModel(retrained.phi(m, forget), gu, gr));
                positive.add(false);
                group.add(g);
            }
        }
        int n = scoreRows.size() * examples;
        double[] s = new double[n];
        boolean[] p = new boolean[n];
        long[] gs = new long[n];
        for (int t = 0; t < scoreRows.size(); t++) {
            System.arraycopy(scoreRows.get(t), 0, s, t * examples, examples);
            for (int x = 0; x < examples; x++) {
                p[t * examples + x] = positive.get(t);
                gs[t * examples + x] = group.get(t);
            }
        }
        return new Scores(s, p, gs);
    }

    private static double[] scoreModel(double[] phi, Gaussian[] gu, Gaussian[] gr) {
        double[] out = new double[phi.length];
        for (int x = 0; x < phi.length; x++) {
            out[x] = statistic(phi[x], gu[x], gr[x]);
        }
        return out;
    }

    /**
     * Pooled scores (population-level, as LiRA pools every (example, target) pair under one threshold).
     *
     * @param score the statistic
     * @param positive whether the target was unlearned
     * @param group the target's training seed
     */
    record Scores(double[] score, boolean[] positive, long[] group) {

        /** @return the ROC of every score */
        Roc roc() {
            return Roc.of(score, positive);
        }

        /**
         * @param g a training seed
         * @return the ROC of that seed's targets, or null when it lacks positives or negatives
         */
        Roc roc(long g) {
            int n = 0;
            int p = 0;
            for (int i = 0; i < group.length; i++) {
                if (group[i] == g) {
                    n++;
                    p += positive[i] ? 1 : 0;
                }
            }
            if (p == 0 || p == n) {
                return null;
            }
            double[] s = new double[n];
            boolean[] l = new boolean[n];
            int k = 0;
            for (int i = 0; i < group.length; i++) {
                if (group[i] == g) {
                    s[k] = score[i];
                    l[k++] = positive[i];
                }
            }
            return Roc.of(s, l);
        }
    }
}
