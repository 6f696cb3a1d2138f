package org.seedscope.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tech.tablesaw.api.Table;

/**
 * Variance components of one metric for every (scenario, method, protocol) slice of a study's
 * result table: the table-level entry point to {@link VarianceComponents} (ANOVA, with
 * intervals) and {@link RemlEstimate} (REML, with profile-likelihood intervals).
 *
 * <p>Expected columns: {@code scenario}, {@code method}, {@code protocol}, {@code status}
 * (strings), {@code train_seed}, {@code unlearn_seed} (INTEGER or LONG), the numeric metric
 * column and, optionally, {@code deterministic} (the method's declared property, boolean or
 * "true"/"false"). Only rows with status "ok" are analysed; the others are counted per slice in
 * {@link Entry#skippedRows()}. An "ok" row with a non-finite metric is left out of its slice with
 * a note in {@link Entry#notes()} instead of failing the table. Protocols are kept apart (see
 * {@link Slice}); for a grid-only table there is one entry per (scenario, method).
 *
 * <pre>{@code
 * SeedVariance.of(rows, "forget_acc").table();      // one row per slice, intervals at 95 %
 * SeedVariance.of(rows, "forget_acc").remlTable();  // REML with profile intervals
 * }</pre>
 */
public final class SeedVariance {

    /**
     * The analysis of one slice.
     *
     * @param slice the (scenario, method, protocol) key
     * @param skippedRows rows of this slice whose status was not "ok"
     * @param components the ANOVA variance components; empty when the slice has no usable row
     * @param reml the REML estimate; empty when the slice has no usable row, fewer than two
     *     training seeds or no training seed with two runs
     * @param declaredDeterministic the method's declared property from the {@code deterministic}
     *     column; empty when the table has no such column or its rows disagree
     * @param constancy whether the values vary, or sit at the metric's floor or ceiling, or are
     *     otherwise constant; empty when the slice has no usable row
     * @param notes remarks on left-out rows (non-finite values) and missing REML
     */
    public record Entry(Slice slice, int skippedRows, Optional<VarianceComponents> components,
            Optional<RemlEstimate> reml, Optional<Boolean> declaredDeterministic,
            Optional<Constancy> constancy, List<String> notes) {

        /** Rejects null parts and copies the notes. */
        public Entry {
            Objects.requireNonNull(slice, "slice");
            Objects.requireNonNull(components, "components");
            Objects.requireNonNull(reml, "reml");
            Objects.requireNonNull(declaredDeterministic, "declaredDeterministic");
            Objects.requireNonNull(constancy, "constancy");
            notes = List.copyOf(notes);
        }
    }

    private final String metric;
    private final List<Entry> entries;

    private SeedVariance(String metric, List<Entry> entries) {
        this.metric = metric;
        this.entries = List.copyOf(entries);
    }

    /**
     * Analyses every slice with 95 % intervals and the metric's range from its name
     * ({@link MetricRange#forMetric}).
     *
     * @param rows the study's result table
     * @param metric the numeric metric column, e.g. "forget_acc"
     * @return one entry per slice, in order of first appearance
     * @throws IllegalArgumentException when a column is missing or mistyped, an "ok" row has a
     *     missing seed, a deterministic cell is not a boolean, or a cell is repeated within a
     *     slice
     */
    public static SeedVariance of(Table rows, String metric) {
        return of(rows, metric, VarianceComponents.DEFAULT_LEVEL);
    }

    /**
     * Analyses every slice with intervals at the given level.
     *
     * @param rows the study's result table
     * @param metric the numeric metric column, e.g. "forget_acc"
     * @param level confidence level in (0, 1)
     * @return one entry per slice, in order of first appearance
     * @throws IllegalArgumentException as {@link #of(Table, String)}, or for a bad level
     */
    public static SeedVariance of(Table rows, String metric, double level) {
        Objects.requireNonNull(metric, "metric");
        return of(rows, metric, level, MetricRange.forMetric(metric));
    }

