package org.seedscope.stats;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Package-private reader turning a long-format result table (one row per cell) into nested
 * designs: per {@link Slice}, one array of metric values per training seed.
 */
final class StudyRows {

    static final String SCENARIO = "scenario";
    static final String METHOD = "method";
    static final String PROTOCOL = "protocol";
    static final String TRAIN_SEED = "train_seed";
    static final String UNLEARN_SEED = "unlearn_seed";
    static final String STATUS = "status";
    static final String OK = "ok";

    private StudyRows() {
    }

    /**
     * One slice's values.
     *
     * @param trainSeeds training seeds in ascending order
     * @param values values[i] = the metric for training seed trainSeeds[i], ordered by
     *     unlearning seed
     * @param skipped number of this slice's rows whose status was not "ok"
     */
    record Design(long[] trainSeeds, double[][] values, int skipped) {
    }

    /**
     * Groups the "ok" rows of a result table by slice and training seed.
     *
     * @param rows the result table
     * @param metric the metric column to read
     * @return designs in order of first appearance of each slice; slices that have only
     *     non-"ok" rows appear with no training seeds
     * @throws IllegalArgumentException when a required column is missing or has the wrong type,
     *     an "ok" row has a missing seed or a non-finite metric value, or a (training seed,
     *     unlearning seed) cell appears twice within a slice
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
        Map<Slice, TreeMap<Long, TreeMap<Long, Double>>> cells = new LinkedHashMap<>();
        Map<Slice, Integer> skipped = new LinkedHashMap<>();
        for (int r = 0; r < rows.rowCount(); r++) {
            Slice slice = new Slice(scenario.get(r), method.get(r), protocol.get(r));
            TreeMap<Long, TreeMap<Long, Double>> bySeed =
                    cells.computeIfAbsent(slice, s -> new TreeMap<>());
            skipped.putIfAbsent(slice, 0);
            if (!OK.equals(status.get(r))) {
                skipped.merge(slice, 1, Integer::sum);
                continue;
            }
            long t = seed(train, r);
            long u = seed(unlearn, r);
            double v = values.getDouble(r);
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("row " + r + " (" + slice + ", train_seed "
                        + t + ", unlearn_seed " + u + ") has status ok but " + metric + " = " + v
                        + "; only finite values are allowed");
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
            out.put(e.getKey(), new Design(seeds, groups, skipped.get(e.getKey())));
        }
        return out;
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
        if (!rows.containsColumn(name) || !(rows.column(name) instanceof StringColumn)) {
            throw new IllegalArgumentException("column '" + name + "' "
                    + (rows.containsColumn(name) ? "must be a string column, is "
                    + rows.column(name).type() : "is missing") + "; table '" + rows.name()
                    + "' has columns " + rows.columnNames());
        }
        return rows.stringColumn(name);
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
