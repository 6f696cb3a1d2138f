package org.seedscope.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.BooleanColumn;
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
            assertFalse(t.booleanColumn("within_seed_constant").get(0));
            assertTrue(t.booleanColumn("deterministic").isMissing(0), "no declared property");
            assertEquals("varying", t.stringColumn("constancy").get(0));
            assertEquals(13.5, t.doubleColumn("total").get(0), 1e-12, "hand computation");
            RemlEstimate reml = sv.entries().get(0).reml().orElseThrow();
            assertEquals(118.0 / 12, reml.sigma2Train(), 1e-9, "balanced: REML = ANOVA");
            assertEquals(reml.sigma2TrainInterval().get().upper(),
                    sv.remlTable().doubleColumn("sigma2_train_hi").get(0), 0.0);
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
        assertTrue(t.booleanColumn("within_seed_constant").get(0), "what the data show");
        assertTrue(t.doubleColumn("sigma2_train").isMissing(1), "I = 1: not estimable");
        assertTrue(t.doubleColumn("mean_lo").isMissing(1), "I = 1: no interval for the mean");
        assertEquals("constant", t.stringColumn("constancy").get(1), "0.5 twice, inside [0, 1]");
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

        List<Object[]> dup = gridCells("A", VarianceComponentsTest.BALANCED);
        dup.add(new Object[] {"full:Shirt", "A", "grid", 1, 1, "ok", 0.3});
        IllegalArgumentException d = assertThrows(IllegalArgumentException.class,
                () -> SeedVariance.of(rows(false, dup), "forget_acc"));
        assertTrue(d.getMessage().contains("repeats the cell"), d.getMessage());

        Table noStatus = ok.copy().removeColumns("status");
        assertThrows(IllegalArgumentException.class, () -> SeedVariance.of(noStatus, "forget_acc"));
    }

    /** Adds a {@code deterministic} column (text, as results.csv holds it) to result rows. */
    static Table withDeclared(Table rows, Map<String, String> byMethod) {
        StringColumn d = StringColumn.create("deterministic");
        for (int r = 0; r < rows.rowCount(); r++) {
            d.append(byMethod.get(rows.stringColumn("method").get(r)));
        }
        return rows.copy().addColumns(d);
    }

    @Test
    void declaredDeterminismIsReportedAndFloorsAreNotCalledDeterministic() {
        // issue 11 item 7: Retrain with forget accuracy 0 everywhere read "deterministic"
        List<Object[]> cells = gridCells("retrain", new double[][] {{0, 0}, {0, 0}, {0, 0}});
        cells.addAll(gridCells("ssd", new double[][] {{0.2, 0.2}, {0.4, 0.4}, {0.3, 0.3}}));
        cells.addAll(gridCells("finetune", new double[][] {{1, 1}, {1, 1}, {1, 1}}));
        for (int i = 1; i <= 3; i++) {
            cells.add(new Object[] {"full:Shirt", "ssd", "many-training-seeds", i, i, "ok",
                0.1 * i});
        }
        Table rows = withDeclared(rows(false, cells),
                Map.of("retrain", "false", "ssd", "true", "finetune", "false"));
        Table t = SeedVariance.of(rows, "forget_acc").table();
        assertEquals(List.of("retrain", "ssd", "finetune", "ssd"), t.stringColumn("method").asList());
        assertFalse(t.booleanColumn("deterministic").get(0), "declared, not inferred");
        assertEquals("floor", t.stringColumn("constancy").get(0));
        assertTrue(t.booleanColumn("deterministic").get(1));
        assertEquals("varying", t.stringColumn("constancy").get(1));
        assertTrue(t.booleanColumn("within_seed_constant").get(1));
        assertEquals("ceiling", t.stringColumn("constancy").get(2));
        assertFalse(t.booleanColumn("deterministic").get(2));
        // I x 1 (Algorithm 2): sigma2_unlearn and within-seed constancy are n/a, not false;
        // the total is the spread across training seeds, var(0.1, 0.2, 0.3) = 0.01
        assertTrue(t.booleanColumn("within_seed_constant").isMissing(3));
        assertTrue(t.doubleColumn("sigma2_unlearn").isMissing(3));
        assertEquals(0.01, t.doubleColumn("total").get(3), 1e-12, "hand computation");
        assertTrue(t.doubleColumn("total_lo").get(3) < 0.01 && t.doubleColumn("total_hi").get(3) > 0.01);
        // a boolean deterministic column works too
        Table b = rows(false, gridCells("ssd", new double[][] {{1, 1}, {2, 2}}));
        BooleanColumn flag = BooleanColumn.create("deterministic");
        for (int r = 0; r < b.rowCount(); r++) {
            flag.append(true);
        }
        b.addColumns(flag);
        assertEquals(Optional.of(true), SeedVariance.of(b, "forget_acc").entries().get(0)
                .declaredDeterministic());
    }

    @Test
    void aNonFiniteMetricInAnOkRowGivesANoteNotAnException() {
        // issue 11 item 8: one NaN made SeedVariance, SeedLottery and Wasserstein throw
        List<Object[]> cells = gridCells("A", VarianceComponentsTest.BALANCED);
        cells.add(new Object[] {"full:Shirt", "A", "grid", 5, 1, "ok", Double.NaN});
        cells.add(new Object[] {"full:Shirt", "A", "one-training-seed", 1, 1, "ok", 0.5});
        cells.add(new Object[] {"full:Shirt", "A", "one-training-seed", 1, 2, "ok", Double.NaN});
        cells.add(new Object[] {"full:Shirt", "A", "many-training-seeds", 1, 1, "ok", 0.4});
        cells.add(new Object[] {"full:Shirt", "A", "many-training-seeds", 2, 2, "ok", 0.6});
        Table rows = rows(false, cells);
        SeedVariance sv = SeedVariance.of(rows, "forget_acc");
        VarianceComponents v = sv.components("full:Shirt", "A", "grid").orElseThrow();
        assertEquals(118.0 / 12, v.sigma2Train().getAsDouble(), 1e-12, "NaN row left out");
        String note = sv.table().stringColumn("notes").get(0);
        assertTrue(note.contains("non-finite forget_acc") && note.contains("train_seed 5"), note);
        Table lottery = SeedLottery.summary(rows, "forget_acc");
        assertTrue(lottery.stringColumn("notes").get(0).contains("non-finite"));
        Table w = Wasserstein.compareProtocols(rows, "forget_acc", "one-training-seed",
                "many-training-seeds", 50, 0.95, 1);
        assertEquals(1, w.intColumn("n_a").get(0), "the NaN run is left out");
        assertTrue(w.stringColumn("notes").get(0).contains("unlearn_seed 2"));
        assertTrue(Bootstrap.meanTable(rows, "forget_acc", 50, 0.95, 1).stringColumn("notes")
                .get(0).contains("non-finite"));
    }
}
