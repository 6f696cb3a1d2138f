package org.seedscope.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Package-private: notes shown once. A table row refers to its notes by number ("1, 3"); the
 * distinct notes are listed once below the table, each with the rows it concerns.
 */
final class Footnotes {

    private final Map<String, List<String>> notes = new LinkedHashMap<>();

    /**
     * @param rowNotes the notes of one row
     * @param row a short name of the row, e.g. the method
     * @return the notes' numbers, e.g. "1, 3"; "" when there are none
     */
    String refer(List<String> rowNotes, String row) {
        List<String> numbers = new ArrayList<>();
        for (String note : rowNotes) {
            if (note.isBlank()) {
                continue;
            }
            List<String> rows = notes.computeIfAbsent(note.strip(), k -> new ArrayList<>());
            if (!rows.contains(row)) {
                rows.add(row);
            }
            numbers.add(Integer.toString(new ArrayList<>(notes.keySet()).indexOf(note.strip()) + 1));
        }
        return String.join(", ", numbers.stream().distinct().toList());
    }

    /** Writes the list of notes (nothing when there are none) and starts a new list. */
    void write(Html html) {
        if (notes.isEmpty()) {
            return;
        }
        html.raw("<ol class=\"notes\">\n");
        notes.forEach((note, rows) -> html.tag("li", TextTable.numbersIn(note) + " (" + String.join(", ", rows) + ")"));
        html.raw("</ol>\n");
        notes.clear();
    }
}
