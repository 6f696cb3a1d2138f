package org.seedscope.kernel;

import java.awt.image.RenderedImage;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.common.Image;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.internal.series.AxesChartSeriesCategory;
import org.knowm.xchart.internal.series.AxesChartSeriesNumericalNoErrorBars;
import org.knowm.xchart.internal.series.Series;
import org.seedscope.study.StudyResult;
import tech.tablesaw.api.Table;

/**
 * How cell values are shown, on top of JJava's defaults (text for {@link CharSequence}s, PNG for
 * images):
 * <ul>
 *   <li>a Tablesaw {@link Table}: HTML and aligned text of its first rows with rounded numbers
 *       ({@link TableDisplay});</li>
 *   <li>a {@link StudyResult}: its rows, failures, folder and cache use ({@link StudyResultDisplay});</li>
 *   <li>any other Java record (the toolkit's statistics and audits, the notebook's own), and
 *       {@code Optional}s: their components with rounded numbers ({@link RecordDisplay}), plus
 *       the record's {@code toPng()} or {@code toHtml()} as below;</li>
 *   <li>{@code double[]}, {@code float[]}, {@code int[]}, {@code long[]} and their 2-D forms:
 *       abbreviated text with rounded numbers ({@link ArrayDisplay});</li>
 *   <li>an XChart {@link Chart}: a PNG of the chart at its size, plus a one-line text summary naming
 *       its type, title, size and how many series and data points it holds ({@link #summary}), so a
 *       text-only front end, and CI, can tell an empty chart from a drawn one;</li>
 *   <li>any {@link RenderedImage} (such as a {@code BufferedImage}): PNG, and "image W×H" as text;</li>
 *   <li>any other object with a public no-argument {@code toPng()} returning {@code byte[]} (PNG
 *       bytes) or {@code toHtml()} returning {@code String}: those, plus {@code toString()}.
 *       This lets toolkit classes render themselves without depending on the kernel.</li>
 * </ul>
 */
final class Renderers {
    private Renderers() {}

    /** Registers the renderers listed in the class comment with {@code renderer}. */
    static void registerAll(Renderer renderer) {
        renderer.createRegistration(Table.class)
                .preferring(MIMEType.TEXT_HTML)
                .register((table, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_HTML, () -> TableDisplay.html(table));
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> TableDisplay.text(table));
                });
        renderer.createRegistration(StudyResult.class)
                .preferring(MIMEType.TEXT_HTML)
                .register((result, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_HTML, () -> StudyResultDisplay.html(result));
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> StudyResultDisplay.text(result));
                });
        renderer.createRegistration(Record.class)
                .preferring(MIMEType.IMAGE_PNG, MIMEType.TEXT_HTML)
                .register((record, context) -> {
                    renderSelfDescribing(record, context);
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> RecordDisplay.text(record));
                });
        for (Class<?> type : List.of(Optional.class, OptionalDouble.class, OptionalInt.class, OptionalLong.class)) {
            renderer.createRegistration(type)
                    .preferring(MIMEType.TEXT_PLAIN)
                    .register((optional, context) -> context.renderIfRequested(MIMEType.TEXT_PLAIN,
                            () -> RecordDisplay.optional(optional)));
        }
        for (Class<?> type : ArrayDisplay.TYPES) {
            renderer.createRegistration(type)
                    .preferring(MIMEType.TEXT_PLAIN)
                    .register((array, context) -> context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> ArrayDisplay.text(array)));
        }
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

    private static void renderChart(Chart<?, ?> chart, RenderContext context) {
        if (context.wantsDataRenderedAs(MIMEType.IMAGE_PNG)) {
            Image.renderImage(BitmapEncoder.getBufferedImage(chart), context);
        }
        context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> summary(chart));
    }

    /**
     * @param chart an XChart chart
     * @return {@code TYPE "TITLE" W×H, S series, P points}: P counts the finite y values of XY and
     *     category series (a NaN is a gap, not a point), the cells of heat maps, and 1 for any other
     *     series (a pie slice)
     */
    static String summary(Chart<?, ?> chart) {
        long points = 0;
        for (Series series : chart.getSeriesMap().values()) {
            points += points(series);
        }
        int n = chart.getSeriesMap().size();
        return chart.getClass().getSimpleName() + " \"" + chart.getTitle() + "\" " + chart.getWidth() + "\u00d7"
                + chart.getHeight() + ", " + n + " series, " + points
                + (points == 1 ? " point" : " points");
    }

    private static long points(Series series) {
        if (series instanceof AxesChartSeriesNumericalNoErrorBars xy) {
            return Arrays.stream(xy.getYData()).filter(Double::isFinite).count();
        }
        if (series instanceof AxesChartSeriesCategory category) {
            return category.getYData().stream().filter(v -> v != null && Double.isFinite(v.doubleValue())).count();
        }
        if (series instanceof HeatMapSeries heat) {
            return heat.getHeatData().size();
        }
        return 1;
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
