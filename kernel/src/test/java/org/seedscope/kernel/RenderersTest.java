package org.seedscope.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

class RenderersTest {
    /** Stands in for a toolkit object that renders itself as PNG bytes. */
    public static final class PngBadge {
        private final byte[] png;

        PngBadge(byte[] png) {
            this.png = png;
        }

        public byte[] toPng() {
            return png;
        }

        @Override
        public String toString() {
            return "badge";
        }
    }

    @Test
    void longTablesShowTheFirstRowsAndCountTheRest() {
        Table table = Table.create(IntColumn.create("i", IntStream.range(0, 45).toArray()));
        String html = TableDisplay.html(table);
        int bodyRows = html.split("<tr>", -1).length - 1 - 1;
        assertEquals(TableDisplay.MAX_ROWS, bodyRows, "header row excluded");
        assertTrue(html.contains("<td>29</td>") && !html.contains("<td>30</td>"), html);
        assertTrue(html.endsWith("<p>\u2026 15 more rows</p>"), "hand computation: 45 - 30 = 15\n" + html);
        assertTrue(html.contains("<caption>45 rows \u00d7 1 column</caption>"), "unnamed table: shape only\n" + html);
    }

    @Test
    void shortTablesHaveNoNote() {
        String html = TableDisplay.html(Table.create("one", IntColumn.create("i", new int[] {7})));
        assertTrue(html.contains("<caption>one \u2014 1 row \u00d7 1 column</caption>"), html);
        assertTrue(html.contains("<tr><td>7</td></tr>"), html);
        assertTrue(html.endsWith("</table>"), html);
    }

    @Test
    void escapeCoversHtmlSpecialCharacters() {
        assertEquals("&lt;a href=&quot;x&quot;&gt;Tom&#39;s &amp; co&lt;/a&gt;",
                TableDisplay.escape("<a href=\"x\">Tom's & co</a>"));
    }

    @Test
    void objectsWithToPngAreShownAsThatPng() throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB), "png", png);
        Renderer renderer = new Renderer();
        Renderers.registerAll(renderer);
        DisplayData shown = renderer.render(new PngBadge(png.toByteArray()));
        assertEquals(Base64.getEncoder().encodeToString(png.toByteArray()), shown.getData(MIMEType.IMAGE_PNG));
        assertEquals("badge", shown.getData(MIMEType.TEXT_PLAIN));
    }
}
