package org.seedscope.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * The raw content of a labelled CSV file: float features (no preprocessing) and label strings.
 *
 * @param featureNames the feature columns, in file order
 * @param x row-major features, {@code labels.length * featureNames.size()} values
 * @param labels the label column's values, trimmed, one per data row
 */
record CsvData(List<String> featureNames, float[] x, String[] labels) {

    /**
     * Reads a CSV file with a header line via Tablesaw. Every column except {@code labelColumn}
     * is a feature and must hold finite numbers in every row.
     */
    static CsvData read(DataSource source, String labelColumn) {
        String text;
        try (InputStream in = source.open()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source.name() + ": " + e.getMessage(), e);
        }
        if (text.isBlank()) {
            throw new IllegalArgumentException(source.name() + ": the file is empty; expected a header line with a '"
                    + labelColumn + "' column and numeric feature columns, then one row per example");
        }
        Table table;
        try {
            table = Table.read().usingOptions(CsvReadOptions.builder(new StringReader(text))
                    .header(true).tableName(source.name()).columnTypes(column -> ColumnType.STRING));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(source.name() + ": not a readable CSV file: " + e.getMessage(), e);
        }
        List<String> columns = table.columnNames();
        if (!columns.contains(labelColumn)) {
            throw new IllegalArgumentException(source.name() + ": no label column '" + labelColumn
                    + "'; columns present: " + columns);
        }
        if (table.rowCount() == 0) {
            throw new IllegalArgumentException(source.name() + ": the file has a header but no data rows");
        }
        List<String> features = new ArrayList<>(columns);
        features.remove(labelColumn);
        if (features.isEmpty()) {
            throw new IllegalArgumentException(source.name() + ": only the label column '" + labelColumn
                    + "' is present; at least one numeric feature column is needed");
        }
        int rows = table.rowCount();
        int f = features.size();
        float[] x = new float[rows * f];
        for (int j = 0; j < f; j++) {
            StringColumn column = table.stringColumn(features.get(j));
            for (int i = 0; i < rows; i++) {
                x[i * f + j] = parseFeature(column.get(i), source, features.get(j), i);
            }
        }
        StringColumn labelValues = table.stringColumn(labelColumn);
        String[] labels = new String[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = labelValues.get(i).trim();
            if (labels[i].isEmpty()) {
                throw new IllegalArgumentException(source.name() + ": label column '" + labelColumn
                        + "' is empty in " + rowName(i));
            }
        }
        return new CsvData(List.copyOf(features), x, labels);
    }

    private static float parseFeature(String value, DataSource source, String column, int row) {
        float v;
        try {
            v = Float.parseFloat(value.trim());
        } catch (NumberFormatException e) {
            v = Float.NaN;
        }
        if (!Float.isFinite(v)) {
            throw new IllegalArgumentException(source.name() + ": feature column '" + column + "' is not numeric: "
                    + rowName(row) + " holds '" + value + "'; features must be finite numbers");
        }
        return v;
    }

    /** Data rows are counted from 1 after the header, which is line 1 of the file. */
    private static String rowName(int row) {
        return "data row " + (row + 1) + " (line " + (row + 2) + ")";
    }
}
