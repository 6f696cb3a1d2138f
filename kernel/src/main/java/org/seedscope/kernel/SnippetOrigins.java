package org.seedscope.kernel;

import java.util.HashMap;
import java.util.Map;

/**
 * Where each JShell snippet of a session came from, to turn stack frames that point into
 * snippets ({@code #id}, line) into cell lines. Used on the session's worker thread only.
 */
final class SnippetOrigins {
    /**
     * Where a snippet came from.
     *
     * @param code   the snippet from its first line of code on (see {@link #codeStart})
     * @param cell   the number of the cell it came from
     * @param offset where {@code code} starts in that cell
     */
    private record Origin(String code, long cell, int offset) {}

    private final Map<String, Origin> origins = new HashMap<>();

    /**
     * Records a snippet.
     *
     * @param snippetId JShell's snippet id
     * @param source    the snippet's source as evaluated
     * @param cell      the number of the cell it came from
     * @param offset    where {@code source} starts in that cell
     */
    void record(String snippetId, String source, long cell, int offset) {
        int start = codeStart(source);
        origins.put(snippetId, new Origin(source.substring(start), cell, offset + start));
    }

    /**
     * @param snippetId   JShell's snippet id, from a frame's file name {@code #id}
     * @param line        1-based line within that snippet
     * @param cellNumber  the number of the cell being evaluated
     * @param currentCell the cell being evaluated
     * @return for example {@code line 3 of the cell: int z = 1 / 0;}, or for a snippet of an
     *         earlier cell {@code line 2 of a snippet from an earlier cell: if (n % 2 != 0)}
     */
    String describe(String snippetId, int line, long cellNumber, CellSource currentCell) {
        Origin origin = origins.get(snippetId);
        if (origin == null) {
            return "line " + line + " of snippet #" + snippetId;
        }
        if (origin.cell() == cellNumber) {
            int cellLine = currentCell.lineAt(origin.offset()) + line - 1;
            return "line " + cellLine + " of the cell: " + currentCell.line(cellLine).strip();
        }
        String[] lines = origin.code().split("\n", -1);
        String text = line >= 1 && line <= lines.length ? lines[line - 1].strip() : "";
        return "line " + line + " of a snippet from an earlier cell: " + text;
    }

    /**
     * JShell numbers a snippet's lines in stack frames from its first character that is neither
     * whitespace nor inside a leading block comment (line comments count as code); found by
     * experiment on Java 17 and 25, while compiler diagnostics use offsets into the full source.
     *
     * @return the index of that character in {@code source}
     */
    static int codeStart(String source) {
        int i = 0;
        while (i < source.length()) {
            if (Character.isWhitespace(source.charAt(i))) {
                i++;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                if (end < 0) {
                    return i;
                }
                i = end + 2;
            } else {
                break;
            }
        }
        return i;
    }
}
