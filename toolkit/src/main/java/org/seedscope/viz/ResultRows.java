package org.seedscope.viz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import org.seedscope.results.ResultSchema;
import org.seedscope.results.ResultTables;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Reading a study's long-format result table (one row per cell, as written by the study runner to
 * {@code results.csv}) for charts and reports: loading the CSV with stable column types, listing
 * scenarios, methods and metric columns, and pulling out one slice's values.
 */
public final class ResultRows {

    /** Protocol id of Algorithm 1: one training seed, J unlearning seeds. */
    public static final String ONE_SEED = "one-training-seed";
    /** Protocol id of Algorithm 2: I training seeds, one unlearning seed each. */
    public static final String MANY_SEEDS = "many-training-seeds";
    /** Protocol id of the full I x J grid. */
    public static final String GRID = "grid";
    /** Method id of the gold standard, matched case-insensitively. */
    public static final String RETRAIN = "retrain";

    private ResultRows() {
    }

    /**
     * Reads a {@code results.csv} with the result schema's column types ({@link ResultTables#read}).
     *
     * @param csv the file
     * @return the table
     * @throws IllegalArgumentException when the file does not exist, naming it and how to make one
     * @throws UncheckedIOException when it cannot be read
     */
    public static Table read(Path csv) {
        return ResultTables.read(csv);
    }

    /**
     * @param rows a result table
     * @return its metric columns in table order ({@link ResultTables#metricColumns}): never seeds,
     *     measured times or diagnostics
     */
    public static List<String> metricColumns(Table rows) {
        return ResultTables.metricColumns(rows);
    }

    /**
     * Checks that {@code metric} is a numeric metric column.
     *
     * @param rows a result table
     * @param metric the metric name
     * @throws IllegalArgumentException naming the metric and listing the metric columns present
     */
    public static void requireMetric(Table rows, String metric) {
        if (!metricColumns(rows).contains(metric)) {
            throw new IllegalArgumentException("unknown metric '" + metric + "'; the table has"
                    + " metric columns " + metricColumns(rows));
        }
    }

    /**
     * @param rows a result table with a {@code scenario} column
     * @return the distinct scenarios in order of first appearance
     * @throws IllegalArgumentException when the column is missing
     */
    public static List<String> scenarios(Table rows) {
        return new ArrayList<>(new LinkedHashSet<>(strings(rows, "scenario").asList()));
    }

    /**
     * @param rows a result table
     * @param scenario a scenario
     * @return the distinct methods of that scenario in order of first appearance
     * @throws IllegalArgumentException when a column is missing
     */
    public static List<String> methods(Table rows, String scenario) {
        StringColumn sc = strings(rows, "scenario");
        StringColumn me = strings(rows, "method");
        Set<String> out = new LinkedHashSet<>();
        for (int r = 0; r < rows.rowCount(); r++) {
            if (sc.get(r).equals(scenario)) {
                out.add(me.get(r));
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * @param rows a result table
     * @return the distinct protocols in order of first appearance
     * @throws IllegalArgumentException when the column is missing
     */
    public static List<String> protocols(Table rows) {
        return new ArrayList<>(new LinkedHashSet<>(strings(rows, "protocol").asList()));
    }

    /**
     * The values of one metric over the "ok" rows of a slice, in row order. A {@code null} method
     * or protocol matches every method or protocol; the method is matched case-insensitively.
     * Missing and non-finite values of "ok" rows are left out.
     *
     * @param rows a result table
     * @param metric a numeric column
     * @param scenario the scenario
     * @param method the method, or null for all
     * @param protocol the protocol, or null for all
     * @return the values (possibly empty)
     * @throws IllegalArgumentException when a column is missing or the metric is not numeric
     */
    public static double[] values(Table rows, String metric, String scenario, String method,
            String protocol) {
        Objects.requireNonNull(scenario, "scenario");
        if (!(rows.containsColumn(metric) && rows.column(metric) instanceof NumericColumn<?>)) {
            requireMetric(rows, metric);
        }
        NumericColumn<?> v = (NumericColumn<?>) rows.column(metric);
        StringColumn sc = strings(rows, "scenario");
        StringColumn me = strings(rows, "method");
        StringColumn pr = strings(rows, "protocol");
        StringColumn st = strings(rows, "status");
        double[] out = new double[rows.rowCount()];
        int n = 0;
        for (int r = 0; r < rows.rowCount(); r++) {
            if (sc.get(r).equals(scenario) && "ok".equals(st.get(r))
                    && (method == null || me.get(r).equalsIgnoreCase(method))
                    && (protocol == null || pr.get(r).equals(protocol)) && !v.isMissing(r)
                    && Double.isFinite(v.getDouble(r))) {
                out[n++] = v.getDouble(r);
            }
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * @param values a sample
     * @return the arithmetic mean, NaN for an empty sample
     */
    public static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    /** The error for a slice without "ok" rows, naming the protocols and scenarios present. */
    static IllegalArgumentException noRows(Table rows, String metric, String scenario,
            String protocol) {
        return new IllegalArgumentException("scenario '" + scenario + "' has no ok " + metric
                + " rows of protocol '" + protocol + "'; protocols present: " + protocols(rows)
                + ", scenarios: " + scenarios(rows));
    }

    private static StringColumn strings(Table rows, String name) {
        return ResultTables.strings(rows, ResultSchema.column(name).orElseThrow());
    }
}
