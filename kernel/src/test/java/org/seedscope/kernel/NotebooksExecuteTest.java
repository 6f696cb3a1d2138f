package org.seedscope.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executes every notebook under {@code notebooks/} with the "seedscope-java" kernel through
 * Jupyter's own {@code nbconvert --execute}, at smoke size ({@code SEEDSCOPE_SMOKE=1}: tiny
 * subsets, 2 seeds, 2 epochs), the way CI and Binder users run them. A notebook passes when
 * nbconvert exits with 0, no cell produced an error, every code cell ran (has an execution
 * count), and the notebook showed at least one chart (image/png) and one table (text/html).
 *
 * <p>Needs {@code /usr/bin/jupyter} with nbconvert and nbclient (Debian packages
 * jupyter-nbconvert, python3-nbclient, jupyter-client). Without it the test is skipped, except
 * under CI ({@code CI=true}), where it fails: {@code .ci/run} installs those packages.
 */
class NotebooksExecuteTest {
    private static final Path JUPYTER = Path.of("/usr/bin/jupyter");
    /** Seconds one notebook may take as a whole ({@code timeout}) and per cell (nbconvert). */
    private static final int NOTEBOOK_TIMEOUT_S = 900;
    private static final int CELL_TIMEOUT_S = 600;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    @BeforeAll
    static void installKernelspec() {
        Path kernels = KernelSpecInstaller.kernelsDir(List.of("--prefix", tmp.toString()), Map.of(), tmp);
        KernelSpecInstaller.install(kernels, Path.of(System.getProperty("java.home"), "bin", "java"),
                CellEvaluator.jvmClasspath());
    }

    @TestFactory
    Stream<DynamicTest> everyNotebookExecutesAtSmokeSize() throws IOException {
        if (!Files.isExecutable(JUPYTER)) {
            String why = JUPYTER + " is missing, so the notebooks cannot be executed";
            if ("true".equals(System.getenv("CI"))) {
                fail(why + "; .ci/run should have installed the Debian packages jupyter-nbconvert, "
                        + "python3-nbclient and jupyter-client");
            }
            assumeTrue(false, "skipped: " + why + " (install jupyter-nbconvert, python3-nbclient, jupyter-client)");
        }
        Path folder = notebooksFolder();
        List<Path> notebooks;
        try (Stream<Path> files = Files.list(folder)) {
            notebooks = files.filter(p -> p.getFileName().toString().endsWith(".ipynb")).sorted().toList();
        }
        assertFalse(notebooks.isEmpty(), "no .ipynb files in " + folder);
        return notebooks.stream().map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(), () -> execute(nb)));
    }

    private static void execute(Path notebook) throws IOException, InterruptedException {
        String name = notebook.getFileName().toString();
        Path outDir = Files.createDirectories(tmp.resolve("executed"));
        Path log = tmp.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder("timeout", String.valueOf(NOTEBOOK_TIMEOUT_S), JUPYTER.toString(),
                "nbconvert", "--to", "notebook", "--execute",
                "--ExecutePreprocessor.timeout=" + CELL_TIMEOUT_S,
                "--ExecutePreprocessor.kernel_name=" + KernelSpecInstaller.NAME,
                "--output-dir", outDir.toString(), notebook.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("SEEDSCOPE_SMOKE", "1");
        env.put("JUPYTER_PATH", tmp.resolve("share").resolve("jupyter").toString());
        int status = pb.start().waitFor();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, status, name + ": nbconvert exited with " + status
                + (status == 124 ? " (timeout after " + NOTEBOOK_TIMEOUT_S + " s)" : "") + "; its output:\n" + tail(output));

        JsonNode executed = JSON.readTree(outDir.resolve(name).toFile());
        List<String> problems = new ArrayList<>();
        boolean png = false;
        boolean html = false;
        int index = 0;
        for (JsonNode cell : executed.path("cells")) {
            index++;
            if (!cell.path("cell_type").asText().equals("code")) {
                continue;
            }
            if (!cell.path("execution_count").isInt()) {
                problems.add("code cell " + index + " did not run (no execution_count)");
            }
            for (JsonNode out : cell.path("outputs")) {
                if (out.path("output_type").asText().equals("error")) {
                    problems.add("code cell " + index + " failed: " + out.path("ename").asText() + ": "
                            + out.path("evalue").asText());
                }
                png |= out.path("data").has("image/png");
                html |= out.path("data").has("text/html");
            }
        }
        assertTrue(problems.isEmpty(), name + ": " + String.join("; ", problems));
        assertTrue(png, name + ": no cell displayed a chart (image/png output)");
        assertTrue(html, name + ": no cell displayed a table (text/html output)");
    }

    /** The repository's notebooks folder: tests run in kernel/, the folder is a sibling. */
    private static Path notebooksFolder() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("notebooks")) && Files.isRegularFile(d.resolve("pom.xml"))) {
                return d.resolve("notebooks");
            }
        }
        throw new IllegalStateException("no notebooks/ folder next to a pom.xml in " + dir + " or its parents");
    }

    private static String tail(String text) {
        return text.length() <= 4000 ? text : "..." + text.substring(text.length() - 4000);
    }
}
