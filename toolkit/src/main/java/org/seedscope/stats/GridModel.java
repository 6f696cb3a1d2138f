package org.seedscope.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.apache.commons.statistics.distribution.TDistribution;
import tech.tablesaw.api.Table;

/**
 * The mixed model of a full seed grid with several methods:
 * <pre>  y_mij = β_m + u_i + v_im + e_mij,   u_i ~ N(0, σ²_seed), v_im ~ N(0, σ²_seed×method),
 *                                          e_mij ~ N(0, σ²_residual)</pre>
 * for method m (fixed), training seed i and unlearning seed j (random), fitted by REML. In R:
 * {@code lme4::lmer(y ~ method + (1|seed) + (1|seed:method), REML = TRUE)}; the fit agrees with
 * lme4 1.1-31 to 1e-6 on the designs of {@code GridModelTest} (formulas in {@link GridReml}).
 *
 * <p><b>Method differences.</b> Methods run on the same trained models share u_i, which
 * cancels in β_a − β_b: Var(β̂) = σ̂²_residual (XᵀH⁻¹X)⁻¹ accounts for it, so the intervals
 * for differences are narrower than unpaired ones when σ²_seed is large. The interval is
 * d̂ ± t_{1−α/2}(ν) SE with the containment degrees of freedom ν = (non-empty cells) − I − M + 1,
 * the seed×method stratum's df ((I − 1)(M − 1) for complete grids, where the test is exact when
 * σ̂²_seed×method &gt; 0). Under the pooled model every method has σ²_train = σ²_seed +
 * σ²_seed×method and σ²_unlearn = σ²_residual.
 *
 * <p><b>Per-method components (decision).</b> Methods differ in their seed sensitivity (SSD
 * has σ²_unlearn = 0), which the pooled model cannot express. Each method's own σ²_train and
 * σ²_unlearn therefore come from the one-way REML fit of its own cells
 * ({@link RemlEstimate}, with profile intervals) — the marginal model of that method, exactly
 * what per-method variance parameters in a joint model would estimate — while the pooled fit
 * above, comparable with lme4, gives the fixed effects and their differences. When the
 * per-method variances differ strongly, the pooled standard errors are approximate; the paired
 * comparison of per-seed means ({@link PairedComparison}) does not assume equal variances.
 *
 * @param methods the methods, in the order of {@code effects}
 * @param trainingSeeds I, training seeds with at least one run
 * @param runs N, all runs
 * @param cells non-empty (seed, method) cells
 * @param sigma2Seed σ̂²_seed, the training-seed variance shared by all methods
 * @param sigma2SeedMethod σ̂²_seed×method, the method-specific part of the training-seed effect
 * @param sigma2Residual σ̂²_residual, the unlearning-seed variance (pooled)
 * @param remlCriterion −2 × restricted log-likelihood at the estimate (lme4's REMLcrit)
 * @param effects each method's estimated mean, its standard error and its own components
 * @param differences every pair of methods (a before b in {@code methods} order)
 * @param differenceDf the degrees of freedom ν of the difference intervals
 * @param level the confidence level
 * @param notes remarks on boundaries, degrees of freedom and per-method fits
 */
