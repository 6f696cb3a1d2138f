package org.seedscope.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.seedscope.files.AtomicFiles;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Result rows as Tablesaw tables, with the column types of {@link ResultSchema}: building a table
 * from rows, reading and writing {@code results.csv} with stable types, and typed access for the
 * analysis layers (stats, charts, reports, the kernel).
 */
public final class ResultTables {
    private ResultTables() {}

    /**
     * @param name table name
     * @param rows the rows (any order)
     * @return the table sorted by {@code cell}, columns in canonical order; metrics in the order of
     *     their first appearance; the journal's key left out
     */
    public static Table of(String name, List<ResultRow> rows) {
        List<ResultRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingInt(r -> r.identity().cell()));
        Set<String> metricNames = new LinkedHashSet<>();
        sorted.forEach(r -> metricNames.addAll(r.metrics().keySet()));
        List<Map<String, Object>> maps = sorted.stream().map(ResultRow::toMap).toList();
        Table t = Table.create(name);
        for (org.seedscope.results.Column c : ResultSchema.columns(List.copyOf(metricNames))) {
            t.addColumns(column(c, maps));
        }
        return t;
    }

    private static Column<?> column(org.seedscope.results.Column c, List<Map<String, Object>> maps) {
        String n = c.name();
        switch (c.type()) {
            case INT -> {
                IntColumn col = IntColumn.create(n);
                maps.forEach(m -> appendNumber(col, m.get(n)));
                return col;
            }
            case LONG -> {
                LongColumn col = LongColumn.create(n);
                maps.forEach(m -> appendNumber(col, m.get(n)));
                return col;
            }
            case DOUBLE -> {
                DoubleColumn col = DoubleColumn.create(n);
                maps.forEach(m -> appendNumber(col, m.get(n)));
                return col;
            }
            case BOOLEAN -> {
                BooleanColumn col = BooleanColumn.create(n);
                maps.forEach(m -> {
                    Object v = m.get(n);
                    if (v == null) {
                        col.appendMissing();
                    } else {
                        col.append(Boolean.parseBoolean(String.valueOf(v)));
                    }
                });
                return col;
            }
            default -> {
                StringColumn col = StringColumn.create(n);
                maps.forEach(m -> col.append(m.get(n) == null ? "" : String.valueOf(m.get(n))));
                return col;
            }
        }
    }

    private static void appendNumber(NumericColumn<?> col, Object v) {
        if (v == null) {
            col.appendMissing();
        } else if (col instanceof IntColumn ic) {
            ic.append(((Number) v).intValue());
        } else if (col instanceof LongColumn lc) {
            lc.append(((Number) v).longValue());
        } else {
            ((DoubleColumn) col).append(((Number) v).doubleValue());
        }
    }

    /**
     * Reads a {@code results.csv}: schema columns get their schema types, metric columns double,
     * anything else text.
     *
     * @param file the CSV file
     * @return the table
     * @throws IllegalArgumentException when there is no such file, naming it and how to make one
     * @throws UncheckedIOException naming the file when it cannot be read
     */
    public static Table read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no result table at " + file.toAbsolutePath()
                    + "; run `./seedscope run` or `./seedscope demo` first to produce one");
        }
        try {
            String header = Files.newBufferedReader(file).readLine();
            if (header == null) {
                throw new IllegalArgumentException(file + " is empty: not a result table");
            }
            String[] names = header.split(",", -1);
            ColumnType[] types = new ColumnType[names.length];
            for (int i = 0; i < names.length; i++) {
                types[i] = ResultSchema.column(names[i].strip()).map(ResultTables::tablesawType).orElse(ColumnType.STRING);
            }
            return Table.read().csv(CsvReadOptions.builder(file.toFile()).columnTypes(types).maxCharsPerColumn(1 << 20)
                    .tableName(file.getParent() == null ? "results" : file.getParent().getFileName().toString()).build());
        } catch (IOException e) {
            throw AtomicFiles.failure("cannot read " + file, e);
        }
    }

    private static ColumnType tablesawType(org.seedscope.results.Column c) {
        return switch (c.type()) {
            case INT -> ColumnType.INTEGER;
            case LONG -> ColumnType.LONG;
            case DOUBLE -> ColumnType.DOUBLE;
            case BOOLEAN -> ColumnType.BOOLEAN;
            case STRING -> ColumnType.STRING;
        };
    }

    /**
     * Writes a table as CSV atomically, with the process's umask.
     *
     * @param table the table
     * @param file the destination
     */
    public static void writeCsv(Table table, Path file) {
        AtomicFiles.write(file, out -> table.write().csv(out));
    }

    /**
     * @param table a result table
     * @param column a text column of the schema, e.g. {@link ResultSchema#SCENARIO}
     * @return the table's column of that name
     * @throws IllegalArgumentException when it is missing or not text, naming the table's columns
     */
    public static StringColumn strings(Table table, org.seedscope.results.Column column) {
        String name = column.name();
        if (!table.containsColumn(name) || !(table.column(name) instanceof StringColumn)) {
            throw new IllegalArgumentException("column '" + name + "' " + (table.containsColumn(name)
                    ? "must be a string column, is " + table.column(name).type() : "is missing") + "; table '"
                    + table.name() + "' has columns " + table.columnNames());
        }
        return table.stringColumn(name);
    }

    /**
     * @param table a result table
     * @return its metric columns in table order (never seeds, measurements or diagnostics)
     */
    public static List<String> metricColumns(Table table) {
        return table.columnNames().stream().filter(ResultSchema::isMetric).toList();
    }

    /**
     * @param table a result table
     * @return a copy without the measured columns (role {@code MEASUREMENT}): every remaining value is
     *     bit-identical for the same spec, however the study was scheduled, interrupted or resumed
     */
    public static Table withoutMeasurements(Table table) {
        Table copy = table.copy();
        for (org.seedscope.results.Column c : ResultSchema.fixedColumns()) {
            if (c.role() == org.seedscope.results.Column.Role.MEASUREMENT && copy.containsColumn(c.name())) {
                copy.removeColumns(c.name());
            }
        }
        return copy;
    }
}
