package org.seedscope.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.seedscope.format.Numbers;

/**
 * The look shared by every SeedScope chart, and its encoders.
 *
 * <p>Size {@value #WIDTH} x {@value #HEIGHT} pixels (per-method charts grow wider when many or
 * long method names need room); white background; sans-serif text, 16 pt titles, 15 pt axis
 * titles, 13 pt tick labels and legend; legend below the plot; Okabe–Ito colours (Algorithm 1
 * vermilion, Algorithm 2 blue, sky-blue bars); Retrain references in grey; y tick labels and
 * numbers in titles formatted by {@link Numbers}.
 */
public final class Theme {

    /** Default chart width in pixels. */
    public static final int WIDTH = 900;
    /** Default chart height in pixels. */
    public static final int HEIGHT = 600;

    static final Color ALGORITHM_1 = new Color(0xD5, 0x5E, 0x00);
    static final Color ALGORITHM_2 = new Color(0x00, 0x72, 0xB2);
    static final Color SKY_BLUE = new Color(0x56, 0xB4, 0xE9);
    static final Color REFERENCE = new Color(0x55, 0x55, 0x55);
    static final String FONT = Font.SANS_SERIF;

    private Theme() {
    }

    /**
     * Encodes a chart as PNG at its own size.
     *
     * @param chart the chart
     * @return the PNG bytes
     * @throws UncheckedIOException when encoding fails
     */
    public static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode chart '" + chart.getTitle()
                    + "' as PNG", e);
        }
    }

    /**
     * Encodes a chart as SVG (VectorGraphics2D through XChart's {@link VectorGraphicsEncoder}).
     *
     * @param chart the chart
     * @return the SVG document
     * @throws UncheckedIOException when encoding fails
     */
    public static String svg(Chart<?, ?> chart) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            VectorGraphicsEncoder.saveVectorGraphic(chart, out,
                    VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode chart '" + chart.getTitle()
                    + "' as SVG", e);
        }
    }

    /**
     * Writes a chart to a file whose extension picks the format: ".png" or ".svg"
     * (case-insensitive). Parent folders are created.
     *
     * @param chart the chart
     * @param file the destination
     * @throws IllegalArgumentException for any other extension
     * @throws UncheckedIOException when writing fails
     */
    public static void save(Chart<?, ?> chart, Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        byte[] bytes;
        if (name.endsWith(".png")) {
            bytes = png(chart);
        } else if (name.endsWith(".svg")) {
            bytes = svg(chart).getBytes(StandardCharsets.UTF_8);
        } else {
            throw new IllegalArgumentException("cannot save a chart as " + file
                    + ": the file name must end in .png or .svg");
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart to " + file, e);
        }
    }

    /**
     * An XY chart whose x axis holds one method per integer position 0..n−1 (range −0.5 to
     * n − 0.5), labelled by {@link #methodTick}.
     */
    static XYChart methodChart(String title, String xTitle, String yTitle, List<String> methods) {
        XYChart chart = new XYChart(widthFor(methods), HEIGHT);
        chart.setTitle(title);
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle(yTitle);
        AxesChartStyler st = chart.getStyler();
        axes(st);
        st.setXAxisMin(-0.5);
        st.setXAxisMax(methods.size() - 0.5);
        st.setPlotGridVerticalLinesVisible(false);
        st.setMarkerSize(9);
        chart.setCustomXAxisTickLabelsFormatter(x -> methodTick(methods, x));
        chart.setCustomYAxisTickLabelsFormatter(Numbers::format);
        return chart;
    }

    /** A category chart (one category per method) in the shared look. */
    static CategoryChart categoryChart(String title, String xTitle, String yTitle,
            List<String> categories) {
        CategoryChart chart = new CategoryChart(widthFor(categories), HEIGHT);
        chart.setTitle(title);
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle(yTitle);
        axes(chart.getStyler());
        chart.getStyler().setXAxisLabelRotation(categories.size() > 6 ? 30 : 0);
        chart.setCustomYAxisTickLabelsFormatter(Numbers::format);
        return chart;
    }

    /** Width that leaves every method name room: 900 px, or more for many or long names. */
    static int widthFor(List<String> methods) {
        int longest = methods.stream().mapToInt(String::length).max().orElse(0);
        return Math.max(WIDTH, 160 + methods.size() * (30 + 9 * longest));
    }

    /**
     * The x tick label at x: the method name at an integer position, else an invisible label.
     * XChart places ticks at round steps of its own choosing and drops all of them when two
     * labels are equal (AxisTickCalculator_.areAllTickLabelsUnique), so the positions between
     * methods get zero-width spaces of a length unique to the position.
     */
    static String methodTick(List<String> methods, double x) {
        long k = Math.round(x);
        if (Math.abs(x - k) < 1e-6 && k >= 0 && k < methods.size()) {
            return methods.get((int) k);
        }
        return "\u200B".repeat(1 + (int) Math.max(0, Math.round((x + 2) * 10)));
    }

    /** The shared look of axes charts. */
    static void axes(AxesChartStyler st) {
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotBorderColor(Color.GRAY);
        st.setPlotGridLinesColor(new Color(0xE0, 0xE0, 0xE0));
        st.setChartTitleFont(new Font(FONT, Font.BOLD, 16));
        st.setChartTitleBoxVisible(false);
        st.setAxisTitleFont(new Font(FONT, Font.PLAIN, 15));
        st.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 13));
        st.setLegendFont(new Font(FONT, Font.PLAIN, 13));
        st.setLegendPosition(Styler.LegendPosition.OutsideS);
        st.setLegendLayout(Styler.LegendLayout.Horizontal);
        st.setLegendBorderColor(Color.WHITE);
        st.setAntiAlias(true);
        st.setErrorBarsColorSeriesColor(true);
        st.setLocale(Locale.ROOT);
    }

    /** A solid line of the given colour and width, without markers. */
    static XYSeries line(XYSeries s, Color color, float width) {
        s.setLineColor(color);
        s.setLineStyle(new BasicStroke(width));
        s.setMarker(SeriesMarkers.NONE);
        s.setMarkerColor(color);
        return s;
    }

    /** A dashed stroke: dashes of {@code dash} px, gaps of 5 px. */
    static BasicStroke dashed(float width, float dash) {
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {dash, 5f}, 0f);
    }

    /**
     * One series of several pieces, each given as x0, y0, x1, y1, ...; pieces are separated by a
     * NaN point, where XChart lifts the pen (and closes a PolygonArea).
     */
    static XYSeries pieces(XYChart chart, String name, List<double[]> pieces) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (double[] piece : pieces) {
            if (!xs.isEmpty()) {
                xs.add(Double.NaN);
                ys.add(Double.NaN);
            }
            for (int i = 0; i < piece.length; i += 2) {
                xs.add(piece[i]);
                ys.add(piece[i + 1]);
            }
        }
        return chart.addSeries(name, xs, ys);
    }

    /**
     * A translucent grey reference band: one filled rectangle from x = left to right between y = lo
     * and hi, without outline or markers.
     */
    static XYSeries band(XYChart chart, String name, double left, double right, double lo, double hi) {
        XYSeries band = chart.addSeries(name, new double[] {left, right, right, left},
                new double[] {lo, lo, hi, hi});
        band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        band.setFillColor(translucent(REFERENCE, 0x30));
        band.setLineColor(REFERENCE);
        band.setLineStyle(SeriesLines.NONE);
        band.setMarker(SeriesMarkers.NONE);
        return band;
    }

    /** The colour with the given alpha (0–255). */
    static Color translucent(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }
}
