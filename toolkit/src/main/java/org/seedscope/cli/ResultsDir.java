package org.seedscope.cli;

import java.nio.file.Path;
import org.seedscope.viz.ResultRows;
import tech.tablesaw.api.Table;

/** Loads the {@code results.csv} of a study output folder for the analysis commands. */
final class ResultsDir {
    private ResultsDir() {}

    /**
     * @param dir a study output folder
     * @return its result table
     * @throws IllegalArgumentException when DIR/results.csv is missing (the message names it and
     *     says to run {@code ./seedscope run} or {@code demo} first)
     */
    static Table load(Path dir) {
        return ResultRows.read(dir.resolve("results.csv"));
    }
}
