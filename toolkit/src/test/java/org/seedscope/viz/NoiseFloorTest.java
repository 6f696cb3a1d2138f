package org.seedscope.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import tech.tablesaw.api.Table;

class NoiseFloorTest {

    private final Table rows = SmallStudy.table("ssd");

    @Test
    void floorsAreDrawnPerMethodAndMissingOnesStayEmpty() {
        CategoryChart chart = Charts.wassersteinByMethod(rows, "forget_acc", "s",
                Map.of("ssd", 0.05));
        CategorySeries floor = chart.getSeriesMap().get(WassersteinChart.FLOOR_SERIES);
        List<Number> values = new ArrayList<>(floor.getYData());
        assertEquals(List.of("retrain", "ssd"), new ArrayList<>(floor.getXData()));
        assertNull(values.get(0), "retrain has no floor: no bar");
        assertEquals(0.05, values.get(1).doubleValue(), 0.0);
        assertTrue(chart.getStyler().isOverlapped(), "the floor is drawn over the W2 bar");
        assertEquals(0.0, chart.getStyler().getYAxisMin(), 0.0);
        assertTrue(floor.getFillColor().getAlpha() < 255, "translucent, so the bar shows through");
    }

    @Test
    void floorOfAMethodWithoutABarIsRejectedWithTheMethodsDrawn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Charts.wassersteinByMethod(rows, "forget_acc", "s", Map.of("sdd", 0.05)));
        assertTrue(e.getMessage().contains("'sdd'") && e.getMessage().contains("[retrain, ssd]"),
                e.getMessage());
    }

    @Test
    void negativeNaNOrInfiniteFloorsAreRejected() {
        for (double bad : new double[] {-0.01, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Charts.wassersteinByMethod(rows, "forget_acc", "s", Map.of("ssd", bad)));
            assertTrue(e.getMessage().contains("'ssd'") && e.getMessage().contains("finite"),
                    e.getMessage());
        }
        Map<String, Double> nullFloor = new HashMap<>();
        nullFloor.put("ssd", null);
        assertThrows(IllegalArgumentException.class,
                () -> Charts.wassersteinByMethod(rows, "forget_acc", "s", nullFloor));
    }
}
