package org.seedscope.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedscope.results.ResultStore;
import org.seedscope.results.ResultTables;

/**
 * The driver of a Spark study ({@code seedscope run SPEC --spark local[2]} in a child JVM) killed
 * with SIGKILL while the originals train and again after some rows, then rerun with the same
 * command: the finished table equals the local runner's row for row, with one journal line per cell.
 */
class DriverKillTest {

    @Test
    void aKilledDriverResumesFromItsJournalToTheLocalRunnersRows(@TempDir Path dir) throws Exception {
        String reference = SmokeStudy.comparable(SmokeStudy.runner().run(dir.resolve("local")).results());
        Path spec = SmokeStudy.write(dir);
        Path out = dir.resolve("spark");
        Path journal = out.resolve(ResultStore.ROWS);

        Process p = driver(spec, out);
        await(p, () -> cacheEntries(out.resolve("cache")) >= 1, "a model in the cache");
        kill(p);
        assertEquals(0, rows(journal), "killed while the originals trained");

        p = driver(spec, out);
        await(p, () -> rows(journal) >= 5, "5 rows");
        kill(p);
        int saved = rows(journal);
        assertTrue(saved < SmokeStudy.CELLS, "killed before the end, with " + saved + " rows saved");

        p = driver(spec, out);
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "the resumed driver finished");
        assertEquals(0, p.exitValue(), "the resumed driver succeeded");
        assertEquals(SmokeStudy.CELLS + 1, Files.readAllLines(journal).size(),
                "the journal holds its header and one line per cell");
        assertEquals(reference, SmokeStudy.comparable(ResultTables.read(out.resolve("results.csv"))));
    }

    /** The command line as the launcher runs it, with Spark's JVM flags. */
    private static Process driver(Path spec, Path out) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        cmd.addAll(Arrays.asList(System.getProperty("seedscope.spark.jvmFlags").trim().split("\\s+")));
        cmd.addAll(List.of("-Dspark.ui.enabled=false", "-cp", System.getProperty("java.class.path"),
                "org.seedscope.cli.Main", "run", spec.toString(), "--spark", "local[2]", "--out", out.toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static void kill(Process p) throws InterruptedException {
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the driver died");
    }

    /** A condition checked while waiting. */
    @FunctionalInterface
    private interface Check {
        boolean holds() throws IOException;
    }

    private static void await(Process p, Check check, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && p.isAlive()) {
            if (check.holds()) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the driver did not reach " + what + " (alive: " + p.isAlive() + ")");
    }

    private static int cacheEntries(Path cache) throws IOException {
        if (!Files.isDirectory(cache)) {
            return 0;
        }
        try (Stream<Path> entries = Files.list(cache)) {
            return (int) entries.filter(e -> Files.isRegularFile(e.resolve("MANIFEST"))).count();
        }
    }

    /** @return rows in the journal (its header not counted) */
    private static int rows(Path journal) throws IOException {
        return Files.exists(journal) ? Math.max(0, Files.readAllLines(journal).size() - 1) : 0;
    }
}
