package org.seedscope.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedscope.results.ResultTables;
import org.seedscope.study.Protocol;
import org.seedscope.study.ProtocolRun;
import org.seedscope.study.SpecFiles;
import org.seedscope.study.Study;
import org.seedscope.study.StudyResult;
import org.seedscope.study.StudySpec;
import tech.tablesaw.api.Table;

class ShippedStudyTest {
    /** A study small enough to run in a test: digits, MLP 64-16-10, 2 epochs, 2 training seeds. */
    private static final String TINY = """
            {name: tiny, dataset: digits, model: mlp-16, training: {epochs: 2, batchSize: 64},
             forget: ["full:3"], methods: [retrain, finetune, ssd-det], metrics: [test_acc, forget_acc],
             trainingSeeds: 2, unlearningSeeds: 1, protocols: [many-training-seeds]}
            """;

    @Test
    void everyShippedStudyLoadsItsSpecAndOnlyThatSpecsRows() throws IOException {
        for (String name : List.of("demo", "grid", "rankings", "audit")) {
            ShippedStudy shipped = Lab.shipped(name);
            assertEquals(Path.of("..", "datasets", "studies", name), shipped.folder(), "seen from toolkit/");
            Path csv = shipped.folder().resolve(ShippedStudy.RESULTS);
            assertEquals(SpecFiles.read(shipped.folder().resolve(ShippedStudy.SPEC)), shipped.spec(), name);
            StudyResult result = shipped.result();
            Table rows = result.results();
            long lines = Files.readAllLines(csv).stream().filter(l -> !l.isBlank()).count();
            assertEquals(lines - 1, rows.rowCount(), name + ": one row per line of " + csv);
            assertEquals(new TreeSet<>(shipped.spec().methodNames()),
                    new TreeSet<>(rows.stringColumn("method").asSet()), name + ": methods of the spec");
            assertEquals(new TreeSet<>(shipped.spec().forget()), new TreeSet<>(rows.stringColumn("scenario").asSet()),
                    name + ": scenarios of the spec");
            assertEquals(new TreeSet<>(shipped.spec().protocols().stream().map(p -> p.protocol().id()).toList()),
                    new TreeSet<>(rows.stringColumn("protocol").asSet()), name + ": protocols of the spec");
            assertEquals(shipped.spec(), result.spec());
            assertEquals(shipped.folder(), result.folder());
            assertTrue(result.failures().isEmpty(), name + " ships failed rows");
        }
    }

