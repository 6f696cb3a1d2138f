package org.seedscope.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.commons.statistics.descriptive.Variance;

/**
 * Restricted maximum likelihood (REML) estimate of the variance components of the nested
 * one-way random-effects model y_ij = μ + a_i + e_ij (see {@link VarianceComponents}), an
 * alternative to the ANOVA estimator for unbalanced designs (e.g. grids with failed runs).
 *
 * <p><b>Fit.</b> The restricted log-likelihood is profiled over σ²_unlearn and maximised over
 * γ = σ²_train/σ²_unlearn ≥ 0 by bracketing the root of its derivative in log γ outward from
 * the ANOVA estimate and bisecting it to machine precision (formulas in {@link OneWayReml});
 * there is no fixed cap on γ, so ratios σ_unlearn/σ_train from 1e−8 to 1e8 are found as
 * accurately as the data allow. The boundary γ = 0 is taken when the slope there points
 * inward and no interior stationary point has a lower criterion; then σ̂²_unlearn =
 * SST/(N − 1). For balanced data the estimate equals the ANOVA estimate when MSB ≥ MSW
 * (σ̂²_train = (MSB − MSW)/J, σ̂²_unlearn = MSW) and the boundary estimate otherwise (Searle,
 * Casella and McCulloch 1992, §6.6). When every training seed's values are identical
 * (SSW = 0) the likelihood is unbounded as σ²_unlearn → 0; then σ̂²_unlearn = 0 and
 * σ̂²_train is the sample variance of the seed means.
 *
 * <p><b>Intervals.</b> Profile-likelihood intervals {θ : c_p(θ) − c_min ≤ χ²_1(level)}, with
 * c = −2 × restricted log-likelihood and the other component profiled out (the lower bound of
 * σ²_train is 0 when the cut-off is not reached there; at the boundary the χ²_1 cut-off is
 * conservative, as the likelihood-ratio statistic is then a 50:50 mixture of χ²_0 and χ²_1).
 * Note that lme4 1.1-31's {@code confint(method = "profile")} profiles the ML deviance even
 * for REML fits, so its intervals differ from these. When SSW = 0, σ²_train gets the exact
 * χ²(I − 1) interval of the seed means' variance and σ²_unlearn none.
 *
 * @param sigma2Train σ̂²_train ≥ 0
 * @param sigma2Unlearn σ̂²_unlearn ≥ 0
 * @param mean the generalised-least-squares mean μ̂ at the estimate
 * @param atBoundary true when σ̂²_train = 0
 * @param sigma2TrainInterval the profile-likelihood interval of σ²_train, when bounded
 * @param sigma2UnlearnInterval the profile-likelihood interval of σ²_unlearn, when defined
 * @param remlCriterion −2 × the restricted log-likelihood at the estimate, including
 *     (N − 1) log 2π (comparable with lme4's {@code REMLcrit}); empty when unbounded (SSW = 0)
 * @param level the confidence level of the intervals
 * @param notes remarks on boundaries, degenerate data and search limits
 */
public record RemlEstimate(double sigma2Train, double sigma2Unlearn, double mean,
        boolean atBoundary, Optional<Interval> sigma2TrainInterval,
        Optional<Interval> sigma2UnlearnInterval, OptionalDouble remlCriterion, double level,
        List<String> notes) {

    /** Checks non-null parts and copies the notes. */
    public RemlEstimate {
        Objects.requireNonNull(sigma2TrainInterval, "sigma2TrainInterval");
        Objects.requireNonNull(sigma2UnlearnInterval, "sigma2UnlearnInterval");
        Objects.requireNonNull(remlCriterion, "remlCriterion");
        notes = List.copyOf(notes);
        Groups.checkLevel(level);
    }

    /**
     * Fits the REML estimate with 95 % profile-likelihood intervals.
     *
     * @param groups one array per training seed holding its unlearning-seed values
     * @return the estimate
     * @throws IllegalArgumentException as {@link #of(double[][], double)}
     */
    public static RemlEstimate of(double[][] groups) {
        return of(groups, VarianceComponents.DEFAULT_LEVEL);
    }

    /**
     * Fits the REML estimate with profile-likelihood intervals at the given level.
     *
     * @param groups one array per training seed holding its unlearning-seed values
     * @param level confidence level in (0, 1)
     * @return the estimate
     * @throws IllegalArgumentException when there are fewer than two training seeds, no training
     *     seed has two values (components not identifiable), a group is empty, a value is not
     *     finite (the position is named) or the level is outside (0, 1)
     */
    public static RemlEstimate of(double[][] groups, double level) {
        Groups.validate(groups, "groups");
        Groups.checkLevel(level);
        AnovaTable t = AnovaTable.of(groups);
        if (t.groups() < 2) {
            throw new IllegalArgumentException("REML needs at least two training seeds, got "
                    + t.groups());
        }
        if (t.maxSize() < 2) {
            throw new IllegalArgumentException("REML needs a training seed with at least two"
                    + " unlearning runs; every seed has one, so the components are confounded");
        }
        List<String> notes = new ArrayList<>();
        if (t.withinConstant()) {
            return degenerate(t, level, notes);
        }
        double msb = t.ssBetween() / t.dfBetween();
        double msw = t.ssWithin() / t.dfWithin();
        OneWayReml model = new OneWayReml(t);
        OneWayReml.Fit fit = model.fit((msb - msw) / t.n0() / msw, notes);
        if (fit.boundary()) {
            notes.add("sigma2_train at the boundary 0");
        }
        List<Optional<Interval>> ci = model.profileIntervals(fit, level, notes);
        return new RemlEstimate(fit.s(), fit.v(), fit.mean(), fit.boundary(), ci.get(0),
                ci.get(1), OptionalDouble.of(fit.criterion()), level, notes);
    }

    private static RemlEstimate degenerate(AnovaTable t, double level, List<String> notes) {
        double[] m = t.means();
        int df = m.length - 1;
        double ss = Groups.constant(m) ? 0 : df * Variance.of(m).getAsDouble();
        notes.add("no spread within any training seed: sigma2_unlearn = 0, the likelihood is"
                + " unbounded; sigma2_train = variance of the seed means");
        Optional<Interval> train = Optional.empty();
        if (ss > 0) {
            train = Optional.of(new ComponentIntervals(level).chiSquared(ss / df, ss, df,
                    "chi-squared, df = " + df + " (seed means; no within-seed spread)"));
        }
        return new RemlEstimate(ss / df, 0, Groups.mean(m), ss == 0, train, Optional.empty(),
                OptionalDouble.empty(), level, notes);
    }

    /** @return e.g. {@code REML: sigma2_train = 0.0048 [0.0013, 0.030], sigma2_unlearn = ...} */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "REML: sigma2_train = %s, sigma2_unlearn = %s,"
                + " mean = %.6g%s", format(sigma2Train, sigma2TrainInterval),
                format(sigma2Unlearn, sigma2UnlearnInterval), mean,
                atBoundary ? " (sigma2_train at the boundary 0)" : "");
    }

    private static String format(double value, Optional<Interval> interval) {
        return interval.map(Interval::toString)
                .orElse(String.format(Locale.ROOT, "%.4g", value));
    }
}
