package org.seedscope.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of one notebook cell: its split into Java code and line magics, and the mapping from
 * character offsets to cell lines used in error reports.
 */
final class CellSource {
    /** A line magic: {@code %name args} alone on its line, optionally indented. */
    private static final Pattern MAGIC_LINE = Pattern.compile("^[ \\t]*%([A-Za-z][\\w-]*)(.*)$");

    /**
     * A run of consecutive code lines, or one magic line.
     *
     * @param text   the code, or for a magic the whole line
     * @param offset where {@code text} starts in the cell
     * @param magic  whether this is a line magic
     */
    record Segment(String text, int offset, boolean magic) {
        /** @return the magic's name, for example {@code maven} */
        String magicName() {
            return matcher().group(1);
        }

        /** @return the magic's whitespace-separated arguments */
        List<String> magicArgs() {
            String args = matcher().group(2).strip();
            return args.isEmpty() ? List.of() : List.of(args.split("\\s+"));
        }

        private Matcher matcher() {
            Matcher m = MAGIC_LINE.matcher(text);
            if (!magic || !m.matches()) {
                throw new IllegalStateException("not a magic line: " + text);
            }
            return m;
        }
    }

    private final String text;

    CellSource(String text) {
        this.text = text;
    }

    /** @return the cell text */
    String text() {
        return text;
    }

    /** @return the cell cut into code runs and magic lines, in order, covering every line */
    List<Segment> segments() {
        List<Segment> out = new ArrayList<>();
        int codeStart = 0;
        int lineStart = 0;
        while (lineStart <= text.length()) {
            int newline = text.indexOf('\n', lineStart);
            int lineEnd = newline < 0 ? text.length() : newline;
            String line = text.substring(lineStart, lineEnd);
            if (MAGIC_LINE.matcher(line).matches()) {
                if (lineStart > codeStart) {
                    out.add(new Segment(text.substring(codeStart, lineStart), codeStart, false));
                }
                out.add(new Segment(line, lineStart, true));
                codeStart = lineEnd + 1;
            }
            if (newline < 0) {
                break;
            }
            lineStart = newline + 1;
        }
        if (codeStart < text.length()) {
            out.add(new Segment(text.substring(codeStart), codeStart, false));
        }
        return out;
    }

    /**
     * @param offset a character offset into the cell, clamped to {@code [0, length]}
     * @return the 1-based line holding that offset
     */
    int lineAt(int offset) {
        int end = Math.max(0, Math.min(offset, text.length()));
        int line = 1;
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** @return the 0-based column of {@code offset} within its line */
    int columnAt(int offset) {
        int end = Math.max(0, Math.min(offset, text.length()));
        return end - (text.lastIndexOf('\n', end - 1) + 1);
    }

    /** @return the text of 1-based line {@code line}, without its newline; empty if out of range */
    String line(int line) {
        String[] lines = text.split("\n", -1);
        return line >= 1 && line <= lines.length ? lines[line - 1] : "";
    }
}