    /**
     * Analyses every slice with intervals at the given level and an explicit metric range.
     *
     * @param rows the study's result table
     * @param metric the numeric metric column
     * @param level confidence level in (0, 1)
     * @param range the metric's possible values, for the floor / ceiling labels
     * @return one entry per slice, in order of first appearance
     * @throws IllegalArgumentException as {@link #of(Table, String)}, or for a bad level
     */
    public static SeedVariance of(Table rows, String metric, double level, MetricRange range) {
        Groups.checkLevel(level);
        Objects.requireNonNull(range, "range");
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<Slice, StudyRows.Design> e : StudyRows.designs(rows, metric).entrySet()) {
            entries.add(entry(e.getKey(), e.getValue(), level, range));
        }
        return new SeedVariance(metric, entries);
    }

    private static Entry entry(Slice slice, StudyRows.Design d, double level, MetricRange range) {
        List<String> notes = new ArrayList<>(d.notes());
        if (d.values().length == 0) {
            notes.add("no rows with status ok");
            return new Entry(slice, d.skipped(), Optional.empty(), Optional.empty(),
                    d.declaredDeterministic(), Optional.empty(), notes);
        }
        Optional<RemlEstimate> reml = Optional.empty();
        int maxRuns = 0;
        for (double[] g : d.values()) {
            maxRuns = Math.max(maxRuns, g.length);
        }
        if (d.values().length >= 2 && maxRuns >= 2) {
            reml = Optional.of(RemlEstimate.of(d.values(), level));
        }
        return new Entry(slice, d.skipped(), Optional.of(VarianceComponents.of(d.values(), level)),
                reml, d.declaredDeterministic(), Optional.of(range.classify(d.pooled())), notes);
    }

    /** @return the analysed metric column name */
    public String metric() {
        return metric;
    }

    /** @return the entries, one per slice, in order of first appearance in the table */
    public List<Entry> entries() {
        return entries;
    }

    /**
     * @param scenario the scenario
     * @param method the method
     * @param protocol the protocol
     * @return the components of that slice; empty when the slice is absent or has no "ok" row
     */
    public Optional<VarianceComponents> components(String scenario, String method,
            String protocol) {
        return entry(scenario, method, protocol).flatMap(Entry::components);
    }

    /**
     * @param scenario the scenario
     * @param method the method
     * @param protocol the protocol
     * @return that slice's entry, when present
     */
    public Optional<Entry> entry(String scenario, String method, String protocol) {
        Slice key = new Slice(scenario, method, protocol);
        return entries.stream().filter(e -> e.slice().equals(key)).findFirst();
    }

    /** @return the number of rows skipped because their status was not "ok", over all slices */
    public int skippedRows() {
        return entries.stream().mapToInt(Entry::skippedRows).sum();
    }

    /**
     * One row per slice with columns scenario, method, protocol, training_seeds, runs, j_min,
     * j_max, mean, mean_lo, mean_hi (t interval on seed means), sigma2_train, sigma2_train_lo,
     * sigma2_train_hi, sigma2_unlearn, sigma2_unlearn_lo, sigma2_unlearn_hi, total, total_lo,
     * total_hi, share_train, share_unlearn, icc, icc_lo, icc_hi, train_truncated,
     * deterministic (declared), within_seed_constant, constancy (varying, floor, ceiling or
     * constant), skipped_rows, notes. A quantity the design cannot estimate (or an unknown
     * declared property) is a missing cell and is explained in {@code notes}; on I × 1 slices
     * sigma2_unlearn and within_seed_constant are missing, and total carries the spread.
     *
     * @return a new table named "seed variance: " + metric
     */
    public Table table() {
        return SeedVarianceTables.components("seed variance: " + metric, entries);
    }

    /**
     * One row per slice with the REML estimate: scenario, method, protocol, training_seeds,
     * runs, sigma2_train, sigma2_train_lo, sigma2_train_hi, sigma2_unlearn, sigma2_unlearn_lo,
     * sigma2_unlearn_hi (profile-likelihood intervals), mean (GLS), at_boundary, notes; missing
     * cells where REML is not defined.
     *
     * @return a new table named "REML seed variance: " + metric
     */
    public Table remlTable() {
        return SeedVarianceTables.reml("REML seed variance: " + metric, entries);
    }

    /** @return the metric name and the table */
    @Override
    public String toString() {
        return "SeedVariance of " + metric + " (" + entries.size() + " slices, " + skippedRows()
                + " non-ok rows skipped)" + System.lineSeparator() + table();
    }
}
