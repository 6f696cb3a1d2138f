package org.seedscope.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class AlgorithmSamplesTest {

    /** A grid of I training seeds x J unlearning seeds (authors' mapping), value = 10 s_t + s_u. */
    private static Table grid(int bigI, int bigJ) {
        StringColumn protocol = StringColumn.create("protocol");
        StringColumn scenario = StringColumn.create("scenario");
        StringColumn method = StringColumn.create("method");
        LongColumn train = LongColumn.create("train_seed");
        LongColumn unlearn = LongColumn.create("unlearn_seed");
        StringColumn status = StringColumn.create("status");
        DoubleColumn value = DoubleColumn.create("forget_acc");
        for (String m : new String[] {"a", "b"}) {
            for (int i = 1; i <= bigI; i++) {
                for (int j = 1; j <= bigJ; j++) {
                    protocol.append("grid");
                    scenario.append("s");
                    method.append(m);
                    train.append(i);
                    unlearn.append((long) (i - 1) * bigJ + j);
                    status.append("ok");
                    value.append(10 * i + (i - 1) * bigJ + j);
                }
            }
        }
        return Table.create("grid", protocol, scenario, method, train, unlearn, status, value);
    }

    private static Table protocol(Table rows, String p) {
        return rows.where(rows.stringColumn("protocol").isEqualTo(p));
    }

    @Test
    void algorithmTwoIsTheGridsFirstUnlearningSeedOfEveryTrainingSeed() {
        Table rows = grid(4, 3);
        AlgorithmSamples s = AlgorithmSamples.of(rows);
        Table many = protocol(s.rows(), ResultRows.MANY_SEEDS);
        assertEquals(2 * 4, many.rowCount(), "one run per training seed and method");
        for (int r = 0; r < many.rowCount(); r++) {
            // j = 1 under the authors' mapping: s_u = 3 (s_t - 1) + 1
            assertEquals(3 * (many.longColumn("train_seed").get(r) - 1) + 1, many.longColumn("unlearn_seed").get(r));
        }
        Table one = protocol(s.rows(), ResultRows.ONE_SEED);
        assertEquals(2 * 3, one.rowCount());
        assertTrue(one.longColumn("train_seed").asList().stream().allMatch(t -> t == 1), "the first training seed");
        assertEquals(rows.rowCount(), protocol(s.rows(), ResultRows.GRID).rowCount(), "grid rows unchanged");
        assertEquals(2, s.notes().size());
        assertTrue(s.notes().get(0).contains("first unlearning seed (j = 1)") && s.notes().get(0).contains(
                "s (2 methods)"), s.notes().get(0));
    }

    @Test
    void protocolsRunSeparatelyAreKept() {
        Table rows = SmallStudy.table("ssd");
        AlgorithmSamples s = AlgorithmSamples.of(rows);
        assertSame(rows, s.rows());
        assertTrue(s.notes().isEmpty());
        Table withGrid = grid(3, 2);
        Table one = withGrid.where(withGrid.longColumn("train_seed").isEqualTo(1));
        one.stringColumn("protocol").set(one.stringColumn("protocol").isNotMissing(), ResultRows.ONE_SEED);
        withGrid.append(one);
        AlgorithmSamples derived = AlgorithmSamples.of(withGrid);
        assertEquals(one.rowCount(), protocol(derived.rows(), ResultRows.ONE_SEED).rowCount(),
                "Algorithm 1 as run, nothing added");
        assertEquals(List.of(true), List.of(derived.notes().get(0).startsWith("Algorithm 2")));
        assertEquals(1, derived.notes().size());
    }

    @Test
    void aFailedFirstRunIsKeptRatherThanReplacedByALaterOne() {
        Table rows = grid(3, 2);
        List<Integer> firstOfSeed2 = new ArrayList<>();
        for (int r = 0; r < rows.rowCount(); r++) {
            if (rows.longColumn("unlearn_seed").get(r) == 3) {
                firstOfSeed2.add(r);
            }
        }
        firstOfSeed2.forEach(r -> rows.stringColumn("status").set(r, "failed"));
        Table many = protocol(AlgorithmSamples.of(rows).rows(), ResultRows.MANY_SEEDS);
        assertEquals(2 * 3, many.rowCount());
        Table seed2 = many.where(many.longColumn("train_seed").isEqualTo(2));
        assertEquals(List.of(3L, 3L), seed2.longColumn("unlearn_seed").asList());
        assertEquals(List.of("failed", "failed"), seed2.stringColumn("status").asList());
    }

    @Test
    void oneTrainingSeedGivesNoAlgorithmTwo() {
        AlgorithmSamples s = AlgorithmSamples.of(grid(1, 4));
        assertEquals(0, protocol(s.rows(), ResultRows.MANY_SEEDS).rowCount());
        assertEquals(2 * 4, protocol(s.rows(), ResultRows.ONE_SEED).rowCount());
    }
}
