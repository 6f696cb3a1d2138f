package org.seedscope.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedscope.data.Dataset;
import org.seedscope.engine.Model;
import org.seedscope.files.AtomicFiles;
import org.seedscope.engine.OptimizerSpec;
import org.seedscope.engine.Parameters;
import org.seedscope.results.ResultStore;
import org.seedscope.results.ResultTables;
import org.seedscope.unlearn.MethodRegistry;
import org.seedscope.unlearn.UnlearningContext;
import org.seedscope.unlearn.UnlearningMethod;
import tech.tablesaw.api.Table;

/**
 * Everyday mistakes and accidents (issue 12): two processes on one folder, a deleted spec.json,
 * diverging originals, collapsed methods, damaged cache entries and journals, absurd sizes,
 * foreign folders, leftovers and file modes.
 */
class StudyReliabilityTest {
    @TempDir
    static Path shared;
    static String reference;

    /** One small study (digits, 1 scenario, 2 x 1 grid, two methods) as the reference. */
    static StudySpec small() {
        return TinyStudy.spec().withMethods(StudySpec.methods("retrain", "finetune"))
                .withProtocols(List.of(ProtocolRun.of(Protocol.GRID, 2, 1)));
    }

    static StudyResult run(StudySpec spec, Path out) {
        return StudyRunner.of(spec, DatasetIds.resolve(spec), MethodRegistry.standard()).withWorkers(2).run(out);
    }

    static String comparable(Table t) {
        return ResultTables.withoutMeasurements(t).setName("rows").printAll();
    }

    @BeforeAll
    static void referenceRun() {
        reference = comparable(run(small(), shared.resolve("reference")).results());
    }

