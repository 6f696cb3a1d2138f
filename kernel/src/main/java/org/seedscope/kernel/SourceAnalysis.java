package org.seedscope.kernel;

import java.util.List;
import java.util.stream.Collectors;
import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import org.dflib.jjava.jupyter.kernel.BaseKernel;

/**
 * What JShell's source analysis says about a cell that is not run: completions, documentation
 * and whether it is complete. A cell holds several snippets and magic lines, so each question is
 * put to the snippet around the cursor. Stateless; the caller runs these on the thread that owns
 * the JShell session.
 */
final class SourceAnalysis {
    /**
     * Completion candidates and the cell range they replace.
     *
     * @param options replacement texts, without duplicates
     * @param start   first replaced character in the cell
     * @param end     end (exclusive) of the replaced range
     */
    record Completion(List<String> options, int start, int end) {}

    /** Cursor position resolved to the snippet that holds it. */
    private record Located(String snippet, int start, int cursor) {}

    private SourceAnalysis() {}

    /**
     * @param shell  the session
     * @param code   a cell
     * @param cursor cursor offset in the cell
     * @return JShell's completions for the snippet around the cursor; none inside a magic line
     */
    static Completion complete(JShell shell, String code, int cursor) {
        Located at = snippetAt(shell, code, cursor);
        if (at == null) {
            return new Completion(List.of(), cursor, cursor);
        }
        int[] anchor = new int[1];
        List<String> options = shell.sourceCodeAnalysis()
                .completionSuggestions(at.snippet, at.cursor, anchor).stream()
                .map(SourceCodeAnalysis.Suggestion::continuation)
                .distinct()
                .collect(Collectors.toList());
        return new Completion(options, at.start + anchor[0], cursor);
    }

    /**
     * @param shell  the session
     * @param code   a cell
     * @param cursor cursor offset in the cell
     * @return JShell's documentation of what is at the cursor, one entry per overload (Javadoc
     *         only where the JDK ships sources); empty if nothing is known
     */
    static List<SourceCodeAnalysis.Documentation> documentation(JShell shell, String code, int cursor) {
        Located at = snippetAt(shell, code, cursor);
        return at == null ? List.of() : shell.sourceCodeAnalysis().documentation(at.snippet, at.cursor, true);
    }

    /**
     * @param shell the session
     * @param code  a cell
     * @return {@link BaseKernel#IS_COMPLETE_YES}, {@link BaseKernel#IS_COMPLETE_BAD} if JShell
     *         cannot parse it, or an indent ({@code ""}) if more input is expected
     */
    static String isComplete(JShell shell, String code) {
        for (CellSource.Segment segment : new CellSource(code).segments()) {
            if (segment.magic()) {
                continue;
            }
            String rest = segment.text();
            while (!rest.isBlank()) {
                CompletionInfo info = shell.sourceCodeAnalysis().analyzeCompletion(rest);
                switch (info.completeness()) {
                    case COMPLETE, COMPLETE_WITH_SEMI -> rest = info.remaining();
                    case EMPTY -> rest = "";
                    case UNKNOWN -> {
                        return BaseKernel.IS_COMPLETE_BAD;
                    }
                    default -> {
                        return "";
                    }
                }
            }
        }
        return BaseKernel.IS_COMPLETE_YES;
    }

    /** @return the snippet of {@code code} around {@code cursor}, or null inside a magic line */
    private static Located snippetAt(JShell shell, String code, int cursor) {
        for (CellSource.Segment segment : new CellSource(code).segments()) {
            int end = segment.offset() + segment.text().length();
            if (cursor < segment.offset() || cursor > end) {
                continue;
            }
            if (segment.magic()) {
                return null;
            }
            String rest = segment.text();
            int start = segment.offset();
            while (true) {
                CompletionInfo info = shell.sourceCodeAnalysis().analyzeCompletion(rest);
                int consumed = info.completeness().isComplete() ? rest.length() - info.remaining().length() : rest.length();
                if (cursor <= start + consumed || consumed == 0 || consumed == rest.length()) {
                    return new Located(code.substring(start, cursor), start, cursor - start);
                }
                start += consumed;
                rest = rest.substring(consumed);
            }
        }
        return null;
    }
}
