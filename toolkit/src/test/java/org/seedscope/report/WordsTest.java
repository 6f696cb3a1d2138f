package org.seedscope.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordsTest {

    @Test
    void rangesUseAsManyFiguresAsTellTheEndsApart() {
        assertEquals("0.66–0.78", Words.range(0.66, 0.78));
        assertEquals("0.7591–0.7594", Words.range(0.75912, 0.75938));
        assertArrayEquals(new String[] {"0.12345", "0.12346"}, Words.ends(0.123451, 0.123459));
        assertEquals("0.5", Words.range(0.5, 0.5), "equal ends: one value");
    }

    @Test
    void percentagesNeverRoundAShareToAllOrNothing() {
        assertEquals("< 1 %", Words.percent(0.003));
        assertEquals("> 99 %", Words.percent(0.9991));
        assertEquals("100 %", Words.percent(1));
        assertEquals("0 %", Words.percent(0));
        assertEquals("94 %", Words.percent(0.93667));
    }

    @Test
    void meanAndSdIsExactlyZeroForEqualValues() {
        assertArrayEquals(new double[] {0.1, 0}, Words.meanAndSd(new double[] {0.1, 0.1, 0.1}));
        // hand computation: mean 2, sample variance ((1 + 0 + 1) / 2) = 1
        assertArrayEquals(new double[] {2, 1}, Words.meanAndSd(new double[] {1, 2, 3}), 1e-15);
        assertTrue(Double.isNaN(Words.meanAndSd(new double[] {4})[1]));
    }

    @Test
    void numbersInNotesAreReformattedButVersionsAndSeedsAreNot() {
        assertEquals("sigma2_train estimate -1.42e-6 < 0 (MSB < MSW), icc 0.123; onnxruntime 1.23.2, seed 20251030,"
                + " 95 % level 0.95.", TextTable.numbersIn("sigma2_train estimate -1.417e-06 < 0 (MSB < MSW), icc"
                + " 0.123456; onnxruntime 1.23.2, seed 20251030, 95 % level 0.95."));
    }

    @Test
    void textTablesAlignAndWrap() {
        String t = TextTable.render(List.of("method", "value"), List.of(List.of("ssd", "0.5"),
                List.of("bad-teacher", "0.25")));
        assertEquals("method       value\nssd            0.5\nbad-teacher   0.25\n", t);
        assertThrows(IllegalArgumentException.class, () -> TextTable.render(List.of("a", "b"),
                List.of(List.of("x"))));
        String wrapped = TextTable.wrap("  one two three four five six seven eight nine ten", 14, "    ");
        assertEquals("  one two\n    three four\n    five six\n    seven\n    eight nine\n    ten\n", wrapped);
        wrapped.lines().forEach(l -> assertTrue(l.length() <= 14, l));
    }
}
