package org.seedscope.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedscope.results.ResultStore;
import org.seedscope.study.StudyResult;

/**
 * The Spark scheduler in embedded local mode: the rows equal the local runner's whatever the split,
 * a task failing on its first attempt is retried without a duplicate or changed row, progress sees
 * every row, and the Spark UI's jobs name the study and their cells (read from Spark's event log, as
 * the history server would show them).
 */
class SparkSchedulerTest {
    @TempDir
    static Path shared;
    private static String reference;

    @BeforeAll
    static void localRun() {
        reference = SmokeStudy.comparable(SmokeStudy.runner().run(shared.resolve("local")).results());
    }

    private static SparkScheduler local(String master, Path eventLog) {
        return SparkScheduler.on(master, shared).withConf("spark.ui.enabled", "false")
                .withConf("spark.eventLog.enabled", "true").withConf("spark.eventLog.dir", eventLog.toUri().toString())
                .withConf("spark.eventLog.compress", "false").withConf("spark.eventLog.rolling.enabled", "false");
    }

    @Test
    void localTwoCoresGiveTheLocalRunnersRowsWithProgressAndNamedJobs(@TempDir Path dir) throws IOException {
        Path events = Files.createDirectories(dir.resolve("events"));
        List<Integer> done = new ArrayList<>();
        StudyResult result = SmokeStudy.runner().withScheduler(local("local[2]", events))
                .withProgress((d, total, elapsed, eta) -> done.add(d)).run(dir.resolve("spark"));
        assertEquals(reference, SmokeStudy.comparable(result.results()));
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i <= SmokeStudy.CELLS; i++) {
            expected.add(i);
        }
        assertEquals(expected, done, "progress starts at 0 and sees every row once, in order");
        List<String> jobs = jobDescriptions(events);
        assertEquals(List.of(
                "study spark-smoke (spec " + specPrefix(dir.resolve("spark")) + "), step 1 of 2: train 3 originals, "
                        + "first needed by cells 0, 16, 20",
                "study spark-smoke (spec " + specPrefix(dir.resolve("spark")) + "), step 2 of 2: run 20 cells: 0-11, 16-23"),
                jobs);
        assertEquals(0, ExecutorWork.openStudies(), "the executors' work was closed after the study");
    }

    @Test
    void aTaskFailingOnItsFirstAttemptIsRetriedWithoutDuplicateOrChangedRows(@TempDir Path dir) throws IOException {
        Path events = Files.createDirectories(dir.resolve("events"));
        TaskConfig.TaskHook failOnce = (cell, attempt) -> {
            if (cell == 5 && attempt == 0) {
                throw new IllegalStateException("injected failure of cell 5, first attempt");
            }
        };
        Path out = dir.resolve("spark");
        StudyResult result = SmokeStudy.runner().withScheduler(local("local[2,2]", events).withTaskHook(failOnce))
                .run(out);
        assertEquals(reference, SmokeStudy.comparable(result.results()));
        List<String> journal = Files.readAllLines(out.resolve(ResultStore.ROWS));
        assertEquals(SmokeStudy.CELLS + 1, journal.size(), "the journal holds its header and one line per cell");
        Set<String> keys = new HashSet<>();
        for (String line : journal.subList(1, journal.size())) {
            keys.add(new ObjectMapper().readTree(line).path("row").path("key").asText());
        }
        assertEquals(SmokeStudy.CELLS, keys.size(), "no cell twice");
        assertEquals(List.of("injected failure of cell 5, first attempt"), failedTasks(events),
                "Spark saw the injected failure once and retried the task");
    }

    @Test
    void theGroupSplitGivesTheSameRows(@TempDir Path dir) throws IOException {
        Path events = Files.createDirectories(dir.resolve("events"));
        StudyResult result = SmokeStudy.runner().withScheduler(local("local[2]", events)
                .withConf(SparkScheduler.SPLIT, "groups")).run(dir.resolve("spark"));
        assertEquals(reference, SmokeStudy.comparable(result.results()));
        assertEquals(List.of("study spark-smoke (spec " + specPrefix(dir.resolve("spark")) + "), step 1 of 1: "
                + "run 20 cells in 3 groups of (scenario, training seed): 0-11, 16-23"), jobDescriptions(events));
    }

    private static String specPrefix(Path out) throws IOException {
        String header = Files.readAllLines(out.resolve(ResultStore.ROWS)).get(0);
        return new ObjectMapper().readTree(header).findValue("spec_sha256").asText().substring(0, 8);
    }

    private static List<JsonNode> events(Path dir) {
        List<JsonNode> out = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                for (String line : Files.readAllLines(f)) {
                    out.add(json.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static List<String> jobDescriptions(Path dir) {
        return events(dir).stream().filter(e -> e.path("Event").asText().equals("SparkListenerJobStart"))
                .map(e -> e.path("Properties").path("spark.job.description").asText()).toList();
    }

    private static List<String> failedTasks(Path dir) {
        return events(dir).stream().filter(e -> e.path("Event").asText().equals("SparkListenerTaskEnd"))
                .map(e -> e.path("Task End Reason")).filter(r -> !r.path("Reason").asText().equals("Success"))
                .map(r -> r.path("Description").asText()).toList();
    }
}
