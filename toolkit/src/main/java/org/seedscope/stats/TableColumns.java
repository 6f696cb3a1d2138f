package org.seedscope.stats;

import java.util.Optional;
import java.util.OptionalDouble;
import tech.tablesaw.api.DoubleColumn;

/** Package-private helpers for writing optional values into Tablesaw columns. */
final class TableColumns {

    private TableColumns() {
    }

    /** Appends the value, or Tablesaw's missing marker when it is absent. */
    static void append(DoubleColumn column, OptionalDouble value) {
        if (value.isPresent()) {
            column.append(value.getAsDouble());
        } else {
            column.appendMissing();
        }
    }

    /** Appends the value, or Tablesaw's missing marker when it is absent. */
    static void append(DoubleColumn column, Optional<Double> value) {
        if (value.isPresent()) {
            column.append(value.get());
        } else {
            column.appendMissing();
        }
    }
}
