package org.seedscope.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import tech.tablesaw.api.Table;

class ThemeTest {

    private final Table rows = SmallStudy.table("ssd");

    @Test
    void everyFigureSharesTheTheme() {
        List<Chart<?, ?>> charts = List.of(Charts.oneSeedVsMany(rows, "forget_acc", "s"),
                Charts.wassersteinByMethod(rows, "forget_acc", "s"),
                Charts.varianceComponents(rows, "forget_acc", "s", ResultRows.ONE_SEED),
                Charts.seedLottery(rows, "forget_acc", "s", ResultRows.MANY_SEEDS),
                Charts.mddHeatmap(0.01, 0.04, new int[] {1, 4}, new int[] {2, 8}, 0.05, 0.8));
        for (Chart<?, ?> c : charts) {
            AxesChartStyler st = (AxesChartStyler) c.getStyler();
            String name = c.getClass().getSimpleName() + " '" + c.getTitle() + "'";
            assertEquals(16, st.getChartTitleFont().getSize(), name);
            assertEquals(15, st.getAxisTitleFont().getSize(), name);
            assertEquals(13, st.getAxisTickLabelsFont().getSize(), name);
            assertEquals(Theme.FONT, st.getAxisTickLabelsFont().getFamily(), name);
            assertEquals(Color.WHITE, st.getChartBackgroundColor(), name);
            assertTrue(c.getWidth() >= Theme.WIDTH && c.getHeight() == Theme.HEIGHT, name);
        }
    }

    @Test
    void yTickLabelsUseTheNumberFormatter() {
        var chart = Charts.varianceComponents(rows, "forget_acc", "s", ResultRows.ONE_SEED);
        var format = chart.getStyler().getyAxisTickLabelsFormattingFunction();
        assertEquals("1.23e-4", format.apply(0.00012345), "variances are tiny: scientific");
        assertEquals("0.5", format.apply(0.5));
        var boxes = Charts.oneSeedVsMany(rows, "forget_acc", "s");
        assertEquals("0.125", boxes.getStyler().getyAxisTickLabelsFormattingFunction()
                .apply(0.125));
    }

    @Test
    void heatMapNumbersHaveThreeSignificantFiguresOfTheLargestValue() {
        assertEquals("0.000", MddChart.decimalPattern(0.123));
        assertEquals("0.00", MddChart.decimalPattern(1.5));
        assertEquals("0.0", MddChart.decimalPattern(12));
        assertEquals("0", MddChart.decimalPattern(150));
        assertEquals("0.000000", MddChart.decimalPattern(1e-7), "at most 6 decimals");
        HeatMapChart chart = Charts.mddHeatmap(0.01, 0.04, new int[] {1, 4}, new int[] {2, 8},
                0.05, 0.8);
        assertEquals("Minimum detectable difference (α = 0.05, power 0.8)", chart.getTitle());
        assertTrue(chart.getXAxisTitle().endsWith("(σ²_train = 0.01, σ²_unlearn = 0.04)"),
                chart.getXAxisTitle());
    }
}
