package org.seedscope.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.seedscope.results.ResultTables;
import org.seedscope.results.ResultStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * Kills a running study with SIGKILL at several points (while originals train, after some rows,
 * and with a torn half-written last row), resumes it each time, and checks the final table equals
 * an uninterrupted run row for row (every column but the measured times).
 */
class KillAndResumeTest {

    @Test
    void killedStudiesResumeToExactlyTheUninterruptedRows(@TempDir Path dir) throws Exception {
        Table reference = ResultTables.withoutMeasurements(TinyStudy.run(dir.resolve("reference"), 2).results());
        int total = reference.rowCount();
        Path out = dir.resolve("killed");
        Path journal = out.resolve(ResultStore.ROWS);
        for (int killAt : new int[] {0, 3, 9}) {
            Process p = child(out);
            waitForRows(p, journal, killAt);
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            assertTrue(rows(journal) < total, "the study was killed before it finished (kill point " + killAt + ")");
        }
        // a torn write: the process died in the middle of appending a row
        String last = Files.readAllLines(journal).get(rows(journal) - 1);
        Files.writeString(journal, last.substring(0, last.length() / 2), StandardOpenOption.APPEND);

        Table resumed = ResultTables.withoutMeasurements(TinyStudy.run(out, 2).results());
        assertEquals(total, resumed.rowCount(), "no row lost or duplicated");
        assertEquals(total, resumed.stringColumn("protocol").size());
        assertEquals(total + 1, Files.readAllLines(journal).size(), "journal holds its header and one line per cell");
        assertEquals(reference.printAll(), resumed.printAll());
    }

    private static Process child(Path out) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                TinyStudy.class.getName(), out.toString(), "2");
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        return pb.start();
    }

    private static void waitForRows(Process p, Path journal, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && p.isAlive()) {
            if (count == 0 ? Files.exists(journal.resolveSibling("cache")) : rows(journal) >= count) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the child study did not reach " + count + " rows (alive: " + p.isAlive() + ")");
    }

    private static int rows(Path journal) throws IOException {
        if (!Files.exists(journal)) {
            return 0;
        }
        List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
        return lines.size();
    }
}
