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

    /**
     * Appends an estimate and its interval's bounds to columns at[0], at[1], at[2] of num
     * (missing markers for absent parts).
     */
    static void appendWithBounds(DoubleColumn[] num, int at, OptionalDouble value,
            Optional<Interval> interval) {
        append(num[at], value);
        append(num[at + 1], interval.map(Interval::lower));
        append(num[at + 2], interval.map(Interval::upper));
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
