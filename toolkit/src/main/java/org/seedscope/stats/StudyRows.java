package org.seedscope.stats;

import org.seedscope.results.ResultSchema;
import org.seedscope.results.ResultTables;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Package-private reader turning a long-format result table (one row per cell) into nested
 * designs: per {@link Slice}, one array of metric values per training seed.
 *
 * <p>Only rows with status "ok" are analysed. An "ok" row whose metric is not finite (which the
 * result schema should have marked as failed) is left out of its slice with a note rather than
 * failing the whole table. The optional {@code deterministic} column (boolean or "true"/"false"
 * text) is the method's declared property and is passed through per slice.
 */
final class StudyRows {

    static final String SCENARIO = ResultSchema.SCENARIO.name();
    static final String METHOD = ResultSchema.METHOD.name();
    static final String PROTOCOL = ResultSchema.PROTOCOL.name();
    static final String TRAIN_SEED = ResultSchema.TRAIN_SEED.name();
    static final String UNLEARN_SEED = ResultSchema.UNLEARN_SEED.name();
    static final String STATUS = ResultSchema.STATUS.name();
    static final String OK = ResultSchema.OK;
    static final String DETERMINISTIC = ResultSchema.DETERMINISTIC.name();
    private static final int LISTED = 3;

    private StudyRows() {
    }

    /**
     * One slice's values.
     *
     * @param trainSeeds training seeds in ascending order
     * @param values values[i] = the metric for training seed trainSeeds[i], ordered by
     *     unlearning seed
     * @param skipped number of this slice's rows whose status was not "ok"
     * @param declaredDeterministic the {@code deterministic} column of the slice's rows; empty
     *     when the table has no such column or its rows disagree (then noted)
     * @param notes remarks on left-out rows
     */
    record Design(long[] trainSeeds, double[][] values, int skipped,
            Optional<Boolean> declaredDeterministic, List<String> notes) {

        /** @return every value, seed by seed */
        double[] pooled() {
            return Arrays.stream(values).flatMapToDouble(Arrays::stream).toArray();
        }
    }

