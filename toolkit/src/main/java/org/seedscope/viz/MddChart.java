package org.seedscope.viz;

import java.awt.Color;
import java.awt.Font;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.Styler;
import org.seedscope.format.Numbers;
import org.seedscope.stats.Budget;
import tech.tablesaw.api.Table;

/**
 * Heat map of the minimum detectable difference (two-sided level-α z-test with the given power,
 * {@link Budget#minimumDetectableDifference}) over designs with I training seeds (x) and J
 * unlearning seeds per training seed (y).
 *
 * <p>The colour scale runs from 0 to the largest MDD rounded up to two significant digits; cell
 * values are printed with as many decimals as give the largest value {@value Numbers#SIGNIFICANT}
 * significant figures. Series {@value #SERIES}: x data = the I values and y data = the J values
 * (as strings, drawn as categories), heat data {x index, y index, MDD}.
 */
public final class MddChart {

    /** Name of the heat map's series. */
    public static final String SERIES = "MDD";
    /** Most decimals printed in a cell. */
    static final int MAX_DECIMALS = 6;

    private MddChart() {
    }

    /**
     * Draws the figure.
     *
     * @param s2T σ²_train ≥ 0
     * @param s2U σ²_unlearn ≥ 0
     * @param Is the I values, each ≥ 1, at least one
     * @param Js the J values, each ≥ 1, at least one
     * @param alpha the two-sided significance level in (0, 1)
     * @param power the power in (0, 1)
     * @return the chart
     * @throws IllegalArgumentException for bad components, counts, α or power, or empty grids
     */
    public static HeatMapChart of(double s2T, double s2U, int[] Is, int[] Js, double alpha,
            double power) {
        if (Is.length == 0 || Js.length == 0) {
            throw new IllegalArgumentException("need at least one I and one J value, got "
                    + Is.length + " and " + Js.length);
        }
        Table grid = Budget.mddGrid(s2T, s2U, Is, Js, alpha, power);
        List<Number[]> heat = new ArrayList<>();
        double max = 0;
        for (int r = 0; r < grid.rowCount(); r++) {
            double mdd = grid.doubleColumn("mdd").get(r);
            heat.add(new Number[] {r / Js.length, r % Js.length, mdd});
            max = Math.max(max, mdd);
        }
        HeatMapChart chart = new HeatMapChart(Theme.WIDTH, Theme.HEIGHT, Styler.ChartTheme.XChart);
        chart.setTitle("Minimum detectable difference (α = " + Numbers.format(alpha)
                + ", power " + Numbers.format(power) + ")");
        chart.setXAxisTitle("I: training seeds   (σ²_train = " + Numbers.format(s2T)
                + ", σ²_unlearn = " + Numbers.format(s2U) + ")");
        chart.setYAxisTitle("J: unlearning seeds per training seed");
        HeatMapStyler st = chart.getStyler();
        Theme.axes(st);
        st.setLegendPosition(Styler.LegendPosition.OutsideE);
        st.setLegendLayout(Styler.LegendLayout.Vertical);
        st.setShowValue(true);
        st.setValueFontColor(Color.BLACK);
        st.setValueFont(new Font(Theme.FONT, Font.PLAIN, 14));
        st.setRangeColors(new Color[] {new Color(0xE8, 0xF6, 0xEF), new Color(0xF0, 0xE4, 0x42),
            new Color(0xE6, 0x9F, 0x00)});
        st.setHeatMapValueDecimalPattern(decimalPattern(max));
        st.setMin(0);
        st.setMax(max > 0 ? new BigDecimal(max).round(new MathContext(2, RoundingMode.CEILING))
                .doubleValue() : 1);
        chart.addSeries(SERIES, labels(Is), labels(Js), heat);
        return chart;
    }

    /**
     * The DecimalFormat pattern giving {@code max} {@value Numbers#SIGNIFICANT} significant
     * figures: decimals = 3 − 1 − ⌊log10 max⌋, between 0 and {@value #MAX_DECIMALS}; "0.000"
     * for max ≤ 0.
     */
    static String decimalPattern(double max) {
        int decimals = max > 0 ? Numbers.SIGNIFICANT - 1 - (int) Math.floor(Math.log10(max))
                : Numbers.SIGNIFICANT;
        decimals = Math.max(0, Math.min(MAX_DECIMALS, decimals));
        return decimals == 0 ? "0" : "0." + "0".repeat(decimals);
    }

    private static List<String> labels(int[] values) {
        List<String> out = new ArrayList<>();
        for (int v : values) {
            out.add(Integer.toString(v));
        }
        return out;
    }
}
