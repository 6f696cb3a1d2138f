package org.seedscope.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedscope.cli.Main;
import picocli.CommandLine;

/**
 * {@code seedscope run SPEC --spark MASTER} with the module on the class path: a master Spark would
 * not accept, or one that contradicts spark-submit's, is refused before anything is written (exit
 * code 2, a message naming the option and what is allowed).
 */
class SparkCommandLineTest {

    private static String refused(Path dir, String master) {
        Path spec = SmokeStudy.write(dir);
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        Path out = dir.resolve("out");
        assertEquals(2, cl.execute("run", spec.toString(), "--spark", master, "--out", out.toString()), err.toString());
        assertFalse(Files.exists(out), "nothing written");
        return err.toString();
    }

    @Test
    void aMasterSparkWouldNotAcceptIsRefusedNamingTheForms(@TempDir Path dir) {
        String err = refused(dir, "local[two]");
        assertTrue(err.startsWith("seedscope run: --spark master 'local[two]' is not one Spark accepts: use local[N], "
                + "local[N,maxFailures], local[*], spark://host:port, yarn"), err);
    }

    @Test
    void aMasterThatContradictsSparkSubmitsIsRefused(@TempDir Path dir) {
        System.setProperty("spark.master", "yarn");
        try {
            String err = refused(dir, "local[2]");
            assertTrue(err.contains("--spark local[2] disagrees with spark.master = yarn (set by spark-submit --master"),
                    err);
        } finally {
            System.clearProperty("spark.master");
        }
    }

    @Test
    void theMasterIsSetOnlyThroughOn(@TempDir Path dir) {
        SparkScheduler s = SparkScheduler.on("local[2]", dir);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.withConf("spark.master", "local[1]"));
        assertTrue(e.getMessage().startsWith("spark.master is the scheduler's master (local[2])"), e.getMessage());
        assertEquals("Spark local[2]", s.describe());
    }
}
