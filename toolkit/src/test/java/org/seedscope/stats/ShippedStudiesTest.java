package org.seedscope.stats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * Every metric of every shipped study (datasets/studies): the analyses run without an
 * exception, and every interval they report contains its estimate and, for variances, only
 * non-negative values.
 */
class ShippedStudiesTest {

    @Test
    void everyIntervalOfEveryShippedMetricContainsItsEstimate() {
        int intervals = 0;
        int grids = 0;
        for (String study : new String[] {"demo", "grid", "rankings"}) {
            Table t = WassersteinTest.shipped(study);
            for (String metric : WassersteinTest.metrics(t)) {
                for (SeedVariance.Entry e : SeedVariance.of(t, metric).entries()) {
                    String where = study + " / " + metric + " / " + e.slice();
                    List<Optional<Interval>> all = new ArrayList<>();
                    e.components().ifPresent(v -> all.addAll(List.of(v.sigma2TrainInterval(),
                            v.sigma2UnlearnInterval(), v.totalInterval(), v.iccInterval(),
                            v.meanInterval())));
                    e.reml().ifPresent(r -> all.addAll(List.of(r.sigma2TrainInterval(),
                            r.sigma2UnlearnInterval())));
                    for (Optional<Interval> i : all) {
                        if (i.isPresent()) {
                            intervals++;
                            assertTrue(i.get().contains(i.get().estimate()), where + ": " + i.get());
                        }
                    }
                    e.components().flatMap(VarianceComponents::iccInterval).ifPresent(i ->
                            assertTrue(i.width() > 0, where + ": zero-width ICC interval " + i));
                }
                if (study.equals("grid")) {
                    GridModel g = GridModel.of(t, metric, "sub:Shirt");
                    assertTrue(g.sigma2Residual() > 0 && g.sigma2Seed() >= 0
                            && g.sigma2SeedMethod() >= 0, study + " / " + metric + ": " + g);
                    grids++;
                }
            }
        }
        assertTrue(intervals > 500, "intervals checked: " + intervals);
        assertTrue(grids > 10, "grid models fitted: " + grids);
    }
}
