package org.seedscope.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class SeedLotteryTest {

    @Test
    void perSeedMeansAndRange() {
        // hand computation: means 2, 5, 1; grand mean 8/3; min 1 (seed 30), max 5 (seed 20)
        SeedLottery l = SeedLottery.of(new long[] {10, 20, 30},
                new double[][] {{1, 2, 3}, {4, 6}, {0, 0, 3}});
        assertEquals(8.0 / 3, l.grandMean(), 1e-12, "hand computation");
        assertEquals(1, l.min(), 1e-12);
        assertEquals(5, l.max(), 1e-12);
        assertEquals(4, l.range(), 1e-12);
        assertEquals(30, l.minSeed());
        assertEquals(20, l.maxSeed());
        Table t = l.table();
        assertEquals(5 - 8.0 / 3, t.doubleColumn("deviation").get(1), 1e-12);
        assertThrows(IllegalArgumentException.class,
                () -> SeedLottery.of(new long[] {1}, new double[][] {{1}, {2}}));
    }

    @Test
    void tableEntrySummarisesEachGridSlice() {
        List<Object[]> cells = new ArrayList<>(SeedVarianceTest.gridCells("A",
                VarianceComponentsTest.BALANCED));
        Table rows = SeedVarianceTest.rows(true, cells);
        Map<Slice, SeedLottery> bySlice = SeedLottery.bySlice(rows, "forget_acc");
        SeedLottery l = bySlice.get(new Slice("full:Shirt", "A", "grid"));
        // seed means of the hand design: 2.5, 5, 9
        assertEquals(2.5, l.seedMeans()[0], 1e-12, "hand computation");
        Table s = SeedLottery.summary(rows, "forget_acc");
        assertEquals(6.5, s.doubleColumn("range").get(0), 1e-12, "hand computation: 9 - 2.5");
        assertEquals(5.5, s.doubleColumn("grand_mean").get(0), 1e-12, "hand computation");
        assertEquals(3, s.longColumn("max_seed").get(0));
    }
}
