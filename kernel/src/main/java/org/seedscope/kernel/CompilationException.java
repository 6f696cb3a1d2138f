package org.seedscope.kernel;

/** A cell did not compile; the message names each error's cell line and shows that line. */
final class CompilationException extends CellFailure {
    private static final long serialVersionUID = 1L;

    CompilationException(String report) {
        super(report);
    }
}
