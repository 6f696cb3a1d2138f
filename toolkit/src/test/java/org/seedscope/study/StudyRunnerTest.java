package org.seedscope.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.seedscope.results.ResultTables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedscope.data.Dataset;
import org.seedscope.unlearn.MethodRegistry;
import tech.tablesaw.api.Table;

/** End-to-end behaviour of the runner: rows, determinism, caching and eager validation. */
class StudyRunnerTest {
    @TempDir
    static Path shared;
    static StudyResult first;

    @BeforeAll
    static void runOnce() {
        first = TinyStudy.run(shared.resolve("a"), 2);
    }

    @Test
    void everyPlannedCellHasOneRowWithProvenance() {
        Table t = first.results();
        assertEquals(SeedPlan.of(TinyStudy.spec()).size(), t.rowCount());
        assertEquals(t.rowCount(), t.intColumn("cell").unique().size());
        for (String col : List.of("train_seed", "unlearn_seed", "eval_seed", "method", "hyperparameters", "dataset",
                "dataset_sha256", "toolkit", "engine", "device", "forget_acc", "mia", "js_forget")) {
            assertTrue(t.columnNames().contains(col), "column " + col);
        }
        Table failed = t.where(t.stringColumn("status").isNotEqualTo("ok"));
        assertEquals(0, failed.rowCount(), failed.selectColumns("method", "reason").printAll());
        assertTrue(Files.exists(shared.resolve("a/results.csv")));
    }

    @Test
    void aSecondRunGivesBitIdenticalRowsFromTheCacheAndWithOneWorker() {
        StudyResult again = TinyStudy.run(shared.resolve("b"), 1);
        assertEquals(ResultTables.withoutMeasurements(first.results()).printAll(),
                ResultTables.withoutMeasurements(again.results()).printAll());
        assertTrue(again.cacheMisses() > 0, "a new output folder has its own cache");
        StudyResult reopened = TinyStudy.run(shared.resolve("a"), 2);
        assertEquals(0, reopened.cacheMisses() + reopened.cacheHits(), "a finished study trains nothing");
        assertEquals(first.results().printAll(), reopened.results().printAll());
    }

    @Test
    void deterministicMethodsGiveIdenticalAccuracyForEveryUnlearningSeed() {
        Table t = first.results();
        Table ssd = t.where(t.stringColumn("method").isEqualTo("ssd-det"));
        for (long s : ssd.longColumn("train_seed").unique().asSet()) {
            Table one = ssd.where(ssd.longColumn("train_seed").isEqualTo(s));
            assertEquals(1, one.doubleColumn("forget_acc").unique().size(), "train seed " + s);
        }
        Table ft = t.where(t.stringColumn("method").isEqualTo("finetune"));
        assertTrue(ft.doubleColumn("l2_dist").unique().size() > 1, "a stochastic method varies");
    }

    @Test
    void cacheIsHitForARepeatedModelAndMissedWhenAnythingThatDeterminesItChanges(@TempDir Path dir) {
        StudySpec spec = TinyStudy.spec().withMethods(StudySpec.methods("retrain"))
                .withProtocols(List.of(ProtocolRun.of(Protocol.GRID, 1, 1)));
        Dataset data = DatasetIds.resolve(spec);
        Path cache = dir.resolve("cache");
        StudyResult a = StudyRunner.of(spec, data, MethodRegistry.standard()).withCache(cache).run(dir.resolve("1"));
        assertEquals(2, a.cacheMisses(), "one original and one Retrain trained");
        StudyResult b = StudyRunner.of(spec.withName("other"), data, MethodRegistry.standard()).withCache(cache)
                .run(dir.resolve("2"));
        assertEquals(0, b.cacheMisses());
        assertEquals(2, b.cacheHits());
        StudyResult c = StudyRunner.of(spec.withTraining(spec.training().withEpochs(2)), data,
                MethodRegistry.standard()).withCache(cache).run(dir.resolve("3"));
        assertEquals(2, c.cacheMisses(), "a different schedule misses");
        StudyResult d = StudyRunner.of(spec.withBaseSeed(5), data, MethodRegistry.standard()).withCache(cache)
                .run(dir.resolve("4"));
        assertEquals(2, d.cacheMisses(), "other seeds miss");
    }

    @Test
    void aRunThatExceedsItsTimeBudgetIsStoppedAndRecordedAsFailed(@TempDir Path dir) {
        StudySpec spec = TinyStudy.spec().withMethods(StudySpec.methods("retrain", "l1-sparse"))
                .withProtocols(List.of(ProtocolRun.of(Protocol.GRID, 1, 1)));
        StudyResult r = StudyRunner.of(spec, DatasetIds.resolve(spec), MethodRegistry.standard())
                .withBudget(java.time.Duration.ofMillis(1)).run(dir);
        Table t = r.results();
        Table l1 = t.where(t.stringColumn("method").isEqualTo("l1-sparse"));
        assertEquals("failed", l1.stringColumn("status").get(0));
        assertTrue(l1.stringColumn("reason").get(0).contains("time budget of 0.001 s ran out"),
                l1.stringColumn("reason").get(0));
        assertTrue(l1.doubleColumn("forget_acc").isMissing().size() == 1, "no metrics for a stopped run");
        assertEquals("ok", t.where(t.stringColumn("method").isEqualTo("retrain")).stringColumn("status").get(0),
                "Retrain is the reference and is not budgeted");
    }

    @Test
    void badInputIsRejectedBeforeAnyTraining(@TempDir Path dir) throws Exception {
        StudySpec spec = TinyStudy.spec();
        Dataset data = DatasetIds.resolve(spec);
        MethodRegistry r = MethodRegistry.standard();
        assertMessage("unknown unlearning method 'forgetful'; known methods: amnesiac, bad-teacher", () -> StudyRunner.of(spec.withMethods(StudySpec.methods("forgetful")), data, r));
        assertMessage("l2_dist_layer", () -> StudyRunner.of(spec.withMetrics(List.of("accuracy")), data, r));
        assertMessage("'Shirt'", () -> StudyRunner.of(spec.withForget(List.of("full:Shirt")), data, r));
        assertMessage("dataset 'cifar' is not known", () -> DatasetIds.resolve(spec.withDataset("cifar", 0, 0)));
        assertMessage("trainingSeeds (I) must be at least 1", () -> ProtocolRun.of(Protocol.GRID, 0, 1));
        assertMessage("unlearningSeeds (J) must be at least 1", () -> ProtocolRun.of(Protocol.GRID, 1, 0));
        assertMessage("so the forget set would be empty", () -> StudyRunner.of(spec.withForget(List.of("random:0.0001@seed1")),
                data, r));
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> StudyRunner.of(spec, data, r).run(file.resolve("out")));
        assertTrue(e.getMessage().contains(file.resolve("out").toString()) && e.getMessage().contains("Not a directory"),
                e.getMessage());
        assertFalse(Files.exists(file.resolveSibling("cache")));
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
    }
}