    /**
     * Groups the "ok" rows of a result table by slice and training seed.
     *
     * @param rows the result table
     * @param metric the metric column to read
     * @return designs in order of first appearance of each slice; slices that have only
     *     non-"ok" rows appear with no training seeds
     * @throws IllegalArgumentException when a required column is missing or has the wrong type,
     *     an "ok" row has a missing seed, a {@code deterministic} cell is not a boolean, or a
     *     (training seed, unlearning seed) cell appears twice within a slice
     */
    static Map<Slice, Design> designs(Table rows, String metric) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(metric, "metric");
        StringColumn scenario = stringColumn(rows, SCENARIO);
        StringColumn method = stringColumn(rows, METHOD);
        StringColumn protocol = stringColumn(rows, PROTOCOL);
        StringColumn status = stringColumn(rows, STATUS);
        Column<?> train = seedColumn(rows, TRAIN_SEED);
        Column<?> unlearn = seedColumn(rows, UNLEARN_SEED);
        if (!rows.containsColumn(metric) || !(rows.column(metric) instanceof NumericColumn<?>)) {
            throw new IllegalArgumentException("metric column '" + metric + "' "
                    + (rows.containsColumn(metric) ? "is not numeric" : "is missing")
                    + "; table '" + rows.name() + "' has columns " + rows.columnNames());
        }
        NumericColumn<?> values = (NumericColumn<?>) rows.column(metric);
        Column<?> declared = rows.containsColumn(DETERMINISTIC) ? rows.column(DETERMINISTIC) : null;
        Map<Slice, TreeMap<Long, TreeMap<Long, Double>>> cells = new LinkedHashMap<>();
        Map<Slice, Integer> skipped = new LinkedHashMap<>();
        Map<Slice, Set<Boolean>> flags = new LinkedHashMap<>();
        Map<Slice, List<String>> nonFinite = new LinkedHashMap<>();
        for (int r = 0; r < rows.rowCount(); r++) {
            Slice slice = new Slice(scenario.get(r), method.get(r), protocol.get(r));
            TreeMap<Long, TreeMap<Long, Double>> bySeed =
                    cells.computeIfAbsent(slice, s -> new TreeMap<>());
            skipped.putIfAbsent(slice, 0);
            Set<Boolean> flag = flags.computeIfAbsent(slice, s -> new LinkedHashSet<>());
            declared(declared, r).ifPresent(flag::add);
            if (!OK.equals(status.get(r))) {
                skipped.merge(slice, 1, Integer::sum);
                continue;
            }
            long t = seed(train, r);
            long u = seed(unlearn, r);
            double v = values.isMissing(r) ? Double.NaN : values.getDouble(r);
            if (!Double.isFinite(v)) {
                nonFinite.computeIfAbsent(slice, s -> new ArrayList<>()).add(String.format(
                        Locale.ROOT, "row %d (train_seed %d, unlearn_seed %d) = %s", r, t, u, v));
                continue;
            }
            Double previous = bySeed.computeIfAbsent(t, s -> new TreeMap<>()).put(u, v);
            if (previous != null) {
                throw new IllegalArgumentException("row " + r + " repeats the cell (train_seed "
                        + t + ", unlearn_seed " + u + ") of " + slice
                        + "; each cell may appear once per slice");
            }
        }
        Map<Slice, Design> out = new LinkedHashMap<>();
        for (Map.Entry<Slice, TreeMap<Long, TreeMap<Long, Double>>> e : cells.entrySet()) {
            TreeMap<Long, TreeMap<Long, Double>> bySeed = e.getValue();
            long[] seeds = new long[bySeed.size()];
            double[][] groups = new double[bySeed.size()][];
            int i = 0;
            for (Map.Entry<Long, TreeMap<Long, Double>> s : bySeed.entrySet()) {
                seeds[i] = s.getKey();
                groups[i] = s.getValue().values().stream().mapToDouble(Double::doubleValue)
                        .toArray();
                i++;
            }
            Slice slice = e.getKey();
            List<String> notes = new ArrayList<>();
            List<String> bad = nonFinite.getOrDefault(slice, List.of());
            if (!bad.isEmpty()) {
                notes.add(bad.size() + " ok row(s) with non-finite " + metric + " left out: "
                        + String.join(", ", bad.subList(0, Math.min(LISTED, bad.size())))
                        + (bad.size() > LISTED ? ", ..." : ""));
            }
            Set<Boolean> flag = flags.get(slice);
            if (flag.size() > 1) {
                notes.add("rows disagree on the declared deterministic property");
            }
            out.put(slice, new Design(seeds, groups, skipped.get(slice),
                    flag.size() == 1 ? Optional.of(flag.iterator().next()) : Optional.empty(),
                    notes));
        }
        return out;
    }

    /** The declared deterministic flag of a row: a boolean cell or "true"/"false" text. */
    private static Optional<Boolean> declared(Column<?> column, int row) {
        if (column == null || column.isMissing(row)) {
            return Optional.empty();
        }
        if (column instanceof BooleanColumn b) {
            return Optional.of(b.get(row));
        }
        String text = column.getString(row).trim();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Optional.of(Boolean.parseBoolean(text));
        }
        throw new IllegalArgumentException("row " + row + ": column '" + DETERMINISTIC
                + "' must be true or false, got '" + text + "'");
    }

    /**
     * Per-training-seed means of every method of one (scenario, protocol).
     *
     * @return method → (training seed → mean over its unlearning seeds), methods in order of
     *     first appearance; methods without "ok" rows are left out
     * @throws IllegalArgumentException when no method has "ok" rows for that scenario and
     *     protocol (the message lists what the table has)
     */
    static Map<String, TreeMap<Long, Double>> seedMeans(Table rows, String metric,
            String scenario, String protocol) {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(protocol, "protocol");
        Map<Slice, Design> designs = designs(rows, metric);
        Map<String, TreeMap<Long, Double>> out = new LinkedHashMap<>();
        for (Map.Entry<Slice, Design> e : designs.entrySet()) {
            Slice s = e.getKey();
            if (s.scenario().equals(scenario) && s.protocol().equals(protocol)
                    && e.getValue().values().length > 0) {
                TreeMap<Long, Double> means = new TreeMap<>();
                Design d = e.getValue();
                for (int i = 0; i < d.trainSeeds().length; i++) {
                    means.put(d.trainSeeds()[i], Groups.mean(d.values()[i]));
                }
                out.put(s.method(), means);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no ok rows for scenario '" + scenario
                    + "' and protocol '" + protocol + "'; the table has slices "
                    + designs.keySet());
        }
        return out;
    }

    private static StringColumn stringColumn(Table rows, String name) {
        return ResultTables.strings(rows, ResultSchema.column(name).orElseThrow());
    }

    private static Column<?> seedColumn(Table rows, String name) {
        if (!rows.containsColumn(name)) {
            throw new IllegalArgumentException("column '" + name + "' is missing; table '"
                    + rows.name() + "' has columns " + rows.columnNames());
        }
        Column<?> c = rows.column(name);
        if (!(c instanceof IntColumn) && !(c instanceof LongColumn)) {
            throw new IllegalArgumentException("column '" + name
                    + "' must be an INTEGER or LONG column, is " + c.type());
        }
        return c;
    }

    private static long seed(Column<?> column, int row) {
        if (column.isMissing(row)) {
            throw new IllegalArgumentException("row " + row + " has status ok but no "
                    + column.name());
        }
        return column instanceof IntColumn ic ? ic.getInt(row) : ((LongColumn) column).getLong(row);
    }
}
