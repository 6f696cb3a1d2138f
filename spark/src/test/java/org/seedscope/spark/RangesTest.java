package org.seedscope.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Cell positions in job descriptions: sorted, runs joined, long lists cut after eight ranges. */
class RangesTest {
    @Test
    void positionsAreWrittenAsSortedRanges() {
        assertEquals("0-2, 5, 9-10", Ranges.of(List.of(List.of(9, 10), List.of(0, 1, 2), List.of(5))));
        assertEquals("7", Ranges.of(List.of(List.of(7))));
        List<List<Integer>> evens = IntStream.range(0, 20).map(i -> 2 * i).boxed().map(List::of).toList();
        assertEquals("0, 2, 4, 6, 8, 10, 12, 14, … (12 more)", Ranges.of(evens));
    }
}
