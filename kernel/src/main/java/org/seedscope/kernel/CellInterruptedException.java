package org.seedscope.kernel;

/** A cell was stopped by a Jupyter interrupt before it finished. */
final class CellInterruptedException extends CellFailure {
    private static final long serialVersionUID = 1L;

    CellInterruptedException(String report) {
        super(report);
    }
}
