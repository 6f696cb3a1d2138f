package org.seedscope.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.seedscope.stats.Constancy;
import org.seedscope.stats.Interval;
import org.seedscope.stats.SeedVariance;
import org.seedscope.stats.VarianceComponents;
import org.seedscope.viz.ResultRows;

/**
 * The best available split of one method's variance on one metric into its training-seed and
 * unlearning-seed parts, as the report and the terminal summary show it.
 *
 * <p>Sources, in order of preference:
 * <ol>
 * <li><b>full grid</b> (I ≥ 2 training seeds, some with J ≥ 2 runs): σ²_train and σ²_unlearn
 *     directly, with their intervals (MLS and χ², {@link VarianceComponents});</li>
 * <li><b>Algorithm 1 + Algorithm 2</b>: σ²_unlearn (with its χ² interval) from Algorithm 1's one
 *     training seed, the total σ²_train + σ²_unlearn from Algorithm 2's one run per training
 *     seed, and σ²_train = max(0, total − σ²_unlearn) — a method-of-moments estimate without an
 *     interval that assumes Algorithm 1's training seed is typical (said in {@link #notes()});</li>
 * <li>one protocol only: what it identifies (σ²_unlearn, or the total);</li>
 * <li>a grid that cannot separate the two (one run per training seed, or one training seed): what
 *     it identifies, as for one protocol.</li>
 * </ol>
 *
 * <p>Whether repeating a method adds nothing is decided from the method's <em>declared</em>
 * property together with what the data show ({@link #repeatsAddNothing()}), never from a metric
 * that is constant because it sits at its floor or ceiling ({@link #constancy()}).
 *
 * @param source "full grid", "Algorithm 1 + Algorithm 2", "Algorithm 1 only", "Algorithm 2 only",
 *     {@link #ONE_RUN_GRID}, {@link #ONE_SEED_GRID} or "none"
 * @param design the design in words, e.g. "grid 11 × 3" or "1 × 11 and 11 × 1"
 * @param mean the mean with its t interval on training-seed means, when estimable
 * @param grandMean the mean of the runs analysed; NaN when there are none
 * @param sigma2Train σ²_train, when estimable
 * @param sigma2TrainInterval its interval, when defined
 * @param sigma2Unlearn σ²_unlearn, when estimable
 * @param sigma2UnlearnInterval its interval, when defined
 * @param total σ²_train + σ²_unlearn, when estimable
 * @param declaredDeterministic the method's declared property, when the rows record it
 * @param withinSeedConstant true when every training seed's runs were identical on this metric,
 *     empty when no training seed has two runs
 * @param constancy whether the values vary or sit at the metric's floor / ceiling, when known
 * @param notes remarks from the statistics and on the estimate's source
 */
