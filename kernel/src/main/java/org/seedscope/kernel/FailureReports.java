package org.seedscope.kernel;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;

/** Builds the readable reports for cells that fail to compile or throw. */
final class FailureReports {
    /** Frames shown per exception before the rest are summarised. */
    static final int MAX_FRAMES = 12;
    /** Causes followed before the chain is cut. */
    private static final int MAX_CAUSES = 5;
    /** javac names JShell's wrapper class as an empty "location: class", which says nothing. */
    private static final Pattern EMPTY_LOCATION = Pattern.compile("^\\s*location: class\\s*$");

    /** Describes where a JShell snippet line sits, for stack frames that point into snippets. */
    @FunctionalInterface
    interface SnippetLocator {
        /**
         * @param snippetId JShell's snippet id, from a frame's file name {@code #id}
         * @param line      1-based line within that snippet
         * @return for example {@code line 3 of the cell: int z = 1 / 0;}
         */
        String locate(String snippetId, int line);
    }

    private FailureReports() {}

    /**
     * @param cell           the cell
     * @param snippetOffset  where the rejected snippet starts in the cell
     * @param errors         javac's error diagnostics for that snippet, positions relative to it
     * @return a report listing, for each error, the cell line, the message, the line's text and
     *         a caret under the failing column
     */
    static CompilationException compilation(CellSource cell, int snippetOffset, List<Diag> errors) {
        StringBuilder report = new StringBuilder();
        for (Diag d : errors) {
            long pos = d.getStartPosition() >= 0 ? d.getStartPosition() : Math.max(0, d.getPosition());
            int at = snippetOffset + (int) pos;
            int line = cell.lineAt(at);
            int column = cell.columnAt(at);
            String[] message = d.getMessage(Locale.ROOT).split("\n");
            if (report.length() > 0) {
                report.append('\n');
            }
            report.append("line ").append(line).append(": ").append(message[0]);
            for (int i = 1; i < message.length; i++) {
                if (!EMPTY_LOCATION.matcher(message[i]).matches()) {
                    report.append('\n').append(message[i]);
                }
            }
            String text = cell.line(line);
            report.append('\n').append(text).append('\n').append(caretLine(text, column));
        }
        return new CompilationException(report.toString());
    }

    /**
     * @param thrown  what JShell reported for an exception thrown by snippet code
     * @param locator maps frames inside snippets to cell lines
     * @return a report with the exception class and message, the frames down to the cell line
     *         (library frames above it kept, at most {@link #MAX_FRAMES}) and the causes
     */
    static EvaluationException evaluation(EvalException thrown, SnippetLocator locator) {
        StringBuilder report = new StringBuilder();
        Throwable current = thrown;
        for (int depth = 0; current != null && depth < MAX_CAUSES; depth++) {
            if (depth > 0) {
                report.append("\nCaused by: ");
            }
            report.append(header(current));
            appendFrames(report, current.getStackTrace(), locator);
            current = current.getCause();
        }
        return new EvaluationException(report.toString());
    }

    private static String header(Throwable t) {
        String type = t instanceof EvalException e ? e.getExceptionClassName() : t.getClass().getName();
        return t.getMessage() == null ? type : type + ": " + t.getMessage();
    }

    private static void appendFrames(StringBuilder report, StackTraceElement[] frames, SnippetLocator locator) {
        int shown = Math.min(frames.length, MAX_FRAMES);
        for (int i = 0; i < shown; i++) {
            StackTraceElement f = frames[i];
            String file = f.getFileName();
            report.append("\n    at ");
            if (file != null && file.startsWith("#")) {
                String method = f.getMethodName();
                if (!method.isEmpty()) {
                    report.append(method).append("(), ");
                }
                report.append(locator.locate(file.substring(1), f.getLineNumber()));
            } else {
                report.append(f);
            }
        }
        if (frames.length > shown) {
            report.append("\n    ... ").append(frames.length - shown).append(" more");
        }
    }

    private static String caretLine(String text, int column) {
        StringBuilder caret = new StringBuilder();
        for (int i = 0; i < column && i < text.length(); i++) {
            caret.append(text.charAt(i) == '\t' ? '\t' : ' ');
        }
        return caret.append('^').toString();
    }
}
