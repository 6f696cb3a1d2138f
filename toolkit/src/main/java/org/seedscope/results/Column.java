package org.seedscope.results;

import java.util.Objects;

/**
 * One column of the result schema: its name in tables, CSV files and the journal, its value type
 * and its role.
 *
 * @param name the snake_case column name
 * @param type the value type
 * @param role what the column is for
 * @param description one line for people (tables' help, reports)
 */
public record Column(String name, ValueType type, Role role, String description) {

    /** Checks the fields. */
    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(description, "description");
    }

    /** Value types of result columns. */
    public enum ValueType {
        /** a 32-bit whole number */
        INT,
        /** a 64-bit whole number (seeds) */
        LONG,
        /** a finite double (metrics, measurements); blank only on rows that are not {@code ok} */
        DOUBLE,
        /** text */
        STRING,
        /** true / false */
        BOOLEAN
    }

    /** What a column is for. */
    public enum Role {
        /** which cell a row is: protocol, scenario, method, seed indices and seeds */
        IDENTITY,
        /** {@code status} and {@code reason} */
        STATUS,
        /** an evaluation metric: finite on every {@code ok} row, analysed by stats and charts */
        METRIC,
        /** measured wall-clock quantities: not bit-identical between runs, never analysed as metrics */
        MEASUREMENT,
        /** facts about the run the method reports (e.g. parameters selected), blank where not applicable */
        DIAGNOSTIC,
        /** how the row was made: data, model, settings, code, machine */
        PROVENANCE
    }
}
