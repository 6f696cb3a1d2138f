package org.seedscope.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CellSourceTest {
    @Test
    void magicLinesSplitTheCellAndKeepOffsets() {
        String cell = "int a = 1;\n  %maven g:a:1 g:b:2\nint b = a\n    % 2;\n%maven x:y:3";
        List<CellSource.Segment> segments = new CellSource(cell).segments();
        assertEquals(4, segments.size(), segments::toString);
        assertEquals(new CellSource.Segment("int a = 1;\n", 0, false), segments.get(0));
        assertTrue(segments.get(1).magic());
        assertEquals("maven", segments.get(1).magicName());
        assertEquals(List.of("g:a:1", "g:b:2"), segments.get(1).magicArgs());
        CellSource.Segment code = segments.get(2);
        assertFalse(code.magic(), "'% 2' continues an expression, it is no magic");
        assertEquals("int b = a\n    % 2;\n", code.text());
        assertEquals(cell.indexOf("int b"), code.offset());
        assertEquals(List.of("x:y:3"), segments.get(3).magicArgs());
    }

    @Test
    void linesAndColumnsAreCountedFromOne() {
        CellSource cell = new CellSource("ab\n\tcd\n");
        assertEquals(1, cell.lineAt(0));
        assertEquals(2, cell.lineAt(3));
        assertEquals(1, cell.columnAt(4), "hand count: tab at column 0, 'c' at 1");
        assertEquals("\tcd", cell.line(2));
        assertEquals("", cell.line(9));
    }

    @Test
    void snippetLinesAreNumberedFromTheFirstCodeAfterBlankLinesAndBlockComments() {
        assertEquals(2, SnippetOrigins.codeStart("\n\nint x;") );
        String source = "\n/* a\n b */ // kept\nint y;";
        assertEquals(source.indexOf("// kept"), SnippetOrigins.codeStart(source));
    }
}
