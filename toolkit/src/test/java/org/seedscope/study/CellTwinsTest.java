package org.seedscope.study;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedscope.engine.Model;
import org.seedscope.results.ResultTables;
import org.seedscope.unlearn.MethodRegistry;
import org.seedscope.unlearn.UnlearningContext;
import org.seedscope.unlearn.UnlearningMethod;
import tech.tablesaw.api.Table;

/** Cells of two protocols with the same seeds are computed once and copied. */
class CellTwinsTest {

    /** Counts its runs; otherwise returns the original. */
    record Counting(AtomicInteger runs) implements UnlearningMethod {
        @Override
        public String name() {
            return "counting";
        }

        @Override
        public Map<String, Object> hyperparameters() {
            return Map.of();
        }

        @Override
        public Model unlearn(Model original, UnlearningContext context) {
            runs.incrementAndGet();
            return original.copy();
        }
    }

    @Test
    void aGridAndAlgorithmOneShareTheirCommonCellsAndGiveTheSameRowsAsSeparateStudies(@TempDir Path dir) {
        AtomicInteger runs = new AtomicInteger();
        MethodRegistry registry = MethodRegistry.standard().with(new Counting(runs));
        StudySpec both = TinyStudy.spec().withMethods(StudySpec.methods("retrain", "counting"))
                .withProtocols(List.of(ProtocolRun.of(Protocol.GRID, 2, 3), ProtocolRun.of(Protocol.ONE_TRAINING_SEED, 1, 4)));
        // grid cells (i = 1, j = 1..3) have s_t = 1, s_u = s_e = j: the same as Algorithm 1's first three
        Table t = StudyRunner.of(both, DatasetIds.resolve(both), registry).run(dir.resolve("both")).results();
        assertEquals((6 + 4) * 2, t.rowCount());
        assertEquals(6 + 4 - 3, runs.get(), "each distinct computation ran once");

        Table grid = StudyRunner.of(both.withProtocols(List.of(both.protocols().get(0))), DatasetIds.resolve(both),
                registry).run(dir.resolve("grid")).results();
        Table alg1 = StudyRunner.of(both.withProtocols(List.of(both.protocols().get(1))), DatasetIds.resolve(both),
                registry).run(dir.resolve("alg1")).results();
        assertEquals(comparable(grid), comparable(t.where(t.stringColumn("protocol").isEqualTo("grid"))));
        assertEquals(comparable(alg1), comparable(t.where(t.stringColumn("protocol").isEqualTo("one-training-seed"))));
    }

    private static String comparable(Table t) {
        Table c = ResultTables.withoutMeasurements(t).setName("rows");
        return c.removeColumns("cell", "spec_sha256").printAll();
    }
}
