package org.seedscope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** The README's Java example compiles against the toolkit and runs as written (its output folder aside). */
class ReadmeExampleTest {

    @Test
    void theReadmeJavaExampleCompilesAndRuns(@TempDir Path dir) throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(m.find(), "the README has a Java example");
        String snippet = m.group(1);
        assertTrue(snippet.contains(".run();"), snippet);
        // the only change: results go to the test's folder instead of ./seedscope-runs
        String body = snippet.replace(".run();", ".out(java.nio.file.Path.of(OUT)).run();");
        String source = """
                import java.util.Map;
                import org.seedscope.data.*;
                import org.seedscope.engine.*;
                import org.seedscope.stats.*;
                import org.seedscope.study.*;
                import tech.tablesaw.api.Table;

                public class ReadmeExample {
                    public static String OUT;
                    public static Object[] run() {
                %s
                        return new Object[] {rows, variance};
                    }
                }
                """.formatted(body);
        Path src = Files.writeString(dir.resolve("ReadmeExample.java"), source);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                src.toString());
        assertEquals(0, status, "the README's example compiles:\n" + source);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            Class<?> example = loader.loadClass("ReadmeExample");
            example.getField("OUT").set(null, dir.resolve("out").toString());
            Object[] result = (Object[]) example.getMethod("run").invoke(null);
            Table rows = (Table) result[0];
            Table variance = (Table) result[1];
            assertEquals(4 * 2 * 5, rows.rowCount(), "4 x 2 grid, five methods");
            assertTrue(rows.stringColumn("status").allMatch("ok"::equals), rows.stringColumn("reason").print());
            assertEquals(java.util.Set.of("retrain", "finetune", "ssd", "lfssd", "ssd-a100"),
                    rows.stringColumn("method").asSet());
            assertEquals(5, variance.rowCount(), "one variance row per method: " + variance.print());
        }
    }

}
