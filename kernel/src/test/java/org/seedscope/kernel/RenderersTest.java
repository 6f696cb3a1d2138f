package org.seedscope.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
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

    @Test
    void chartsAreSummarisedWithTheirSeriesAndFinitePoints() {
        XYChart xy = new XYChart(300, 200);
        xy.setTitle("two lines");
        xy.addSeries("a", new double[] {1, 2, 3}, new double[] {0.5, Double.NaN, 0.7});
        xy.addSeries("b", new double[] {1}, new double[] {2});
        Renderer renderer = new Renderer();
        Renderers.registerAll(renderer);
        DisplayData shown = renderer.render(xy);
        assertEquals("XYChart \"two lines\" 300\u00d7200, 2 series, 3 points", shown.getData(MIMEType.TEXT_PLAIN));
        assertTrue(shown.getData(MIMEType.IMAGE_PNG) != null, "the chart is drawn as PNG too");

        CategoryChart bars = new CategoryChart(300, 200);
        assertEquals("CategoryChart \"\" 300\u00d7200, 0 series, 0 points", Renderers.summary(bars));
        bars.addSeries("w2", List.of("x", "y"), List.of(0.1, 0.2));
        assertTrue(Renderers.summary(bars).endsWith(", 1 series, 2 points"), Renderers.summary(bars));

        HeatMapChart heat = new HeatMapChart(300, 200);
        heat.addSeries("mdd", List.of(1, 2), List.of(1, 2, 3),
                List.of(new Number[] {0, 0, 1}, new Number[] {0, 1, 2}, new Number[] {1, 0, 3}));
        assertTrue(Renderers.summary(heat).endsWith(", 1 series, 3 points"), Renderers.summary(heat));
    }
}
