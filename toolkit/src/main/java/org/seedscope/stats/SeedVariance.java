package org.seedscope.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Variance components of one metric for every (scenario, method, protocol) slice of a study's
 * result table: the table-level entry point to {@link VarianceComponents}.
 *
 * <p>Expected columns: {@code scenario}, {@code method}, {@code protocol}, {@code status}
 * (strings), {@code train_seed}, {@code unlearn_seed} (INTEGER or LONG) and the numeric metric
 * column. Only rows with status "ok" are analysed; the others are counted per slice in
 * {@link Entry#skippedRows()}. Protocols are kept apart (see {@link Slice}); for a grid-only table
 * there is one entry per (scenario, method).
 *
 * <pre>{@code
 * SeedVariance.of(rows, "forget_acc").table();   // one row per slice, intervals at 95 %
 * }</pre>
 */
public final class SeedVariance {

    /**
     * The analysis of one slice.
     *
     * @param slice the (scenario, method, protocol) key
     * @param skippedRows rows of this slice whose status was not "ok"
     * @param components the variance components; empty when the slice has no "ok" row
     */
    public record Entry(Slice slice, int skippedRows, Optional<VarianceComponents> components) {

        /** Rejects null parts. */
        public Entry {
            Objects.requireNonNull(slice, "slice");
            Objects.requireNonNull(components, "components");
        }
    }

    private final String metric;
    private final List<Entry> entries;

    private SeedVariance(String metric, List<Entry> entries) {
        this.metric = metric;
        this.entries = List.copyOf(entries);
    }

    /**
     * Analyses every slice with 95 % intervals.
     *
     * @param rows the study's result table
     * @param metric the numeric metric column, e.g. "forget_acc"
     * @return one entry per slice, in order of first appearance
     * @throws IllegalArgumentException when a column is missing or mistyped, an "ok" row has a
     *     missing seed or a non-finite metric, or a cell is repeated within a slice
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
        Groups.checkLevel(level);
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<Slice, StudyRows.Design> e : StudyRows.designs(rows, metric).entrySet()) {
            StudyRows.Design d = e.getValue();
            Optional<VarianceComponents> vc = d.values().length == 0 ? Optional.empty()
                    : Optional.of(VarianceComponents.of(d.values(), level));
            entries.add(new Entry(e.getKey(), d.skipped(), vc));
        }
        return new SeedVariance(metric, entries);
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
        Slice key = new Slice(scenario, method, protocol);
        return entries.stream().filter(e -> e.slice().equals(key)).findFirst()
                .flatMap(Entry::components);
    }

    /** @return the number of rows skipped because their status was not "ok", over all slices */
    public int skippedRows() {
        return entries.stream().mapToInt(Entry::skippedRows).sum();
    }

    /**
     * One row per slice with columns scenario, method, protocol, training_seeds, runs, j_min,
     * j_max, mean, sigma2_train, sigma2_train_lo, sigma2_train_hi, sigma2_unlearn,
     * sigma2_unlearn_lo, sigma2_unlearn_hi, share_train, share_unlearn, icc, icc_lo, icc_hi,
     * train_truncated, deterministic, skipped_rows, notes. A quantity the design cannot
     * estimate is a missing cell and is explained in {@code notes}.
     *
     * @return a new table named "seed variance: " + metric
     */
    public Table table() {
        StringColumn scenario = StringColumn.create("scenario");
        StringColumn method = StringColumn.create("method");
        StringColumn protocol = StringColumn.create("protocol");
        IntColumn seeds = IntColumn.create("training_seeds");
        IntColumn runs = IntColumn.create("runs");
        IntColumn jMin = IntColumn.create("j_min");
        IntColumn jMax = IntColumn.create("j_max");
        DoubleColumn[] num = new DoubleColumn[12];
        String[] names = {"mean", "sigma2_train", "sigma2_train_lo", "sigma2_train_hi",
            "sigma2_unlearn", "sigma2_unlearn_lo", "sigma2_unlearn_hi", "share_train",
            "share_unlearn", "icc", "icc_lo", "icc_hi"};
        for (int c = 0; c < names.length; c++) {
            num[c] = DoubleColumn.create(names[c]);
        }
        BooleanColumn truncated = BooleanColumn.create("train_truncated");
        BooleanColumn deterministic = BooleanColumn.create("deterministic");
        IntColumn skipped = IntColumn.create("skipped_rows");
        StringColumn notes = StringColumn.create("notes");
        for (Entry e : entries) {
            scenario.append(e.slice().scenario());
            method.append(e.slice().method());
            protocol.append(e.slice().protocol());
            skipped.append(e.skippedRows());
            if (e.components().isEmpty()) {
                seeds.append(0);
                runs.append(0);
                jMin.append(0);
                jMax.append(0);
                for (DoubleColumn c : num) {
                    c.appendMissing();
                }
                truncated.append(false);
                deterministic.append(false);
                notes.append("no rows with status ok");
                continue;
            }
            VarianceComponents v = e.components().get();
            seeds.append(v.trainingSeeds());
            runs.append(v.runs());
            jMin.append(v.minPerSeed());
            jMax.append(v.maxPerSeed());
            num[0].append(v.grandMean());
            TableColumns.append(num[1], v.sigma2Train());
            appendBounds(num[2], num[3], v.sigma2TrainInterval());
            TableColumns.append(num[4], v.sigma2Unlearn());
            appendBounds(num[5], num[6], v.sigma2UnlearnInterval());
            TableColumns.append(num[7], v.shareTrain());
            TableColumns.append(num[8], v.shareUnlearn());
            TableColumns.append(num[9], v.icc());
            appendBounds(num[10], num[11], v.iccInterval());
            truncated.append(v.trainTruncated());
            deterministic.append(v.deterministic());
            notes.append(String.join("; ", v.notes()));
        }
        Table t = Table.create("seed variance: " + metric, scenario, method, protocol, seeds,
                runs, jMin, jMax);
        t.addColumns(num);
        t.addColumns(truncated, deterministic, skipped, notes);
        return t;
    }

    private static void appendBounds(DoubleColumn lo, DoubleColumn hi, Optional<Interval> i) {
        TableColumns.append(lo, i.map(Interval::lower));
        TableColumns.append(hi, i.map(Interval::upper));
    }

    /** @return the metric name and the table */
    @Override
    public String toString() {
        return "SeedVariance of " + metric + " (" + entries.size() + " slices, " + skippedRows()
                + " non-ok rows skipped)" + System.lineSeparator() + table();
    }
}