    @Test
    void foundFromANestedFolderAndAMissingOneNamesTheStudiesThatExist(@TempDir Path repo) throws IOException {
        Path studies = Files.createDirectories(repo.resolve("datasets/studies/tiny"));
        Files.writeString(studies.resolve("spec.yaml"), TINY);
        Path nested = Files.createDirectories(repo.resolve("notebooks/deeper"));

        ShippedStudy tiny = ShippedStudy.named("tiny", nested);
        assertFalse(tiny.folder().isAbsolute(), "relative to the working directory: " + tiny.folder());
        assertEquals(studies.toAbsolutePath(), tiny.folder().toAbsolutePath().normalize());
        assertEquals("tiny", tiny.spec().name());

        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> ShippedStudy.named("demo2", nested));
        assertTrue(missing.getMessage().contains("'demo2'") && missing.getMessage().contains("[tiny]"),
                missing.getMessage());
        IllegalArgumentException results = assertThrows(IllegalArgumentException.class, tiny::result);
        assertTrue(results.getMessage().contains("results.csv"), results.getMessage());
        for (String bad : List.of("../tiny", "a/b", "..", "")) {
            assertThrows(IllegalArgumentException.class, () -> ShippedStudy.named(bad, nested), bad);
        }
    }

    @Test
    void smokeSpecShrinksDataSeedsAndEpochsOnly() {
        ShippedStudy demo = Lab.shipped("demo");
        StudySpec full = demo.spec();
        StudySpec smoke = demo.smokeSpec();
        assertEquals("demo-smoke", smoke.name());
        assertEquals(ShippedStudy.SMOKE_TRAIN, smoke.trainSize());
        assertEquals(ShippedStudy.SMOKE_TEST, smoke.testSize());
        assertEquals(ShippedStudy.SMOKE_EPOCHS, smoke.training().epochs());
        assertEquals(full.training().withEpochs(ShippedStudy.SMOKE_EPOCHS), smoke.training());
        for (ProtocolRun p : smoke.protocols()) {
            assertTrue(p.trainingSeeds() <= ShippedStudy.SMOKE_SEEDS && p.unlearningSeeds() <= ShippedStudy.SMOKE_SEEDS,
                    p.toString());
        }
        assertEquals(full.protocols().stream().map(ProtocolRun::protocol).toList(),
                smoke.protocols().stream().map(ProtocolRun::protocol).toList());
        assertEquals(full.methods(), smoke.methods());
        assertEquals(full.forget(), smoke.forget());
        assertEquals(full.model(), smoke.model());
        assertEquals(smoke, demo.smoke().spec());
        assertEquals(full, demo.live().spec());
    }

    @Test
    void aLiveRunOfTheShippedSpecReproducesTheShippedRows(@TempDir Path repo) throws IOException {
        Path folder = Files.createDirectories(repo.resolve("datasets/studies/tiny"));
        Files.writeString(folder.resolve("spec.yaml"), TINY);
        ShippedStudy tiny = ShippedStudy.named("tiny", repo);
        StudyResult first = tiny.live().out(repo.resolve("first")).run();
        Files.copy(first.folder().resolve("results.csv"), folder.resolve(ShippedStudy.RESULTS));

        StudyResult shipped = tiny.get(false, false);
        StudyResult again = tiny.live().out(repo.resolve("again")).run();
        assertEquals(2 * 3, shipped.results().rowCount());
        assertEquals(csv(shipped.results()), csv(again.results()), "a live rerun gives the shipped rows");
        assertEquals(0, again.cacheHits(), "the rerun trained its own models");
    }

    @Test
    void liveRunsDefaultToBuildAwareFoldersThatDifferFromTheSmokeRunsFolder() {
        ShippedStudy demo = Lab.shipped("demo");
        Path live = demo.live().folder();
        Path smoke = demo.smoke().folder();
        assertEquals(Study.of(demo.spec()).folder(), live, "the fluent API's default folder");
        assertTrue(live.getFileName().toString().matches("demo-[0-9a-f]{10}"), live.toString());
        assertTrue(smoke.getFileName().toString().matches("demo-smoke-[0-9a-f]{10}"), smoke.toString());
        assertNotEquals(live, smoke);
    }

    @Test
    void changingOneSeedCountOfALiveStudyKeepsTheSpecsOther() {
        ShippedStudy grid = Lab.shipped("grid");
        assertEquals(List.of(ProtocolRun.of(Protocol.GRID, 8, 4)), grid.spec().protocols(), "the shipped grid");
        assertEquals(List.of(ProtocolRun.of(Protocol.GRID, 8, 2)), grid.live().unlearningSeeds(2).spec().protocols());
        assertEquals(List.of(ProtocolRun.of(Protocol.GRID, 16, 4)), grid.live().trainingSeeds(16).spec().protocols());
    }

    @Test
    void smokeOnlyWhenTheVariableIsExactlyOne() {
        assertTrue(Lab.smoke(Map.of(Lab.SMOKE_VARIABLE, "1")));
        for (String v : List.of("0", "true", "yes", " 1", "")) {
            assertFalse(Lab.smoke(Map.of(Lab.SMOKE_VARIABLE, v)), v);
        }
        assertFalse(Lab.smoke(Map.of()));
    }

    private static String csv(Table rows) {
        StringWriter out = new StringWriter();
        ResultTables.withoutMeasurements(rows).write().csv(out);
        return out.toString();
    }
}
