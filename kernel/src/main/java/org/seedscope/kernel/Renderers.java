package org.seedscope.kernel;

import java.awt.image.RenderedImage;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Base64;
import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.common.Image;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * How cell values are shown, on top of JJava's defaults (text for {@link CharSequence}s, PNG for
 * images):
 * <ul>
 *   <li>a Tablesaw {@link Table}: an HTML table of at most {@value #MAX_TABLE_ROWS} rows, with a
 *       note on how many rows were left out, plus Tablesaw's own text rendering;</li>
 *   <li>an XChart {@link Chart}: a PNG of the chart at its size, plus a one-line text summary;</li>
 *   <li>any {@link RenderedImage} (such as a {@code BufferedImage}): PNG, and "image W×H" as text;</li>
 *   <li>any other object with a public no-argument {@code toPng()} returning {@code byte[]} (PNG
 *       bytes) or {@code toHtml()} returning {@code String}: those, plus {@code toString()}.
 *       This lets toolkit classes render themselves without depending on the kernel.</li>
 * </ul>
 */
final class Renderers {
    /** Rows of a table shown in HTML; the rest are counted in a note. */
    static final int MAX_TABLE_ROWS = 30;

    private Renderers() {}

    /** Registers the renderers listed in the class comment with {@code renderer}. */
    static void registerAll(Renderer renderer) {
        renderer.createRegistration(Table.class)
                .preferring(MIMEType.TEXT_HTML)
                .register((table, context) -> context.renderIfRequested(MIMEType.TEXT_HTML, () -> tableHtml(table)));
        renderer.createRegistration(Chart.class)
                .preferring(MIMEType.IMAGE_PNG)
                .register(Renderers::renderChart);
        renderer.createRegistration(RenderedImage.class)
                .preferring(MIMEType.TEXT_PLAIN)
                .register((image, context) -> context.renderIfRequested(MIMEType.TEXT_PLAIN,
                        () -> "image " + image.getWidth() + "\u00d7" + image.getHeight()));
        renderer.createRegistration(Object.class)
                .preferring(MIMEType.IMAGE_PNG, MIMEType.TEXT_HTML)
                .register(Renderers::renderSelfDescribing);
    }

    /**
     * @param table a table
     * @return an HTML table (content escaped) of its first {@value #MAX_TABLE_ROWS} rows, with a
     *         caption giving the table's name and shape and a note "… N more rows" when cut
     */
    static String tableHtml(Table table) {
        int rows = table.rowCount();
        int columns = table.columnCount();
        StringBuilder html = new StringBuilder("<table>\n<caption>");
        String name = table.name();
        if (name != null && !name.isBlank()) {
            html.append(escape(name)).append(" \u2014 ");
        }
        html.append(rows).append(rows == 1 ? " row" : " rows").append(" \u00d7 ")
                .append(columns).append(columns == 1 ? " column" : " columns").append("</caption>\n<thead><tr>");
        for (String column : table.columnNames()) {
            html.append("<th>").append(escape(column)).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        int shown = Math.min(rows, MAX_TABLE_ROWS);
        for (int r = 0; r < shown; r++) {
            html.append("<tr>");
            for (int c = 0; c < columns; c++) {
                html.append("<td>").append(escape(table.column(c).getString(r))).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>");
        if (rows > shown) {
            int more = rows - shown;
            html.append("\n<p>\u2026 ").append(more).append(more == 1 ? " more row" : " more rows").append("</p>");
        }
        return html.toString();
    }

    /** @return {@code text} with {@code & < > " '} replaced by HTML entities */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }

    private static void renderChart(Chart<?, ?> chart, RenderContext context) {
        if (context.wantsDataRenderedAs(MIMEType.IMAGE_PNG)) {
            Image.renderImage(BitmapEncoder.getBufferedImage(chart), context);
        }
        context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> chart.getClass().getSimpleName()
                + " \"" + chart.getTitle() + "\" " + chart.getWidth() + "\u00d7" + chart.getHeight());
    }

    private static void renderSelfDescribing(Object value, RenderContext context) {
        Method toPng = noArgMethod(value, "toPng", byte[].class);
        if (toPng != null) {
            context.renderIfRequested(MIMEType.IMAGE_PNG,
                    () -> Base64.getEncoder().encodeToString((byte[]) invoke(toPng, value)));
        }
        Method toHtml = noArgMethod(value, "toHtml", String.class);
        if (toHtml != null) {
            context.renderIfRequested(MIMEType.TEXT_HTML, () -> invoke(toHtml, value));
        }
    }

    private static Method noArgMethod(Object value, String name, Class<?> returnType) {
        try {
            Method m = value.getClass().getMethod(name);
            return m.getReturnType() == returnType && m.trySetAccessible() ? m : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static Object invoke(Method method, Object value) {
        try {
            return method.invoke(value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + method + " to display the value", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(value.getClass().getName() + "." + method.getName()
                    + "() failed while displaying the value: " + e.getCause(), e.getCause());
        }
    }
}