    @Test
    void aSecondProcessOnTheSameFolderFailsAtOnceNamingTheHolderAndTheFirstFinishes(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("study");
        Process first = child(out);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(out.resolve(ResultStore.ROWS)) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(first.isAlive(), "the first study is still running");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(small(), out));
        assertTrue(e.getMessage().contains("output folder " + out + " is in use by process " + first.pid()),
                e.getMessage());
        assertEquals(0, first.waitFor(), "the first study finished normally");
        assertEquals(reference, comparable(ResultTables.read(out.resolve("results.csv"))));
        assertEquals(reference, comparable(run(small(), out).results()), "the lock was released");
    }

    @Test
    void aLockLeftByAKilledProcessIsReclaimed(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("study");
        Process p = child(out);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(out.resolve(ResultStore.ROWS)) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertEquals(reference, comparable(run(small(), out).results()));
    }

    @Test
    void interruptingARunningStudyKeepsItsJournalWritableAndAResumeEqualsAnUninterruptedRun(@TempDir Path dir)
            throws Exception {
        Path out = dir.resolve("study");
        for (int attempt = 0; attempt < 3; attempt++) {
            Thread t = new Thread(() -> {
                try {
                    run(small(), out);
                } catch (java.util.concurrent.CancellationException expected) {
                    // stopped as asked
                }
            });
            t.start();
            Thread.sleep(300 + 400L * attempt);
            t.interrupt();
            t.join(60_000);
            assertFalse(t.isAlive(), "the study stopped");
        }
        List<String> warnings = new ArrayList<>();
        StudyResult r = StudyRunner.of(small(), DatasetIds.resolve(small()), MethodRegistry.standard())
                .withWarnings(warnings::add).run(out);
        assertEquals(reference, comparable(r.results()));
        assertTrue(warnings.stream().noneMatch(w -> w.contains("dropped")), "no journal line was torn: " + warnings);
    }

    @Test
    void deletingSpecJsonNeverLetsAnotherSpecReuseTheRows(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("study");
        run(small(), out);
        Files.delete(out.resolve(SpecFiles.SPEC_JSON));
        StudySpec other = small().withMethods(StudySpec.methods("retrain"))
                .withTraining(small().training().withEpochs(4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(other, out));
        assertTrue(e.getMessage().contains("holds the results of another spec"), e.getMessage());
        assertEquals(reference, comparable(run(small(), out).results()), "the original spec still resumes there");
    }

    @Test
    void aDivergingOriginalGivesFailedRowsAndTheStudyFinishes(@TempDir Path dir) {
        StudySpec spec = small().withTraining(small().training().withOptimizer(new OptimizerSpec.Sgd(1e6, 0.9, 0)));
        Table t = run(spec, dir).results();
        assertEquals(4, t.rowCount());
        for (int r = 0; r < t.rowCount(); r++) {
            assertEquals("failed", t.stringColumn("status").get(r));
            String reason = t.stringColumn("reason").get(r);
            assertTrue(reason.startsWith("original of training seed") && (reason.contains("diverged")
                    || reason.contains("collapsed")), reason);
        }
    }

    /** A method whose result is absurd: the original's weights blown up, or NaN. */
    record Broken(String name, float factor) implements UnlearningMethod {
        @Override
        public boolean deterministic() {
            return true;
        }

        @Override
        public Map<String, Object> hyperparameters() {
            return Map.of("factor", factor);
        }

        @Override
        public Model unlearn(Model original, UnlearningContext context) {
            Model out = original.copy();
            Parameters p = out.parameters();
            for (int k = 0; k < p.size(); k++) {
                p.set(k, p.get(k) * factor);
            }
            return out;
        }
    }

    @Test
    void collapsedMethodsAreFailedRowsAndOkRowsNeverHaveBlankMetrics(@TempDir Path dir) {
        StudySpec spec = small().withMethods(StudySpec.methods("retrain", "blown-up", "not-a-number"));
        MethodRegistry registry = MethodRegistry.standard().with(new Broken("blown-up", 1e6f))
                .with(new Broken("not-a-number", Float.NaN));
        Table t = StudyRunner.of(spec, DatasetIds.resolve(spec), registry).run(dir).results();
        for (int r = 0; r < t.rowCount(); r++) {
            String method = t.stringColumn("method").get(r);
            String reason = t.stringColumn("reason").get(r);
            if (method.equals("retrain")) {
                assertEquals("ok", t.stringColumn("status").get(r), reason);
            } else {
                assertEquals("failed", t.stringColumn("status").get(r), method);
                assertTrue(reason.startsWith(method + " collapsed: ") && (method.equals("blown-up")
                        ? reason.contains("mean cross-entropy on the retain set") : reason.contains("is NaN")), reason);
            }
        }
        assertNoBlankMetricOnOkRows(t);
    }

    static void assertNoBlankMetricOnOkRows(Table t) {
        for (String metric : ResultTables.metricColumns(t)) {
            for (int r = 0; r < t.rowCount(); r++) {
                if (t.stringColumn("status").get(r).equals("ok")) {
                    assertFalse(t.doubleColumn(metric).isMissing(r), "row " + r + " metric " + metric);
                }
            }
        }
    }

    @Test
    void truncatingAnyCacheFileLeadsToARetrainAndIdenticalResults(@TempDir Path dir) throws IOException {
        Path cache = dir.resolve("cache");
        StudyRunner.of(small(), DatasetIds.resolve(small()), MethodRegistry.standard()).withCache(cache)
                .run(dir.resolve("first"));
        List<Path> files;
        try (Stream<Path> walk = Files.walk(cache)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        Set<String> kinds = new java.util.TreeSet<>();
        files.forEach(f -> kinds.add(f.getFileName().toString()));
        assertTrue(kinds.containsAll(Set.of("model.onnx", "parameters.bin", "model.json", "MANIFEST")), kinds.toString());
        int run = 0;
        for (String kind : kinds) {
            Path victim = files.stream().filter(f -> f.getFileName().toString().equals(kind)).findFirst().orElseThrow();
            try (FileChannel ch = FileChannel.open(victim, StandardOpenOption.WRITE)) {
                ch.truncate(Math.max(0, ch.size() / 2));
            }
            List<String> warnings = new ArrayList<>();
            StudyResult r = StudyRunner.of(small(), DatasetIds.resolve(small()), MethodRegistry.standard())
                    .withCache(cache).withWarnings(warnings::add).run(dir.resolve("again" + run++));
            assertEquals(reference, comparable(r.results()), "after truncating " + kind);
            assertEquals(1, r.cacheRepaired(), kind);
            assertTrue(warnings.stream().anyMatch(w -> w.contains("is damaged") && w.contains("trained again")),
                    kind + ": " + warnings);
        }
    }

    @Test
    void aCachedModelOfAnotherBuildIsNotReused(@TempDir Path dir) {
        Path cache = dir.resolve("cache");
        StudyRunner runner = StudyRunner.of(small(), DatasetIds.resolve(small()), MethodRegistry.standard())
                .withCache(cache);
        StudyResult a = runner.withBuild("build-a").run(dir.resolve("a"));
        StudyResult sameBuild = runner.withBuild("build-a").run(dir.resolve("a2"));
        StudyResult otherBuild = runner.withBuild("build-b").run(dir.resolve("b"));
        assertTrue(a.cacheMisses() > 0);
        assertEquals(0, sameBuild.cacheMisses(), "the same build reuses its models");
        assertEquals(a.cacheMisses(), otherBuild.cacheMisses(), "another build trains every model again");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> runner.withBuild("build-b").run(dir.resolve("a")));
        assertTrue(e.getMessage().contains("written by another toolkit build (build-a; this is build build-b)"),
                e.getMessage());
    }

    @Test
    void aCorruptJournalLineIsDroppedWithAWarningAndItsCellRunsAgain(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("study");
        run(small(), out);
        Path journal = out.resolve(ResultStore.ROWS);
        List<String> lines = new ArrayList<>(Files.readAllLines(journal, StandardCharsets.UTF_8));
        lines.set(2, lines.get(2).replace("\"ok\"", "\"ko\""));
        lines.add(3, "{\"key\":\"one-tra{\"key\":\"garbled");
        Files.write(journal, lines, StandardCharsets.UTF_8);
        List<String> warnings = new ArrayList<>();
        StudyResult r = StudyRunner.of(small(), DatasetIds.resolve(small()), MethodRegistry.standard())
                .withWarnings(warnings::add).run(out);
        assertEquals(reference, comparable(r.results()));
        assertTrue(warnings.stream().anyMatch(w -> w.contains("kept 3 rows; dropped 2 (2 failing to parse or failing its "
                + "checksum)") && w.contains(ResultStore.DROPPED)), warnings.toString());
        assertEquals(5, Files.readAllLines(journal).size(), "header and four rows");
        assertTrue(Files.readString(out.resolve(ResultStore.DROPPED)).contains("garbled"));
    }

    @Test
    void anAbsurdStudyIsRefusedBeforeAnyWorkNamingTheEstimate(@TempDir Path dir) {
        StudySpec huge = small().withProtocols(List.of(ProtocolRun.of(Protocol.GRID, 1_000_000_000, 1)));
        long t0 = System.nanoTime();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(huge, dir.resolve("x")));
        assertTrue(e.getMessage().contains("the study plans 2000000000 cells") && e.getMessage().contains("--max-cells"),
                e.getMessage());
        assertFalse(Files.exists(dir.resolve("x")), "nothing was written");
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(30), "refused without building the plan");
        StudySpec big = small().withProtocols(List.of(ProtocolRun.of(Protocol.GRID, 100, 10)));
        StudyRunner runner = StudyRunner.of(big, DatasetIds.resolve(big), MethodRegistry.standard()).withMaxCells(100);
        e = assertThrows(IllegalArgumentException.class, () -> runner.run(dir.resolve("y")));
        assertTrue(e.getMessage().matches("the study plans 2000 cells, 100 originals, 1000 Retrains, about .*, more than "
                + "the limit of 100 cells.*--max-cells 2000 to run it anyway"), e.getMessage());
    }

    @Test
    void aFolderHoldingFilesAStudyDidNotWriteIsRefusedAndLeftAlone(@TempDir Path dir) throws IOException {
        Path out = Files.createDirectories(dir.resolve("other"));
        Files.writeString(out.resolve("results.csv"), "someone,else\n1,2\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(small(), out));
        assertTrue(e.getMessage().contains("holds files a SeedScope study did not write [results.csv] and no rows.jsonl"),
                e.getMessage());
        assertEquals("someone,else\n1,2\n", Files.readString(out.resolve("results.csv")));
        assertEquals(List.of("results.csv"), Files.list(out).map(p -> p.getFileName().toString()).toList());
    }

    @Test
    void leftoversOfAKilledRunAreRemovedAndFilesFollowTheUmask(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("study");
        run(small(), out);
        Path leftover = Files.createDirectories(out.resolve("cache/.abc." + AtomicFiles.hostName() + ".999999999-1.seedscope-tmp"));
        Files.writeString(out.resolve(".results.csv." + AtomicFiles.hostName() + ".999999999-2.seedscope-tmp"), "half");
        Files.writeString(leftover.resolve("parameters.bin"), "half");
        run(small(), out);
        assertFalse(Files.exists(leftover), "a temporary cache entry of a dead process is removed");
        assertFalse(Files.exists(out.resolve(".results.csv." + AtomicFiles.hostName() + ".999999999-2.seedscope-tmp")));
        Path probe = Files.writeString(dir.resolve("probe"), "x");
        Set<PosixFilePermission> umask = Files.getPosixFilePermissions(probe);
        for (String f : List.of("results.csv", SpecFiles.SPEC_JSON, ResultStore.ROWS)) {
            assertEquals(umask, Files.getPosixFilePermissions(out.resolve(f)), f + " follows the umask");
        }
    }

    private static Process child(Path out) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                StudyReliabilityTest.Child.class.getName(), out.toString());
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        return pb.start();
    }

    /** Runs {@link #small()} in a separate JVM. */
    static final class Child {
        private Child() {}

        /** @param args the output folder */
        public static void main(String[] args) {
            run(small(), Path.of(args[0]));
        }
    }

    static Dataset data() {
        return DatasetIds.resolve(small());
    }
}