public record SeedEstimate(String source, String design, Optional<Interval> mean, double grandMean,
        OptionalDouble sigma2Train, Optional<Interval> sigma2TrainInterval, OptionalDouble sigma2Unlearn,
        Optional<Interval> sigma2UnlearnInterval, OptionalDouble total, Optional<Boolean> declaredDeterministic,
        Optional<Boolean> withinSeedConstant, Optional<Constancy> constancy, List<String> notes) {

    /** Source label of estimates from a full grid. */
    public static final String FULL_GRID = "full grid";
    /** Source label of a grid with one run per training seed: only the total, σ²_train + σ²_unlearn. */
    public static final String ONE_RUN_GRID = "grid with one run per training seed";
    /** Source label of a grid on one training seed: only σ²_unlearn. */
    public static final String ONE_SEED_GRID = "grid on one training seed";

    /** Checks non-null parts and copies the notes. */
    public SeedEstimate {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(design, "design");
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(sigma2Train, "sigma2Train");
        Objects.requireNonNull(sigma2TrainInterval, "sigma2TrainInterval");
        Objects.requireNonNull(sigma2Unlearn, "sigma2Unlearn");
        Objects.requireNonNull(sigma2UnlearnInterval, "sigma2UnlearnInterval");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(declaredDeterministic, "declaredDeterministic");
        Objects.requireNonNull(withinSeedConstant, "withinSeedConstant");
        Objects.requireNonNull(constancy, "constancy");
        notes = List.copyOf(notes);
    }

    /**
     * The estimate of one (scenario, method) from the slices of a {@link SeedVariance} (computed
     * on the rows as run, not on derived Algorithm samples).
     *
     * @param sv the variance components of one metric
     * @param scenario the scenario
     * @param method the method
     * @return the estimate from the best source available; source "none" when no slice has rows
     */
    public static SeedEstimate of(SeedVariance sv, String scenario, String method) {
        Optional<SeedVariance.Entry> grid = sv.entry(scenario, method, ResultRows.GRID);
        Optional<VarianceComponents> g = grid.flatMap(SeedVariance.Entry::components);
        if (g.isPresent() && g.get().sigma2Train().isPresent() && g.get().sigma2Unlearn().isPresent()) {
            return ofGrid(FULL_GRID, grid.get(), g.get());
        }
        Optional<SeedVariance.Entry> one = sv.entry(scenario, method, ResultRows.ONE_SEED);
        Optional<SeedVariance.Entry> many = sv.entry(scenario, method, ResultRows.MANY_SEEDS);
        Optional<VarianceComponents> a1 = one.flatMap(SeedVariance.Entry::components);
        Optional<VarianceComponents> a2 = many.flatMap(SeedVariance.Entry::components);
        List<String> notes = new ArrayList<>();
        one.ifPresent(e -> notes.addAll(e.notes()));
        many.ifPresent(e -> notes.addAll(e.notes()));
        Optional<Boolean> declared = one.flatMap(SeedVariance.Entry::declaredDeterministic)
                .or(() -> many.flatMap(SeedVariance.Entry::declaredDeterministic));
        OptionalDouble s2u = a1.map(VarianceComponents::sigma2Unlearn).orElse(OptionalDouble.empty());
        OptionalDouble total = a2.map(VarianceComponents::total).orElse(OptionalDouble.empty());
        Optional<Boolean> within = a1.flatMap(VarianceComponents::withinSeedConstant);
        Optional<Constancy> constancy = combined(one.flatMap(SeedVariance.Entry::constancy),
                many.flatMap(SeedVariance.Entry::constancy));
        Optional<Interval> s2uInterval = a1.flatMap(VarianceComponents::sigma2UnlearnInterval);
        Optional<Interval> mean = a2.flatMap(VarianceComponents::meanInterval);
        double grand = a2.or(() -> a1).map(VarianceComponents::grandMean).orElse(Double.NaN);
        String design = a1.map(v -> "1 × " + v.runs()).orElse("") + (a1.isPresent() && a2.isPresent() ? " and " : "")
                + a2.map(v -> v.trainingSeeds() + " × 1").orElse("");
        if (s2u.isPresent() && total.isPresent()) {
            double t = Math.max(total.getAsDouble(), s2u.getAsDouble());
            notes.add("σ²_train = total variance of Algorithm 2 − σ²_unlearn of Algorithm 1 (method of moments,"
                    + " no interval; assumes Algorithm 1's training seed is typical): run a grid to estimate it");
            return new SeedEstimate("Algorithm 1 + Algorithm 2", design, mean, grand,
                    OptionalDouble.of(t - s2u.getAsDouble()), Optional.empty(), s2u, s2uInterval, OptionalDouble.of(t),
                    declared, within, constancy, notes);
        }
        if (s2u.isEmpty() && total.isEmpty() && g.isPresent()) {
            return ofGrid(g.get().trainingSeeds() == 1 ? ONE_SEED_GRID : ONE_RUN_GRID, grid.get(), g.get());
        }
        String source = s2u.isPresent() ? "Algorithm 1 only" : total.isPresent() ? "Algorithm 2 only" : "none";
        return new SeedEstimate(source, design.isEmpty() ? "–" : design, mean, grand, OptionalDouble.empty(),
                Optional.empty(), s2u, s2uInterval, total, declared, within, constancy, notes);
    }

    /** What a grid's components identify, with the grid's notes, design and declared property. */
    private static SeedEstimate ofGrid(String source, SeedVariance.Entry grid, VarianceComponents v) {
        List<String> notes = new ArrayList<>(grid.notes());
        notes.addAll(v.notes());
        String j = v.balanced() ? Integer.toString(v.maxPerSeed()) : v.minPerSeed() + "–" + v.maxPerSeed();
        return new SeedEstimate(source, "grid " + v.trainingSeeds() + " × " + j, v.meanInterval(), v.grandMean(),
                v.sigma2Train(), v.sigma2TrainInterval(), v.sigma2Unlearn(), v.sigma2UnlearnInterval(), v.total(),
                grid.declaredDeterministic(), v.withinSeedConstant(), grid.constancy(), notes);
    }

    /** VARYING when either slice varies, else the Algorithm-2 label, else the Algorithm-1 one. */
    private static Optional<Constancy> combined(Optional<Constancy> one, Optional<Constancy> many) {
        if (one.equals(Optional.of(Constancy.VARYING)) || many.equals(Optional.of(Constancy.VARYING))) {
            return Optional.of(Constancy.VARYING);
        }
        return many.or(() -> one);
    }

    /**
     * @return the mean of the training-seed means when its interval exists, else the mean of the
     *     runs analysed; empty when there are none
     */
    public OptionalDouble meanEstimate() {
        if (mean.isPresent()) {
            return OptionalDouble.of(mean.get().estimate());
        }
        return Double.isNaN(grandMean) ? OptionalDouble.empty() : OptionalDouble.of(grandMean);
    }

    /** @return the training-seed share σ²_train / total, when both are known and total &gt; 0 */
    public OptionalDouble shareTrain() {
        if (sigma2Train.isEmpty() || total.isEmpty() || !(total.getAsDouble() > 0)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Math.min(1, sigma2Train.getAsDouble() / total.getAsDouble()));
    }

    /**
     * @return true when the metric is constant because it sits at its floor or ceiling (it then
     *     cannot show any seed effect)
     */
    public boolean atBound() {
        return constancy.filter(c -> c == Constancy.FLOOR || c == Constancy.CEILING).isPresent();
    }

    /**
     * @return true when the method declares itself deterministic <em>and</em> its runs on one
     *     trained model were identical on a metric that is not stuck at a bound: only then does
     *     repeating it from one trained model add no information
     */
    public boolean repeatsAddNothing() {
        return declaredDeterministic.orElse(false) && withinSeedConstant.orElse(false) && !atBound();
    }
}
