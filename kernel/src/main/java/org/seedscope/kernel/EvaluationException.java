package org.seedscope.kernel;

/**
 * Code in a cell threw an exception; the message gives the exception's class and message and
 * the cell line (and the library frames above it) where it was thrown.
 */
final class EvaluationException extends CellFailure {
    private static final long serialVersionUID = 1L;

    EvaluationException(String report) {
        super(report);
    }
}
