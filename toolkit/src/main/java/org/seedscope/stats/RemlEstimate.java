package org.seedscope.stats;

import java.util.Locale;

/**
 * Restricted maximum likelihood (REML) estimate of the variance components of the nested
 * one-way random-effects model y_ij = μ + a_i + e_ij (see {@link VarianceComponents}), an
 * alternative to the ANOVA estimator for unbalanced designs (e.g. grids with failed runs).
 *
 * <p>With γ = σ²_train/σ²_unlearn, weights w_i = n_i/(1 + n_i γ), μ̂(γ) = Σ w_i ȳ_i / Σ w_i and
 * Q(γ) = SSW + Σ w_i (ȳ_i − μ̂)², the restricted log-likelihood profiled over σ²_unlearn is
 * <pre>  ℓ_R(γ) = −½ [ (N − 1) log Q(γ) + Σ log(1 + n_i γ) + log Σ w_i ] + const,</pre>
 * maximised over γ ≥ 0 (grid on log10 γ ∈ [−10, 10] in steps of 0.05 plus γ = 0, then golden-
 * section refinement, which locates γ to about 1e−7 relative: the likelihood is flat at its
 * maximum); then σ̂²_unlearn = Q/(N − 1) and σ̂²_train = γ σ̂²_unlearn (Searle,
 * Casella and McCulloch 1992, §6.6). For balanced data with MSB ≥ MSW it equals the ANOVA
 * estimate. When every training seed's values are identical (SSW = 0) the likelihood is
 * unbounded in γ; then σ̂²_unlearn = 0 and σ̂²_train is the sample variance of the seed means.
 *
 * @param sigma2Train σ̂²_train ≥ 0
 * @param sigma2Unlearn σ̂²_unlearn ≥ 0
 * @param mean the generalised-least-squares mean μ̂ at the estimate
 * @param atBoundary true when the maximum is at γ = 0 (σ̂²_train = 0)
 */
public record RemlEstimate(double sigma2Train, double sigma2Unlearn, double mean,
        boolean atBoundary) {

    private static final double LOG_GAMMA_MIN = -10;
    private static final double LOG_GAMMA_MAX = 10;
    private static final double LOG_GAMMA_STEP = 0.05;

    /**
     * Fits the REML estimate.
     *
     * @param groups one array per training seed holding its unlearning-seed values
     * @return the estimate
     * @throws IllegalArgumentException when there are fewer than two training seeds, no training
     *     seed has two values (components not identifiable), a group is empty or a value is not
     *     finite (the position is named)
     */
    public static RemlEstimate of(double[][] groups) {
        Groups.validate(groups, "groups");
        int k = groups.length;
        if (k < 2) {
            throw new IllegalArgumentException("REML needs at least two training seeds, got " + k);
        }
        int n = 0;
        int maxJ = 0;
        double ssw = 0;
        double[] means = Groups.groupMeans(groups);
        boolean constant = true;
        for (int i = 0; i < k; i++) {
            n += groups[i].length;
            maxJ = Math.max(maxJ, groups[i].length);
            for (double v : groups[i]) {
                ssw += (v - means[i]) * (v - means[i]);
                constant &= v == groups[i][0];
            }
        }
        if (maxJ < 2) {
            throw new IllegalArgumentException("REML needs a training seed with at least two"
                    + " unlearning runs; every seed has one, so the components are confounded");
        }
        double grand = Groups.mean(means);
        if (constant) {
            double s = 0;
            for (double m : means) {
                s += (m - grand) * (m - grand);
            }
            return new RemlEstimate(s / (k - 1), 0, grand, s == 0);
        }
        Profile p = new Profile(groups, means, ssw, n);
        double bestT = Double.NaN;
        double bestValue = p.value(0);
        for (double t = LOG_GAMMA_MIN; t <= LOG_GAMMA_MAX + 1e-9; t += LOG_GAMMA_STEP) {
            double v = p.value(Math.pow(10, t));
            if (v > bestValue) {
                bestValue = v;
                bestT = t;
            }
        }
        double gamma = Double.isNaN(bestT) ? 0
                : Math.pow(10, p.refine(bestT - LOG_GAMMA_STEP, bestT + LOG_GAMMA_STEP));
        double s2u = p.q(gamma) / (n - 1);
        return new RemlEstimate(gamma * s2u, s2u, p.mu(gamma), gamma == 0);
    }

    /** @return e.g. {@code REML: sigma2_train = 0.0048, sigma2_unlearn = 0.00085, mean = 0.336} */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "REML: sigma2_train = %.4g, sigma2_unlearn = %.4g,"
                + " mean = %.6g%s", sigma2Train, sigma2Unlearn, mean,
                atBoundary ? " (sigma2_train at the boundary 0)" : "");
    }

    /** The profiled restricted log-likelihood of a fixed design. */
    private static final class Profile {
        private final double[] sizes;
        private final double[] means;
        private final double ssw;
        private final int n;

        Profile(double[][] groups, double[] means, double ssw, int n) {
            this.sizes = new double[groups.length];
            for (int i = 0; i < groups.length; i++) {
                sizes[i] = groups[i].length;
            }
            this.means = means;
            this.ssw = ssw;
            this.n = n;
        }

        double mu(double gamma) {
            double sw = 0;
            double swy = 0;
            for (int i = 0; i < sizes.length; i++) {
                double w = sizes[i] / (1 + sizes[i] * gamma);
                sw += w;
                swy += w * means[i];
            }
            return swy / sw;
        }

        double q(double gamma) {
            double mu = mu(gamma);
            double q = ssw;
            for (int i = 0; i < sizes.length; i++) {
                double w = sizes[i] / (1 + sizes[i] * gamma);
                q += w * (means[i] - mu) * (means[i] - mu);
            }
            return q;
        }

        double value(double gamma) {
            double logDet = 0;
            double sw = 0;
            for (double s : sizes) {
                logDet += Math.log1p(s * gamma);
                sw += s / (1 + s * gamma);
            }
            return -0.5 * ((n - 1) * Math.log(q(gamma)) + logDet + Math.log(sw));
        }

        /** Golden-section search for the maximum of value(10^t) on [lo, hi]. */
        double refine(double lo, double hi) {
            double ratio = (Math.sqrt(5) - 1) / 2;
            double a = lo;
            double b = hi;
            double c = b - ratio * (b - a);
            double d = a + ratio * (b - a);
            double fc = value(Math.pow(10, c));
            double fd = value(Math.pow(10, d));
            for (int it = 0; it < 80 && b - a > 1e-12; it++) {
                if (fc > fd) {
                    b = d;
                    d = c;
                    fd = fc;
                    c = b - ratio * (b - a);
                    fc = value(Math.pow(10, c));
                } else {
                    a = c;
                    c = d;
                    fc = fd;
                    d = a + ratio * (b - a);
                    fd = value(Math.pow(10, d));
                }
            }
            return (a + b) / 2;
        }
    }
}
