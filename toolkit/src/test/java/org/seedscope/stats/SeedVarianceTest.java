package org.seedscope.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class SeedVarianceTest {

    /** Builds result rows; seeds as LONG columns when {@code longSeeds}, else INTEGER. */
    static Table rows(boolean longSeeds, List<Object[]> cells) {
        StringColumn scenario = StringColumn.create("scenario");
        StringColumn method = StringColumn.create("method");
        StringColumn protocol = StringColumn.create("protocol");
        StringColumn status = StringColumn.create("status");
        IntColumn ti = IntColumn.create("train_seed");
        IntColumn ui = IntColumn.create("unlearn_seed");
        LongColumn tl = LongColumn.create("train_seed");
        LongColumn ul = LongColumn.create("unlearn_seed");
        DoubleColumn forget = DoubleColumn.create("forget_acc");
        for (Object[] c : cells) {
            scenario.append((String) c[0]);
            method.append((String) c[1]);
            protocol.append((String) c[2]);
            ti.append((Integer) c[3]);
            tl.append((Integer) c[3]);
            ui.append((Integer) c[4]);
            ul.append((Integer) c[4]);
            status.append((String) c[5]);
            forget.append((Double) c[6]);
        }
        return longSeeds
                ? Table.create("results", scenario, method, protocol, tl, ul, status, forget)
                : Table.create("results", scenario, method, protocol, ti, ui, status, forget);
    }

    /** The 3 x 4 hand design of VarianceComponentsTest as grid rows of method "A". */
    static List<Object[]> gridCells(String method, double[][] groups) {
        List<Object[]> cells = new ArrayList<>();
        for (int i = 0; i < groups.length; i++) {
            for (int j = 0; j < groups[i].length; j++) {
                // unlearning seeds in the paper's mapping s_u = (i-1)J + j, listed backwards to
                // check that rows are ordered by seed, not by position
                int su = i * groups[i].length + (groups[i].length - j);
                cells.add(new Object[] {"full:Shirt", method, "grid", i + 1, su, "ok",
                    groups[i][groups[i].length - 1 - j]});
            }
        }
        return cells;
    }

    @Test
    void tableEntryMatchesArrayEntryForIntAndLongSeeds() {
        for (boolean longSeeds : new boolean[] {false, true}) {
            List<Object[]> cells = gridCells("A", VarianceComponentsTest.BALANCED);
            cells.add(new Object[] {"full:Shirt", "A", "grid", 9, 99, "failed", Double.NaN});
            SeedVariance sv = SeedVariance.of(rows(longSeeds, cells), "forget_acc");
            VarianceComponents v = sv.components("full:Shirt", "A", "grid").orElseThrow();
            assertEquals(118.0 / 12, v.sigma2Train().getAsDouble(), 1e-12, "hand computation");
            assertEquals(11.0 / 3, v.sigma2Unlearn().getAsDouble(), 1e-12, "hand computation");
            assertEquals(1, sv.skippedRows(), "the failed row is skipped, not analysed");
            Table t = sv.table();
            assertEquals(1, t.rowCount());
            assertEquals(59.0 / 81, t.doubleColumn("icc").get(0), 1e-12);
            assertEquals(v.iccInterval().get().lower(), t.doubleColumn("icc_lo").get(0), 0.0);
            assertEquals(1, t.intColumn("skipped_rows").get(0));
            assertFalse(t.booleanColumn("deterministic").get(0));
        }
    }

    @Test
    void protocolsAreKeptApartAndNonEstimableCellsAreMissing() {
        List<Object[]> cells = gridCells("SSD", new double[][] {{1, 1}, {2, 2}});
        cells.add(new Object[] {"full:Shirt", "SSD", "one-training-seed", 1, 1, "ok", 0.5});
        cells.add(new Object[] {"full:Shirt", "SSD", "one-training-seed", 1, 2, "ok", 0.5});
        cells.add(new Object[] {"full:Shirt", "Finetune", "grid", 1, 1, "oom", 0.0});
        Table t = SeedVariance.of(rows(false, cells), "forget_acc").table();
        assertEquals(3, t.rowCount());
        assertEquals(List.of("grid", "one-training-seed", "grid"), t.stringColumn("protocol").asList());
        assertTrue(t.booleanColumn("deterministic").get(0));
        assertTrue(t.doubleColumn("sigma2_train").isMissing(1), "I = 1: not estimable");
        assertTrue(t.stringColumn("notes").get(1).contains("I = 1"));
        assertEquals("no rows with status ok", t.stringColumn("notes").get(2));
        assertEquals(1, t.intColumn("skipped_rows").get(2));
    }

    @Test
    void badTablesFailWithTeachingMessages() {
        Table ok = rows(false, gridCells("A", VarianceComponentsTest.BALANCED));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> SeedVariance.of(ok, "mia"));
        assertTrue(missing.getMessage().contains("'mia'"), missing.getMessage());

        List<Object[]> nan = gridCells("A", VarianceComponentsTest.BALANCED);
        nan.add(new Object[] {"full:Shirt", "A", "grid", 5, 1, "ok", Double.NaN});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SeedVariance.of(rows(false, nan), "forget_acc"));
        assertTrue(e.getMessage().contains("row 12"), e.getMessage());

        List<Object[]> dup = gridCells("A", VarianceComponentsTest.BALANCED);
        dup.add(new Object[] {"full:Shirt", "A", "grid", 1, 1, "ok", 0.3});
        IllegalArgumentException d = assertThrows(IllegalArgumentException.class,
                () -> SeedVariance.of(rows(false, dup), "forget_acc"));
        assertTrue(d.getMessage().contains("repeats the cell"), d.getMessage());

        Table noStatus = ok.copy().removeColumns("status");
        assertThrows(IllegalArgumentException.class, () -> SeedVariance.of(noStatus, "forget_acc"));
    }
}
