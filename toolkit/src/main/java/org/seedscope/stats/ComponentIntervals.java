package org.seedscope.stats;

import java.util.Locale;
import java.util.Optional;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.FDistribution;

/**
 * Package-private normal-theory intervals for the one-way random-effects model (see
 * {@link VarianceComponents}), at level 1 − 2a with a = (1 − level)/2 in each tail.
 *
 * <p>Quantile notation: χ²_p(ν) and F_p(ν1, ν2) are lower-p quantiles.
 */
final class ComponentIntervals {

    private final double level;
    private final double a;

    ComponentIntervals(double level) {
        this.level = level;
        this.a = (1 - level) / 2;
    }

    /**
     * Exact χ² interval for a variance from its sum of squares: [SS/χ²_{1−a}(df), SS/χ²_a(df)].
     *
     * @param estimate the estimate to store (SS/df, or a value the caller defines)
     * @param ss the sum of squares, ≥ 0
     * @param df its degrees of freedom, ≥ 1 (may be fractional)
     * @param label the method label
     */
    Interval chiSquared(double estimate, double ss, double df, String label) {
        ChiSquaredDistribution chi = ChiSquaredDistribution.of(df);
        return new Interval(estimate, ss / chi.inverseCumulativeProbability(1 - a),
                ss / chi.inverseCumulativeProbability(a), level, label);
    }

    /**
     * Modified large-sample (MLS) interval for θ = (MSB − MSW)/n0 (Ting, Burdick, Graybill,
     * Jeyaratnam and Lu 1990, J. Statist. Comput. Simul. 35, 135–143; Burdick and Graybill
     * 1992, <i>Confidence Intervals on Variance Components</i>, §3.3): with c = 1/n0,
     * θ̂ = c·MSB − c·MSW,
     * <pre>
     *   L = θ̂ − sqrt(G1² c² MSB² + H2² c² MSW² + G12 c² MSB MSW)
     *   U = θ̂ + sqrt(H1² c² MSB² + G2² c² MSW² + H12 c² MSB MSW)
     * </pre>
     * G_q = 1 − ν_q/χ²_{1−a}(ν_q), H_q = ν_q/χ²_a(ν_q) − 1 (q = 1: df_B, q = 2: df_W),
     * G12 = ((F_{1−a} − 1)² − G1² F_{1−a}² − H2²)/F_{1−a},
     * H12 = ((1 − F_a)² − H1² F_a² − G2²)/F_a with F quantiles of F(df_B, df_W). The lower bound
     * is truncated at 0. When MSW = 0 it reduces to the exact χ²(df_B) interval of MSB/n0.
     * When U ≤ 0 (MSB far below MSW) the conservative bound SSB/(n0 χ²_a(df_B)) is used instead:
     * σ²_train ≤ (σ²_unlearn + n0 σ²_train)/n0, whose exact upper bound that is.
     *
     * @param estimate the (truncated) point estimate to store
     * @return the interval; its lower bound is 0 whenever MSB ≤ MSW (one-sided)
     */
    Interval trainMls(double estimate, double msb, double msw, int dfB, int dfW, double n0,
            boolean balanced) {
        ChiSquaredDistribution chiB = ChiSquaredDistribution.of(dfB);
        ChiSquaredDistribution chiW = ChiSquaredDistribution.of(dfW);
        FDistribution f = FDistribution.of(dfB, dfW);
        double g1 = 1 - dfB / chiB.inverseCumulativeProbability(1 - a);
        double h1 = dfB / chiB.inverseCumulativeProbability(a) - 1;
        double g2 = 1 - dfW / chiW.inverseCumulativeProbability(1 - a);
        double h2 = dfW / chiW.inverseCumulativeProbability(a) - 1;
        double fHi = f.inverseCumulativeProbability(1 - a);
        double fLo = f.inverseCumulativeProbability(a);
        double g12 = ((fHi - 1) * (fHi - 1) - g1 * g1 * fHi * fHi - h2 * h2) / fHi;
        double h12 = ((1 - fLo) * (1 - fLo) - h1 * h1 * fLo * fLo - g2 * g2) / fLo;
        double c = 1 / n0;
        double b = c * msb;
        double w = c * msw;
        double theta = b - w;
        double lower = theta - Math.sqrt(Math.max(0, g1 * g1 * b * b + h2 * h2 * w * w
                + g12 * b * w));
        double upper = theta + Math.sqrt(Math.max(0, h1 * h1 * b * b + g2 * g2 * w * w
                + h12 * b * w));
        String how = "MLS (Ting et al. 1990)" + (balanced ? ""
                : String.format(Locale.ROOT, ", approximate with n0 = %.4g", n0));
        if (!(upper > 0)) {
            upper = dfB * msb / (n0 * chiB.inverseCumulativeProbability(a));
            how = "one-sided: conservative chi-squared bound on MSB/n0 (MLS upper bound <= 0)";
        } else if (!(lower > 0)) {
            how = "one-sided " + how + ", lower bound at 0";
        }
        return new Interval(estimate, Math.max(0, lower), Math.max(upper, estimate), level, how);
    }

