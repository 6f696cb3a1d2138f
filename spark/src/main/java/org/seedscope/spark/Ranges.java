package org.seedscope.spark;

import java.util.ArrayList;
import java.util.List;

/** Writes cell positions compactly for job descriptions, e.g. {@code 0-5, 9, 12-23}. */
final class Ranges {
    private static final int MAX_RANGES = 8;

    private Ranges() {}

    /**
     * @param tasks cell positions per task
     * @return the positions of all tasks, sorted, as ranges; after {@value #MAX_RANGES} ranges the
     *     rest is summarised as {@code … (N more)}
     */
    static String of(List<List<Integer>> tasks) {
        List<Integer> cells = tasks.stream().flatMap(List::stream).distinct().sorted().toList();
        List<String> ranges = new ArrayList<>();
        int i = 0;
        while (i < cells.size()) {
            int j = i;
            while (j + 1 < cells.size() && cells.get(j + 1) == cells.get(j) + 1) {
                j++;
            }
            ranges.add(i == j ? Integer.toString(cells.get(i)) : cells.get(i) + "-" + cells.get(j));
            i = j + 1;
        }
        if (ranges.size() <= MAX_RANGES) {
            return String.join(", ", ranges);
        }
        return String.join(", ", ranges.subList(0, MAX_RANGES)) + ", … (" + (ranges.size() - MAX_RANGES) + " more)";
    }
}
