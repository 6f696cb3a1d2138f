package org.seedscope.audit;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seedscope.study.Cell;
import org.seedscope.study.Protocol;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.io.csv.CsvReadOptions;

/** Reads the cells of a study's result table that the audit needs. */
final class AuditInput {
    static final String RESULTS = "results.csv";
    private static final Map<String, ColumnType> TYPES = Map.of("protocol", ColumnType.STRING, "scenario",
            ColumnType.STRING, "method", ColumnType.STRING, "status", ColumnType.STRING, "train_seed", ColumnType.LONG,
            "unlearn_seed", ColumnType.LONG, "eval_seed", ColumnType.LONG);

    private AuditInput() {}

    /** One finished cell: its key in the outputs store and its seeds. */
    record CellRef(String key, long trainSeed, long unlearnSeed, int row) {}

    /** One method on one (protocol, scenario). */
    record SliceKey(String protocol, String scenario, String method) {}

    /**
     * @param dir a study output folder
     * @return its {@value #RESULTS}
     */
    static Table read(Path dir) {
        Path csv = dir.resolve(RESULTS);
        if (!Files.isRegularFile(csv)) {
            throw new IllegalArgumentException("no result table at " + csv.toAbsolutePath()
                    + "; run the study to the end with `./seedscope run` first");
        }
        CsvReadOptions options = CsvReadOptions.builder(csv.toFile()).tableName(csv.toString())
                .columnTypesPartial(TYPES).build();
        try {
            return Table.read().usingOptions(options);
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("cannot read " + csv, e.getCause());
        }
    }

    /**
     * @param rows a result table (one row per cell)
     * @return the cells whose status is "ok", per slice, in table order
     */
    static Map<SliceKey, List<CellRef>> cells(Table rows) {
        StringColumn protocol = strings(rows, "protocol");
        StringColumn scenario = strings(rows, "scenario");
        StringColumn method = strings(rows, "method");
        StringColumn status = strings(rows, "status");
        NumericColumn<?> st = numbers(rows, "train_seed");
        NumericColumn<?> su = numbers(rows, "unlearn_seed");
        NumericColumn<?> se = numbers(rows, "eval_seed");
        Map<SliceKey, List<CellRef>> out = new LinkedHashMap<>();
        for (int r = 0; r < rows.rowCount(); r++) {
            if (!"ok".equals(status.get(r))) {
                continue;
            }
            if (st.isMissing(r) || su.isMissing(r) || se.isMissing(r)) {
                throw new IllegalArgumentException("row " + r + " of " + rows.name() + " has a missing seed");
            }
            long t = (long) st.getDouble(r);
            long u = (long) su.getDouble(r);
            long e = (long) se.getDouble(r);
            String key = new Cell(0, Protocol.parse(protocol.get(r)), scenario.get(r), method.get(r), 0, 0, t, u, e).key();
            out.computeIfAbsent(new SliceKey(protocol.get(r), scenario.get(r), method.get(r)), k -> new ArrayList<>())
                    .add(new CellRef(key, t, u, r));
        }
        return out;
    }

    /**
     * The competition's utility ratios for a slice: {@code RA_u / RA_r x TA_u / TA_r} from the mean
     * retain-set and test accuracies of the method and of the cells' Retrain.
     *
     * @return the product; NaN when a needed column is missing or a value is missing
     */
    static double utility(Table rows, List<CellRef> cells) {
        String[] names = {"retain_train_acc", "d_retain_train_acc", "test_acc", "d_test_acc"};
        NumericColumn<?>[] c = new NumericColumn<?>[names.length];
        for (int k = 0; k < names.length; k++) {
            if (!rows.columnNames().contains(names[k]) || !(rows.column(names[k]) instanceof NumericColumn<?> n)) {
                return Double.NaN;
            }
            c[k] = n;
        }
        double raU = 0;
        double raR = 0;
        double taU = 0;
        double taR = 0;
        for (CellRef cell : cells) {
            int r = cell.row();
            raU += c[0].getDouble(r);
            raR += c[0].getDouble(r) - c[1].getDouble(r);
            taU += c[2].getDouble(r);
            taR += c[2].getDouble(r) - c[3].getDouble(r);
        }
        return raU / raR * (taU / taR);
    }

    private static StringColumn strings(Table rows, String name) {
        Column<?> c = column(rows, name);
        if (!(c instanceof StringColumn s)) {
            throw new IllegalArgumentException("column '" + name + "' of " + rows.name() + " must hold text, it is "
                    + c.type());
        }
        return s;
    }

    private static NumericColumn<?> numbers(Table rows, String name) {
        Column<?> c = column(rows, name);
        if (!(c instanceof NumericColumn<?> n)) {
            throw new IllegalArgumentException("column '" + name + "' of " + rows.name() + " must be numeric, it is "
                    + c.type());
        }
        return n;
    }

    private static Column<?> column(Table rows, String name) {
        if (!rows.columnNames().contains(name)) {
            throw new IllegalArgumentException("the result table " + rows.name() + " has no '" + name + "' column; the "
                    + "audit needs protocol, scenario, method, status and the seed columns of a study's rows");
        }
        return rows.column(name);
    }
}