    /**
     * Interval for the ICC ρ = σ²_train/(σ²_train + σ²_unlearn) from F = MSB/MSW (Searle 1971):
     * F_L = F/F_{1−a}, F_U = F/F_a, bounds (F_L − 1)/(F_L + n − 1) and (F_U − 1)/(F_U + n − 1)
     * truncated to [0, 1], with n = J (exact) for balanced data and n0 (approximate) otherwise.
     * When the upper bound is ≤ 0 (F below its lower quantile, so the F interval lies outside
     * [0, 1]) the upper bound becomes U_t/(U_t + L_u) from the σ²_train upper bound and the
     * σ²_unlearn lower bound: ρ increases in σ²_train and decreases in σ²_unlearn, so it is a
     * conservative (Bonferroni) bound and never gives a zero-width interval.
     */
    Interval icc(double estimate, double msb, double msw, int dfB, int dfW, double n,
            boolean balanced, Interval train, Interval unlearn) {
        FDistribution dist = FDistribution.of(dfB, dfW);
        double ratio = msb / msw;
        double fl = ratio / dist.inverseCumulativeProbability(1 - a);
        double fu = ratio / dist.inverseCumulativeProbability(a);
        double lo = clamp01((fl - 1) / (fl + n - 1));
        double hi = clamp01((fu - 1) / (fu + n - 1));
        String how = balanced ? "exact F"
                : String.format(Locale.ROOT, "approximate F, n0 = %.4g", n);
        if (!(hi > 0)) {
            hi = train.upper() / (train.upper() + unlearn.lower());
            how = "one-sided: bound from the sigma2_train upper and sigma2_unlearn lower limits"
                    + " (F interval below 0)";
        }
        return new Interval(estimate, lo, Math.max(hi, estimate), level, how);
    }

    /**
     * Satterthwaite interval for a positive combination T = Σ c_q MS_q (here the total
     * MSB/n0 + (1 − 1/n0) MSW): ν = T² / Σ (c_q MS_q)²/df_q, bounds ν T/χ²_{1−a}(ν) and
     * ν T/χ²_a(ν) (Satterthwaite 1946); the interval always contains T.
     */
    Optional<Interval> satterthwaiteSum(double b, int dfB, double w, int dfW) {
        double total = b + w;
        if (!(total > 0)) {
            return Optional.empty();
        }
        double nu = total * total / (b * b / dfB + (dfW > 0 ? w * w / dfW : 0));
        return Optional.of(chiSquared(total, nu * total, nu,
                String.format(Locale.ROOT, "Satterthwaite, df = %.3g", nu)));
    }

    private static double clamp01(double x) {
        return Math.max(0, Math.min(1, x));
    }
}
