package org.seedscope.kernel;

import java.util.List;

/**
 * Why a notebook cell did not finish: its message is the complete, human-readable report
 * (several lines) that the kernel shows as the cell's error output.
 */
abstract class CellFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CellFailure(String report) {
        super(report);
    }

    /** @return the report split into lines, as Jupyter's traceback field expects */
    final List<String> reportLines() {
        return List.of(getMessage().split("\n", -1));
    }
}
