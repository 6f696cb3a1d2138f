package org.seedscope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.seedscope.stats.SeedVariance;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** What a grid that cannot separate the two seeds' parts still reports (against hand sums). */
class SeedEstimateTest {
    private static final int SSD = 2;
    private static final int FINETUNE = 1;

    @Test
    void aGridWithOneRunPerTrainingSeedReportsTheTotalAndTheMean() {
        Table all = GridStudy.table();
        Table rows = all.where(all.stringColumn("protocol").isEqualTo("grid")
                .and(all.longColumn("unlearn_seed").eval(s -> (s - 1) % GridStudy.GRID_J == 0)));
        SeedEstimate e = SeedEstimate.of(SeedVariance.of(rows, "test_acc"), "full:A", "ssd");
        double[] v = new double[GridStudy.GRID_I];
        for (int i = 1; i <= v.length; i++) {
            v[i - 1] = GridStudy.value("full:A", SSD, "test_acc", i, 1);
        }
        assertEquals(SeedEstimate.ONE_RUN_GRID, e.source());
        assertEquals("grid 4 × 1", e.design());
        assertEquals(mean(v), e.meanEstimate().getAsDouble(), 1e-12);
        assertEquals(sampleVariance(v), e.total().getAsDouble(), 1e-12, "the spread across training seeds");
        assertTrue(e.sigma2Train().isEmpty() && e.sigma2Unlearn().isEmpty() && e.shareTrain().isEmpty());
        assertEquals(Optional.of(true), e.declaredDeterministic(), "ssd declares itself deterministic");
    }

    @Test
    void aGridOnOneTrainingSeedReportsTheUnlearningSeedsPart() {
        Table all = GridStudy.table();
        Table rows = all.where(all.stringColumn("protocol").isEqualTo("grid")
                .and(all.longColumn("train_seed").isEqualTo(1)));
        SeedEstimate e = SeedEstimate.of(SeedVariance.of(rows, "test_acc"), "full:A", "finetune");
        double[] v = new double[GridStudy.GRID_J];
        for (int j = 1; j <= v.length; j++) {
            v[j - 1] = GridStudy.value("full:A", FINETUNE, "test_acc", 1, j);
        }
        assertEquals(SeedEstimate.ONE_SEED_GRID, e.source());
        assertEquals("grid 1 × 3", e.design());
        assertEquals(sampleVariance(v), e.sigma2Unlearn().getAsDouble(), 1e-12);
        assertTrue(e.sigma2Train().isEmpty() && e.shareTrain().isEmpty());
        assertEquals(Optional.of(false), e.declaredDeterministic());
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double sampleVariance(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return s / (v.length - 1);
    }
}
