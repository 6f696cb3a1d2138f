package org.seedscope.study;

import tech.tablesaw.api.Table;

/** Helpers for study result tables. */
public final class StudyTables {
    private StudyTables() {}

    /**
     * @param results a study's rows
     * @return a copy without the measured timing columns ({@link StudyRunner#TIMING_COLUMNS}): every
     *     remaining value is bit-identical for the same spec, however the study was scheduled,
     *     interrupted or resumed
     */
    public static Table withoutTiming(Table results) {
        Table copy = results.copy();
        for (String c : StudyRunner.TIMING_COLUMNS) {
            if (copy.containsColumn(c)) {
                copy.removeColumns(c);
            }
        }
        return copy;
    }
}
