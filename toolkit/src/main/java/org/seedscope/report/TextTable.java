package org.seedscope.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.seedscope.format.Numbers;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Plain-text tables and paragraphs for the terminal: columns separated by two spaces, the first
 * left-aligned and the others right-aligned, numbers formatted by {@link Numbers}; paragraphs
 * wrapped at word boundaries.
 */
public final class TextTable {

    /** Columns the terminal summary fits in. */
    public static final int WIDTH = 100;

    /** A decimal or scientific number standing alone (not part of a word or a version string). */
    private static final Pattern DECIMAL = Pattern.compile(
            "(?<![\\w.])-?(?:\\d+\\.\\d+(?:[eE][-+]?\\d+)?|\\d+[eE][-+]?\\d+)(?![\\w.]*\\d)");

    private TextTable() {
    }

    /**
     * @param text a sentence from elsewhere (e.g. a note of the statistics)
     * @return the sentence with every decimal number (such as "-1.417e-06" or "0.123456") printed
     *     by {@link Numbers#format(double)}; integers, version strings and identifiers unchanged
     */
    public static String numbersIn(String text) {
        Matcher m = DECIMAL.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(Numbers.format(Double.parseDouble(m.group()))));
        }
        return m.appendTail(sb).toString();
    }

    /**
     * @param head the column titles
     * @param body the rows, each as many cells as titles
     * @return the table, one line per row after the title line, each line ending in a newline
     * @throws IllegalArgumentException when a row has a different number of cells than titles
     */
    public static String render(List<String> head, List<List<String>> body) {
        for (List<String> row : body) {
            if (row.size() != head.size()) {
                throw new IllegalArgumentException("a row has " + row.size() + " cells but the table has "
                        + head.size() + " columns " + head + ": " + row);
            }
        }
        int[] widths = new int[head.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(head);
        all.addAll(body);
        for (List<String> row : all) {
            for (int c = 0; c < row.size(); c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.size(); c++) {
                String cell = row.get(c);
                if (c == 0) {
                    line.append(cell).append(" ".repeat(widths[0] - cell.length()));
                } else {
                    line.append("  ").append(Numbers.padLeft(cell, widths[c]));
                }
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    /**
     * @param t a Tablesaw table
     * @return all its columns, titled by name, doubles by {@link Numbers#value(Object)} (three
     *     significant figures, scientific notation for tiny values), missing cells blank
     */
    public static String of(Table t) {
        List<List<String>> body = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            List<String> row = new ArrayList<>();
            for (Column<?> c : t.columns()) {
                row.add(c.isMissing(r) ? "" : Numbers.value(c.get(r)));
            }
            body.add(row);
        }
        return render(t.columnNames(), body);
    }

    /**
     * @param text a paragraph; its leading spaces start the first line
     * @param width the widest line allowed
     * @param indent the start of every line after the first
     * @return the paragraph broken at spaces into lines of at most {@code width} characters (a
     *     single word longer than that stays whole), each ending in a newline
     */
    public static String wrap(String text, int width, String indent) {
        String body = text.stripLeading();
        StringBuilder sb = new StringBuilder();
        StringBuilder line = new StringBuilder(text.substring(0, text.length() - body.length()));
        int start = line.length();
        for (String word : body.strip().split(" +")) {
            if (line.length() > start && line.length() + 1 + word.length() > width) {
                sb.append(line).append('\n');
                line.setLength(0);
                line.append(indent);
                start = line.length();
            }
            if (line.length() > start) {
                line.append(' ');
            }
            line.append(word);
        }
        return sb.append(line).append('\n').toString();
    }
}
