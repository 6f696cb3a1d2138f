package org.seedscope.stats;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
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
 * the REML estimate (see {@link RemlEstimate} for that). A negative σ̂²_train is truncated at 0
 * and {@link #trainTruncated()} is set. The total variance of one run, σ²_train + σ²_unlearn,
 * is estimated by MSB/n0 + (1 − 1/n0)·MSW (not truncated; MSB when every seed has one run).
 *
 * <p><b>Intervals</b> (normal theory, level {@link #level()}):
 * <ul>
 * <li>σ²_unlearn: χ² interval [SSW/χ²_{1−α/2}(df_W), SSW/χ²_{α/2}(df_W)], exact for balanced
 *     and unbalanced data;</li>
 * <li>σ²_train: the modified large-sample (MLS) interval of Ting et al. (1990), near-nominal
 *     even for 3 training seeds (Satterthwaite's interval covered 0.3–0.9 there). When
 *     MSB ≤ MSW its lower bound is 0: the interval is one-sided (an upper bound), never
 *     missing; see {@link ComponentIntervals} for the formulas and the fallback;</li>
 * <li>total: exact χ²(I − 1) interval of MSB for I × 1 designs (Algorithm 2); Satterthwaite's
 *     interval for the positive combination otherwise;</li>
 * <li>ICC = σ²_train/(σ²_train + σ²_unlearn): with F = MSB/MSW,
 *     F_L = F/F_{1−α/2}(df_B, df_W), F_U = F/F_{α/2}(df_B, df_W), bounds
 *     (F_L − 1)/(F_L + J − 1) and (F_U − 1)/(F_U + J − 1) truncated to [0, 1]; exact for
 *     balanced data (Searle 1971), approximate with J replaced by n0 for unbalanced data.
 *     When F is so small that the upper bound would be 0, a conservative upper bound from the
 *     σ²_train and σ²_unlearn limits replaces it, so the interval never has zero width;</li>
 * <li>the mean: Student's t on the per-training-seed means ({@link MeanInterval}).</li>
 * </ul>
 *
 * <p><b>Degenerate designs never yield NaN.</b> A quantity that the design cannot identify is an
 * empty {@link OptionalDouble} / {@link Optional} and a sentence in {@link #notes()}:
 * I = 1 leaves σ²_train, the total, the ICC and the mean's interval not estimable; all J_i = 1
 * leaves σ²_unlearn and σ²_train not separately estimable (the total still is); when every
 * value is equal both components are 0 and the ICC (0/0) is absent. An interval that would
 * have zero width because the data have no spread (SSB = 0 for σ²_train, SSW = 0 for the ICC) is
 * absent with a note. Non-finite inputs are rejected.
 *
 * <p>Whether a method is deterministic is a declared property of the method, not something
 * this class infers; {@link #withinSeedConstant()} only reports what the data show.
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
 * @param sigma2TrainInterval MLS interval for σ²_train (one-sided when MSB ≤ MSW)
 * @param sigma2UnlearnInterval χ² interval for σ²_unlearn, when defined
 * @param total the estimated variance of one run, σ²_train + σ²_unlearn; empty when I = 1
 * @param totalInterval the interval of the total, when defined
 * @param icc σ̂²_train/(σ̂²_train + σ̂²_unlearn), when defined
 * @param iccInterval the interval for the ICC, when defined
 * @param meanInterval the t interval on the per-training-seed means; its estimate is the mean
 *     of the seed means (equal to grandMean for balanced designs); empty when I = 1
 * @param withinSeedConstant true when every training seed's runs are identical (observed
 *     σ̂²_unlearn = 0), false when some seed's runs differ; empty when no seed has two runs
 * @param level the confidence level of the intervals
 * @param notes human-readable remarks on everything absent, truncated or approximate
 */
public record VarianceComponents(int trainingSeeds, int runs, int minPerSeed, int maxPerSeed,
        double grandMean, double ssBetween, double ssWithin, int dfBetween, int dfWithin,
        double n0, OptionalDouble sigma2Train, OptionalDouble sigma2Unlearn,
        boolean trainTruncated, Optional<Interval> sigma2TrainInterval,
        Optional<Interval> sigma2UnlearnInterval, OptionalDouble total,
        Optional<Interval> totalInterval, OptionalDouble icc, Optional<Interval> iccInterval,
        Optional<Interval> meanInterval, Optional<Boolean> withinSeedConstant, double level,
        List<String> notes) {

    /** Default confidence level of {@link #of(double[][])}: 0.95. */
    public static final double DEFAULT_LEVEL = 0.95;

    /** Checks non-null parts and copies the notes. */
    public VarianceComponents {
        Objects.requireNonNull(sigma2Train, "sigma2Train");
        Objects.requireNonNull(sigma2Unlearn, "sigma2Unlearn");
        Objects.requireNonNull(sigma2TrainInterval, "sigma2TrainInterval");
        Objects.requireNonNull(sigma2UnlearnInterval, "sigma2UnlearnInterval");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(totalInterval, "totalInterval");
        Objects.requireNonNull(icc, "icc");
        Objects.requireNonNull(iccInterval, "iccInterval");
        Objects.requireNonNull(meanInterval, "meanInterval");
        Objects.requireNonNull(withinSeedConstant, "withinSeedConstant");
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
        return AnovaEstimator.estimate(groups, level);
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
     * Whether every training seed's runs were identical on this metric.
     *
     * @return {@code withinSeedConstant().orElse(false)}
     * @deprecated this is what the data show, not whether the method is deterministic (a
     *     declared property of the method: {@link SeedVariance.Entry#declaredDeterministic()});
     *     use {@link #withinSeedConstant()}, which is empty rather than false when no training
     *     seed has two runs
     */
    @Deprecated(forRemoval = true)
    public boolean deterministic() {
        return withinSeedConstant.orElse(false);
    }

    /**
     * The components as a small table with columns {@code component} (sigma2_train,
     * sigma2_unlearn, total, icc, mean), {@code estimate}, {@code lower}, {@code upper},
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
        addRow(component, estimate, lower, upper, method, "total", total, totalInterval);
        addRow(component, estimate, lower, upper, method, "icc", icc, iccInterval);
        addRow(component, estimate, lower, upper, method, "mean", OptionalDouble.of(
                meanInterval.map(Interval::estimate).orElse(grandMean)), meanInterval);
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
        line(sb, "total", total, totalInterval);
        line(sb, "icc", icc, iccInterval);
        line(sb, "mean", OptionalDouble.of(meanInterval.map(Interval::estimate)
                .orElse(grandMean)), meanInterval);
        sb.append("  within-seed constant = ").append(withinSeedConstant.map(String::valueOf)
                .orElse("n/a")).append(", train truncated = ").append(trainTruncated);
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
}
