package org.seedscope.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.FDistribution;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Variance components of one metric under the nested one-way random-effects model
 * <pre>  y_ij = μ + a_i + e_ij,  a_i ~ (0, σ²_train),  e_ij ~ (0, σ²_unlearn)</pre>
 * with training seed i = 1..I and unlearning seed j = 1..J_i (paper v5 Eq. (4); law of total
 * variance Var Z = Var E[Z|S] + E Var[Z|S]).
 *
 * <p><b>Estimator (ANOVA, method of moments).</b> With N = Σ n_i, group means ȳ_i and the
 * observation-weighted grand mean ȳ: SSB = Σ n_i (ȳ_i − ȳ)², df_B = I − 1; SSW =
 * Σ_i Σ_j (y_ij − ȳ_i)², df_W = N − I; MSB = SSB/df_B, MSW = SSW/df_W. Then
 * σ̂²_unlearn = MSW and σ̂²_train = (MSB − MSW)/n0 with n0 = (N − Σ n_i²/N)/(I − 1), which is
 * J for balanced data (Searle, Casella and McCulloch 1992, <i>Variance Components</i>, §3.5 and
 * §3.6). For unbalanced data this is the standard unbalanced ANOVA estimator: unbiased, but not
 * the REML estimate (see {@link RemlEstimate} for that). A negative σ̂²_train is truncated at 0 and {@link #trainTruncated()} is set.
 *
 * <p><b>Intervals</b> (normal theory, level {@link #level()}):
 * <ul>
 * <li>σ²_unlearn: χ² interval [SSW/χ²_{1−α/2}(df_W), SSW/χ²_{α/2}(df_W)], exact for balanced
 *     and unbalanced data;</li>
 * <li>ICC = σ²_train/(σ²_train + σ²_unlearn): with F = MSB/MSW,
 *     F_L = F/F_{1−α/2}(df_B, df_W), F_U = F/F_{α/2}(df_B, df_W), bounds
 *     (F_L − 1)/(F_L + J − 1) and (F_U − 1)/(F_U + J − 1) truncated to [0, 1]; exact for
 *     balanced data (Searle 1971), approximate with J replaced by n0 for unbalanced data;</li>
 * <li>σ²_train: Satterthwaite's approximation: σ̂²_train·ν/χ² with
 *     ν = (MSB − MSW)² / (MSB²/df_B + MSW²/df_W) degrees of freedom, i.e.
 *     [ν σ̂²/χ²_{1−α/2}(ν), ν σ̂²/χ²_{α/2}(ν)]; only defined when MSB &gt; MSW (otherwise
 *     absent, with a note). Approximate; it tends to undercover when ν is small.</li>
 * </ul>
 *
 * <p><b>Degenerate designs never yield NaN.</b> A quantity that the design cannot identify is an
 * empty {@link OptionalDouble} / {@link Optional} and a sentence in {@link #notes()}:
 * I = 1 leaves σ²_train (and so ICC and the total) not estimable; all J_i = 1 leaves
 * σ²_unlearn and σ²_train not separately estimable (MSB then estimates their sum, reported by
 * {@link #total()}); when every value is equal both components are 0, the design is
 * {@link #deterministic()} and the ICC (0/0) is absent. Non-finite inputs are rejected.
 *
 * @param trainingSeeds I, the number of training seeds (groups)
 * @param runs N, the number of values over all groups
 * @param minPerSeed the smallest group size min J_i
 * @param maxPerSeed the largest group size max J_i
 * @param grandMean ȳ, the mean of all N values
 * @param ssBetween SSB
 * @param ssWithin SSW
 * @param dfBetween df_B = I − 1
 * @param dfWithin df_W = N − I
 * @param n0 the effective group size (N − Σ n_i²/N)/(I − 1); 1 when I = 1
 * @param sigma2Train σ̂²_train after truncation at 0; empty when not estimable
 * @param sigma2Unlearn σ̂²_unlearn = MSW; empty when not estimable
 * @param trainTruncated true when (MSB − MSW)/n0 was negative and was set to 0
 * @param sigma2TrainInterval Satterthwaite interval for σ²_train, when defined
 * @param sigma2UnlearnInterval χ² interval for σ²_unlearn, when defined
 * @param icc σ̂²_train/(σ̂²_train + σ̂²_unlearn), when defined
 * @param iccInterval the F-based interval for the ICC, when defined
 * @param deterministic true when at least one training seed has two or more values and every
 *     training seed's values are exactly equal (σ̂²_unlearn = 0)
 * @param level the confidence level of the intervals
 * @param notes human-readable remarks on everything absent, truncated or approximate
 */
public record VarianceComponents(int trainingSeeds, int runs, int minPerSeed, int maxPerSeed,
        double grandMean, double ssBetween, double ssWithin, int dfBetween, int dfWithin,
        double n0, OptionalDouble sigma2Train, OptionalDouble sigma2Unlearn,
        boolean trainTruncated, Optional<Interval> sigma2TrainInterval,
        Optional<Interval> sigma2UnlearnInterval, OptionalDouble icc,
        Optional<Interval> iccInterval, boolean deterministic, double level, List<String> notes) {

    /** Default confidence level of {@link #of(double[][])}: 0.95. */
    public static final double DEFAULT_LEVEL = 0.95;

    /** Checks non-null parts and copies the notes. */
    public VarianceComponents {
        Objects.requireNonNull(sigma2Train, "sigma2Train");
        Objects.requireNonNull(sigma2Unlearn, "sigma2Unlearn");
        Objects.requireNonNull(sigma2TrainInterval, "sigma2TrainInterval");
        Objects.requireNonNull(sigma2UnlearnInterval, "sigma2UnlearnInterval");
        Objects.requireNonNull(icc, "icc");
        Objects.requireNonNull(iccInterval, "iccInterval");
        notes = List.copyOf(notes);
        Groups.checkLevel(level);
    }

    /**
     * Estimates the components with 95 % intervals; see {@link #of(double[][], double)}.
     *
     * @param groups one array per training seed holding its unlearning-seed values
     * @return the components
     */
    public static VarianceComponents of(double[][] groups) {
        return of(groups, DEFAULT_LEVEL);
    }

    /**
     * Estimates the components by ANOVA with intervals at the given level (class Javadoc).
     *
     * @param groups one array per training seed holding its unlearning-seed values; groups may
     *     differ in size (unbalanced design)
     * @param level confidence level in (0, 1)
     * @return the components; never NaN (non-estimable parts are empty)
     * @throws IllegalArgumentException when there are no groups, a group is empty, a value is
     *     NaN or infinite (the message names the position), or the level is outside (0, 1)
     */
    public static VarianceComponents of(double[][] groups, double level) {
        Groups.validate(groups, "groups");
        Groups.checkLevel(level);
        int k = groups.length;
        long n = 0;
        double sumSquaredSizes = 0;
        int minJ = Integer.MAX_VALUE;
        int maxJ = 0;
        boolean allConstant = true;
        double first = groups[0][0];
        double shiftedSum = 0;
        for (double[] g : groups) {
            n += g.length;
            sumSquaredSizes += (double) g.length * g.length;
            minJ = Math.min(minJ, g.length);
            maxJ = Math.max(maxJ, g.length);
            for (double v : g) {
                allConstant &= v == g[0];
                shiftedSum += v - first;
            }
        }
        double grand = first + shiftedSum / n;
        double ssb = 0;
        double ssw = 0;
        for (double[] g : groups) {
            double m = Groups.mean(g);
            ssb += g.length * (m - grand) * (m - grand);
            for (double v : g) {
                ssw += (v - m) * (v - m);
            }
        }
        if (allConstant) {
            ssw = 0;
        }
        int dfB = k - 1;
        int dfW = (int) (n - k);
        double n0 = dfB == 0 ? 1 : (n - sumSquaredSizes / n) / dfB;
        boolean balanced = minJ == maxJ;
        return new Estimator(level, ssb, ssw, dfB, dfW, n0, balanced)
                .finish(k, (int) n, minJ, maxJ, grand, allConstant && maxJ >= 2);
    }

    /** @return true when every training seed has the same number of values */
    public boolean balanced() {
        return minPerSeed == maxPerSeed;
    }

    /** @return MSB = SSB/df_B, empty when I = 1 */
    public OptionalDouble msBetween() {
        return dfBetween > 0 ? OptionalDouble.of(ssBetween / dfBetween) : OptionalDouble.empty();
    }

    /** @return MSW = SSW/df_W, empty when every training seed has a single value */
    public OptionalDouble msWithin() {
        return dfWithin > 0 ? OptionalDouble.of(ssWithin / dfWithin) : OptionalDouble.empty();
    }

    /**
     * Total variance of one run, Var Z = σ²_train + σ²_unlearn (law of total variance). When
     * every training seed has one value the components are confounded but MSB still estimates
     * their sum (n0 = 1), and that is returned.
     *
     * @return the estimated total, empty when I = 1
     */
    public OptionalDouble total() {
        if (sigma2Train.isPresent() && sigma2Unlearn.isPresent()) {
            return OptionalDouble.of(sigma2Train.getAsDouble() + sigma2Unlearn.getAsDouble());
        }
        return dfWithin == 0 ? msBetween() : OptionalDouble.empty();
    }

    /**
     * Share of the total variance due to the training seed, Var E[Z|S] / Var Z; identical to
     * {@link #icc()} and provided under the name used by the law of total variance.
     *
     * @return the share in [0, 1], empty when not estimable or when the total is 0
     */
    public OptionalDouble shareTrain() {
        return icc;
    }

    /**
     * Share of the total variance due to the unlearning seed, E Var[Z|S] / Var Z = 1 − ICC.
     *
     * @return the share in [0, 1], empty when not estimable or when the total is 0
     */
    public OptionalDouble shareUnlearn() {
        return icc.isPresent() ? OptionalDouble.of(1 - icc.getAsDouble()) : OptionalDouble.empty();
    }

    /**
     * The components as a small table with columns {@code component} (sigma2_train,
     * sigma2_unlearn, total, icc), {@code estimate}, {@code lower}, {@code upper},
     * {@code method}; a value the design cannot estimate is a missing cell.
     *
     * @return a new table named "variance components"
     */
    public Table table() {
        StringColumn component = StringColumn.create("component");
        DoubleColumn estimate = DoubleColumn.create("estimate");
        DoubleColumn lower = DoubleColumn.create("lower");
        DoubleColumn upper = DoubleColumn.create("upper");
        StringColumn method = StringColumn.create("method");
        addRow(component, estimate, lower, upper, method, "sigma2_train", sigma2Train,
                sigma2TrainInterval);
        addRow(component, estimate, lower, upper, method, "sigma2_unlearn", sigma2Unlearn,
                sigma2UnlearnInterval);
        addRow(component, estimate, lower, upper, method, "total", total(), Optional.empty());
        addRow(component, estimate, lower, upper, method, "icc", icc, iccInterval);
        return Table.create("variance components", component, estimate, lower, upper, method);
    }

    private static void addRow(StringColumn component, DoubleColumn estimate, DoubleColumn lower,
            DoubleColumn upper, StringColumn method, String name, OptionalDouble value,
            Optional<Interval> interval) {
        component.append(name);
        TableColumns.append(estimate, value);
        TableColumns.append(lower, interval.map(Interval::lower));
        TableColumns.append(upper, interval.map(Interval::upper));
        method.append(interval.map(Interval::method).orElse(""));
    }

    /** @return a multi-line summary: design, components with intervals, flags and notes */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "VarianceComponents: I = %d training seeds, N = %d runs, J = %s, mean = %.6g%n",
                trainingSeeds, runs, balanced() ? Integer.toString(minPerSeed)
                        : minPerSeed + ".." + maxPerSeed + " (unbalanced, n0 = "
                        + String.format(Locale.ROOT, "%.4g", n0) + ")", grandMean));
        line(sb, "sigma2_train", sigma2Train, sigma2TrainInterval);
        line(sb, "sigma2_unlearn", sigma2Unlearn, sigma2UnlearnInterval);
        line(sb, "total", total(), Optional.empty());
        line(sb, "icc", icc, iccInterval);
        sb.append("  deterministic = ").append(deterministic)
                .append(", train truncated = ").append(trainTruncated);
        for (String note : notes) {
            sb.append(System.lineSeparator()).append("  note: ").append(note);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String name, OptionalDouble value,
            Optional<Interval> interval) {
        sb.append(String.format(Locale.ROOT, "  %-15s", name));
        if (value.isEmpty()) {
            sb.append("not estimable");
        } else if (interval.isPresent()) {
            sb.append(interval.get());
        } else {
            sb.append(String.format(Locale.ROOT, "%.4g", value.getAsDouble()));
        }
        sb.append(System.lineSeparator());
    }

    /** Turns the ANOVA sums of squares into components, intervals and notes. */
    private static final class Estimator {
        private final double level;
        private final double alpha;
        private final double ssb;
        private final double ssw;
        private final int dfB;
        private final int dfW;
        private final double n0;
        private final boolean balanced;
        private final List<String> notes = new ArrayList<>();

        Estimator(double level, double ssb, double ssw, int dfB, int dfW, double n0,
                boolean balanced) {
            this.level = level;
            this.alpha = 1 - level;
            this.ssb = ssb;
            this.ssw = ssw;
            this.dfB = dfB;
            this.dfW = dfW;
            this.n0 = n0;
            this.balanced = balanced;
        }

        VarianceComponents finish(int k, int n, int minJ, int maxJ, double grand,
                boolean deterministic) {
            OptionalDouble s2u = OptionalDouble.empty();
            Optional<Interval> s2uInterval = Optional.empty();
            if (dfW > 0) {
                double msw = ssw / dfW;
                s2u = OptionalDouble.of(msw);
                ChiSquaredDistribution chi = ChiSquaredDistribution.of(dfW);
                s2uInterval = Optional.of(new Interval(msw,
                        ssw / chi.inverseCumulativeProbability(1 - alpha / 2),
                        ssw / chi.inverseCumulativeProbability(alpha / 2), level,
                        "chi-squared, df = " + dfW));
            } else {
                notes.add("sigma2_unlearn not estimable: every training seed has a single"
                        + " unlearning run (df_within = 0)");
            }
            OptionalDouble s2t = OptionalDouble.empty();
            Optional<Interval> s2tInterval = Optional.empty();
            boolean truncated = false;
            if (dfB == 0) {
                notes.add("sigma2_train not estimable: only one training seed (I = 1)");
            } else if (dfW == 0) {
                notes.add("sigma2_train not separately estimable without replicate unlearning"
                        + " runs; MSB estimates sigma2_train + sigma2_unlearn (see total)");
            } else {
                double msb = ssb / dfB;
                double msw = ssw / dfW;
                double raw = (msb - msw) / n0;
                truncated = raw < 0;
                s2t = OptionalDouble.of(Math.max(0, raw));
                if (truncated) {
                    notes.add(String.format(Locale.ROOT, "sigma2_train estimate %.4g < 0"
                            + " (MSB < MSW) truncated to 0", raw));
                }
                s2tInterval = satterthwaite(msb, msw, raw);
                if (!balanced) {
                    notes.add(String.format(Locale.ROOT, "unbalanced design: unbalanced ANOVA"
                            + " estimator with n0 = %.4g; ICC interval approximate", n0));
                }
            }
            OptionalDouble icc = OptionalDouble.empty();
            Optional<Interval> iccInterval = Optional.empty();
            if (s2t.isPresent()) {
                double tot = s2t.getAsDouble() + s2u.getAsDouble();
                if (tot > 0) {
                    double r = s2t.getAsDouble() / tot;
                    icc = OptionalDouble.of(r);
                    iccInterval = Optional.of(iccInterval(r, maxJ));
                } else {
                    notes.add("icc not defined: all values are equal (total variance 0)");
                }
            }
            if (deterministic) {
                notes.add("deterministic: every training seed gives identical values across"
                        + " its unlearning seeds");
            }
            return new VarianceComponents(k, n, minJ, maxJ, grand, ssb, ssw, dfB, dfW, n0, s2t,
                    s2u, truncated, s2tInterval, s2uInterval, icc, iccInterval, deterministic,
                    level, notes);
        }

        private Optional<Interval> satterthwaite(double msb, double msw, double raw) {
            if (!(raw > 0)) {
                notes.add("sigma2_train interval (Satterthwaite) undefined when MSB <= MSW");
                return Optional.empty();
            }
            double nu = (msb - msw) * (msb - msw) / (msb * msb / dfB + msw * msw / dfW);
            ChiSquaredDistribution chi = ChiSquaredDistribution.of(nu);
            double lo = nu * raw / chi.inverseCumulativeProbability(1 - alpha / 2);
            double hi = nu * raw / chi.inverseCumulativeProbability(alpha / 2);
            if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
                notes.add(String.format(Locale.ROOT, "sigma2_train interval (Satterthwaite)"
                        + " unbounded: approximate df %.3g too small", nu));
                return Optional.empty();
            }
            return Optional.of(new Interval(raw, lo, hi, level,
                    String.format(Locale.ROOT, "Satterthwaite, df = %.3g", nu)));
        }

        private Interval iccInterval(double r, int maxJ) {
            if (ssw == 0) {
                return new Interval(r, 1, 1, level, "degenerate: no within-seed spread");
            }
            double f = (ssb / dfB) / (ssw / dfW);
            FDistribution dist = FDistribution.of(dfB, dfW);
            double fl = f / dist.inverseCumulativeProbability(1 - alpha / 2);
            double fu = f / dist.inverseCumulativeProbability(alpha / 2);
            double j = balanced ? maxJ : n0;
            double lo = clamp01((fl - 1) / (fl + j - 1));
            double hi = clamp01((fu - 1) / (fu + j - 1));
            return new Interval(r, lo, hi, level, balanced ? "exact F"
                    : String.format(Locale.ROOT, "approximate F, n0 = %.4g", n0));
        }

        private static double clamp01(double x) {
            return Math.max(0, Math.min(1, x));
        }
    }
}