public record GridModel(List<String> methods, int trainingSeeds, int runs, int cells,
        double sigma2Seed, double sigma2SeedMethod, double sigma2Residual, double remlCriterion,
        List<MethodEffect> effects, List<Difference> differences, int differenceDf,
        double level, List<String> notes) {

    /** The protocol id of full grids in result tables. */
    public static final String GRID = "grid";

    /**
     * One method's fixed effect.
     *
     * @param method the method
     * @param mean β̂_m, the method's mean (GLS)
     * @param se its standard error (includes the training-seed variance)
     * @param own the method's own one-way REML components; empty when its cells do not allow
     *     one (fewer than two training seeds, or no seed with two runs)
     */
    public record MethodEffect(String method, double mean, double se,
            Optional<RemlEstimate> own) {

        /** Rejects null parts. */
        public MethodEffect {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(own, "own");
        }
    }

    /**
     * The difference of two methods' means.
     *
     * @param methodA the first method
     * @param methodB the second method
     * @param interval β̂_a − β̂_b with its t interval
     * @param se the standard error of the difference
     * @param pValue two-sided p-value of the t test of no difference
     * @param paired the t interval on the per-training-seed differences of the two methods'
     *     seed means, over the seeds where both ran (df = seeds − 1): it does not assume the
     *     pooled model's equal variances; empty with fewer than two shared seeds
     */
    public record Difference(String methodA, String methodB, Interval interval, double se,
            double pValue, Optional<Interval> paired) {

        /** Rejects null parts. */
        public Difference {
            Objects.requireNonNull(methodA, "methodA");
            Objects.requireNonNull(methodB, "methodB");
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(paired, "paired");
        }

        /** @return β̂_a − β̂_b */
        public double estimate() {
            return interval.estimate();
        }
    }

    /** Copies the lists and checks non-null parts. */
    public GridModel {
        methods = List.copyOf(methods);
        effects = List.copyOf(effects);
        differences = List.copyOf(differences);
        notes = List.copyOf(notes);
        Groups.checkLevel(level);
    }

    /**
     * Fits the grid model to arrays.
     *
     * @param methods the method names, at least two, distinct
     * @param values values[m][i] = the runs of method m on training seed i (an empty array for a
     *     cell that was not run); every method has the same number of training seeds
     * @param level confidence level of the difference intervals, in (0, 1)
     * @return the fit
     * @throws IllegalArgumentException for fewer than two methods or training seeds, ragged
     *     shapes, a method without runs, a non-finite value (named), no cell with two runs
     *     (σ²_seed×method and σ²_residual confounded), no spread within any cell (σ²_residual
     *     = 0) or a bad level
     */
    public static GridModel fit(List<String> methods, double[][][] values, double level) {
        GridDesign.validate(methods, values);
        Groups.checkLevel(level);
        List<String> notes = new ArrayList<>();
        GridReml.Fit f = new GridReml(values).fit(notes);
        int seeds = GridDesign.seedsWithRuns(values);
        int cells = GridDesign.cells(values);
        int runs = GridDesign.runs(values);
        int df = cells - seeds - methods.size() + 1;
        if (df < 1) {
            df = runs - cells;
            notes.add("containment df < 1 (seeds with one method only): difference intervals"
                    + " use the residual df " + df);
        }
        if (f.sigma2SeedMethod() == 0) {
            notes.add("sigma2_seed:method at the boundary 0");
        }
        if (f.sigma2Seed() == 0) {
            notes.add("sigma2_seed at the boundary 0");
        }
        List<MethodEffect> effects = new ArrayList<>();
        for (int m = 0; m < methods.size(); m++) {
            Optional<RemlEstimate> own = GridDesign.ownComponents(values[m], level);
            if (own.isEmpty()) {
                notes.add(methods.get(m) + ": own components need two training seeds and a"
                        + " seed with two runs");
            }
            effects.add(new MethodEffect(methods.get(m), f.beta()[m],
                    Math.sqrt(f.covariance()[m][m]), own));
        }
        TDistribution t = TDistribution.of(df);
        double q = t.inverseCumulativeProbability(1 - (1 - level) / 2);
        List<Difference> diffs = new ArrayList<>();
        for (int a = 0; a < methods.size(); a++) {
            for (int b = a + 1; b < methods.size(); b++) {
                double[][] v = f.covariance();
                double se = Math.sqrt(v[a][a] + v[b][b] - 2 * v[a][b]);
                double d = f.beta()[a] - f.beta()[b];
                double p = 2 * t.survivalProbability(Math.abs(d) / se);
                diffs.add(new Difference(methods.get(a), methods.get(b), new Interval(d,
                        d - q * se, d + q * se, level, "t, containment df = " + df), se, p,
                        MeanInterval.tOnSeedMeans(GridDesign.seedDifferences(values[a],
                                values[b]), level)));
            }
        }
        return new GridModel(methods, seeds, runs, cells, f.sigma2Seed(), f.sigma2SeedMethod(),
                f.sigma2Residual(), f.criterion(), effects, diffs, df, level, notes);
    }

    /**
     * Fits the grid model to the "ok" rows of one scenario's grid in a result table (protocol
     * {@value #GRID}), at 95 %.
     *
     * @param rows the study's result table (columns as in {@link SeedVariance})
     * @param metric the numeric metric column
     * @param scenario the scenario
     * @return the fit over every method with "ok" grid rows, in order of first appearance
     * @throws IllegalArgumentException when the scenario has fewer than two such methods, or as
     *     {@link #fit} and {@link SeedVariance#of(Table, String)}
     */
    public static GridModel of(Table rows, String metric, String scenario) {
        return of(rows, metric, scenario, GRID, VarianceComponents.DEFAULT_LEVEL);
    }

    /**
     * Fits the grid model to the "ok" rows of one (scenario, protocol) of a result table.
     *
     * @param rows the study's result table
     * @param metric the numeric metric column
     * @param scenario the scenario
     * @param protocol the protocol, usually {@value #GRID}
     * @param level confidence level in (0, 1)
     * @return the fit; rows with a non-finite metric are left out (noted)
     * @throws IllegalArgumentException as {@link #of(Table, String, String)}
     */
    public static GridModel of(Table rows, String metric, String scenario, String protocol,
            double level) {
        GridDesign d = GridDesign.of(rows, metric, scenario, protocol);
        GridModel g = fit(d.methods(), d.values(), level);
        if (d.notes().isEmpty()) {
            return g;
        }
        List<String> notes = new ArrayList<>(d.notes());
        notes.addAll(g.notes());
        return new GridModel(g.methods, g.trainingSeeds, g.runs, g.cells, g.sigma2Seed,
                g.sigma2SeedMethod, g.sigma2Residual, g.remlCriterion, g.effects, g.differences,
                g.differenceDf, g.level, notes);
    }

    /** @return σ̂²_train of every method under the pooled model: σ̂²_seed + σ̂²_seed×method */
    public double sigma2Train() {
        return sigma2Seed + sigma2SeedMethod;
    }

    /**
     * @param methodA one method
     * @param methodB another method
     * @return their difference, in either order (the sign follows the arguments)
     * @throws IllegalArgumentException when a method is not in the model
     */
    public Difference difference(String methodA, String methodB) {
        for (Difference d : differences) {
            if (d.methodA().equals(methodA) && d.methodB().equals(methodB)) {
                return d;
            }
            if (d.methodA().equals(methodB) && d.methodB().equals(methodA)) {
                return new Difference(methodA, methodB, negate(d.interval()), d.se(),
                        d.pValue(), d.paired().map(GridModel::negate));
            }
        }
        throw new IllegalArgumentException("no difference of '" + methodA + "' and '" + methodB
                + "'; methods are " + methods);
    }

    private static Interval negate(Interval i) {
        return new Interval(-i.estimate(), -i.upper(), -i.lower(), i.level(), i.method());
    }

    /**
     * @return one row per method: method, mean, se, sigma2_train, sigma2_train_lo,
     *     sigma2_train_hi, sigma2_unlearn, sigma2_unlearn_lo, sigma2_unlearn_hi (the method's
     *     own REML components with profile intervals; missing when not estimable)
     */
    public Table effectsTable() {
        return GridTables.effects(this);
    }

    /**
     * @return one row per pair: method_a, method_b, difference, se, df, lo, hi, p_value (the
     *     model-based interval), paired_lo, paired_hi (the paired t interval on seed means)
     */
    public Table differencesTable() {
        return GridTables.differences(this);
    }

    /** @return the pooled components, the effects and the differences */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "GridModel: %d methods,"
                + " I = %d training seeds, N = %d runs; sigma2_seed = %.4g, sigma2_seed:method ="
                + " %.4g, sigma2_residual = %.4g (REML)%n", methods.size(), trainingSeeds, runs,
                sigma2Seed, sigma2SeedMethod, sigma2Residual));
        sb.append(effectsTable()).append(System.lineSeparator()).append(differencesTable());
        for (String n : notes) {
            sb.append(System.lineSeparator()).append("  note: ").append(n);
        }
        return sb.toString();
    }
}
