package org.seedscope.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedscope.results.ResultStore;
import org.seedscope.study.StudyResult;

/**
 * The Spark scheduler in embedded local mode: the rows equal the local runner's whatever the split,
 * a task failing on its first attempt is retried without a duplicate or changed row, progress sees
 * every row, interrupting the runner cancels the Spark job and keeps the finished rows, and the
 * Spark UI's jobs name the study and their cells (read from Spark's event log, as
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
        return EventLog.into(SparkScheduler.on(master, shared).withConf("spark.ui.enabled", "false"), eventLog);
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
        List<String> jobs = EventLog.jobDescriptions(events);
        assertEquals(List.of(
                "study spark-smoke (spec " + specPrefix(dir.resolve("spark")) + "), step 1 of 2: train 3 originals, "
                        + "first needed by cells 0, 16, 20",
                "study spark-smoke (spec " + specPrefix(dir.resolve("spark")) + "), step 2 of 2: run 20 cells: 0-11, 16-23"),
                jobs);
        assertEquals(0, ExecutorWork.openStudies(), "the executors' work was closed after the study");
        String outputs = SmokeStudy.outputs(shared.resolve("local"));
        assertTrue(outputs.length() > 0, "the study stores per-example outputs for the audit");
        assertEquals(outputs, SmokeStudy.outputs(dir.resolve("spark")), "the audit's outputs are the same too");
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
        assertEquals(List.of("injected failure of cell 5, first attempt"), EventLog.failedTasks(events),
                "Spark saw the injected failure once and retried the task");
    }

    @Test
    void interruptingTheRunnerCancelsItsJobKeepsFinishedRowsAndARerunCompletes(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("spark");
        TaskConfig.TaskHook slow = (cell, attempt) -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                throw new CancellationException("task interrupted");
            }
        };
        CountDownLatch firstRow = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread driver = new Thread(() -> {
            try {
                SmokeStudy.runner().withScheduler(local("local[2]", Files.createDirectories(dir.resolve("events")))
                        .withTaskHook(slow)).withProgress((d, total, elapsed, eta) -> {
                            if (d > 0) {
                                firstRow.countDown();
                            }
                        }).run(out);
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        driver.start();
        assertTrue(firstRow.await(120, TimeUnit.SECONDS), "a first row");
        driver.interrupt();
        driver.join(TimeUnit.SECONDS.toMillis(120));
        assertFalse(driver.isAlive(), "the runner returned");
        assertInstanceOf(CancellationException.class, thrown.get(), "the runner reports the interruption");
        assertEquals(0, ExecutorWork.openStudies(), "the executors' work was released");
        int saved = Files.readAllLines(out.resolve(ResultStore.ROWS)).size() - 1;
        assertTrue(saved > 0 && saved < SmokeStudy.CELLS, "finished rows kept, the rest not run: " + saved);
        StudyResult rerun = SmokeStudy.runner().withScheduler(local("local[2]",
                Files.createDirectories(dir.resolve("events-rerun")))).run(out);
        assertEquals(reference, SmokeStudy.comparable(rerun.results()));
    }

    @Test
    void theGroupSplitGivesTheSameRows(@TempDir Path dir) throws IOException {
        Path events = Files.createDirectories(dir.resolve("events"));
        StudyResult result = SmokeStudy.runner().withScheduler(local("local[2]", events)
                .withConf(SparkScheduler.SPLIT, "groups")).run(dir.resolve("spark"));
        assertEquals(reference, SmokeStudy.comparable(result.results()));
        assertEquals(List.of("study spark-smoke (spec " + specPrefix(dir.resolve("spark")) + "), step 1 of 1: "
                + "run 20 cells in 3 groups of (scenario, training seed): 0-11, 16-23"), EventLog.jobDescriptions(events));
    }

    private static String specPrefix(Path out) throws IOException {
        String header = Files.readAllLines(out.resolve(ResultStore.ROWS)).get(0);
        return new ObjectMapper().readTree(header).findValue("spec_sha256").asText().substring(0, 8);
    }
}
