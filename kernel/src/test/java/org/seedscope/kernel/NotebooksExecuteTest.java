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
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executes every notebook under {@code notebooks/} with the "seedscope-java" kernel through
 * Jupyter's own {@code nbconvert --execute}, at smoke size ({@code SEEDSCOPE_SMOKE=1}: tiny
 * subsets, 2 seeds, 2 epochs), the way CI and Binder users run them. A notebook passes when
 * nbconvert exits with 0, no cell produced an error, every code cell ran (has an execution
 * count), the notebook showed at least one chart and one table (text/html), every picture it
 * showed is an XChart chart holding data (the kernel's text summary of a chart,
 * {@link Renderers#summary}, counts at least one series and one point: a chart drawn from no rows
 * fails), and no output (text, HTML, printed lines, errors) contains a decimal fraction of 10 or
 * more digits (numbers a person reads are rounded).
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
    /** The end of the kernel's text summary of a chart ({@link Renderers#summary}). */
    private static final Pattern CHART_SUMMARY = Pattern.compile(", (\\d+) series, (\\d+) points?$");
    /** A decimal fraction of 10 or more digits, as an unrounded double prints. */
    private static final Pattern LONG_DECIMAL = Pattern.compile("\\d\\.\\d{10,}");

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

    @Test
    void theOutputChecksRejectEmptyChartsPicturesAndUnroundedNumbers() throws IOException {
        assertEquals(Optional.empty(), chartProblem(JSON.readTree("\"XYChart \\\"x\\\" 900×600, 3 series, 24 points\"")));
        assertTrue(chartProblem(JSON.readTree("[\"XYChart \\\"x\\\" 900×600, \", \"0 series, 0 points\"]"))
                .orElseThrow().contains("empty chart"));
        assertTrue(chartProblem(JSON.readTree("\"CategoryChart \\\"x\\\" 9×6, 2 series, 0 points\"")).isPresent());
        assertTrue(chartProblem(JSON.readTree("\"image 3×2\"")).orElseThrow().contains("not an XChart chart"));
        assertEquals(Optional.of("0.9306481481481481"),
                longDecimal(JSON.readTree("{\"output_type\": \"stream\", \"text\": [\"acc \", \"0.9306481481481481\\n\"]}")));
        assertEquals(Optional.of("1.2345678901"), longDecimal(JSON.readTree(
                "{\"data\": {\"text/html\": \"<td>1.2345678901</td>\"}}")));
        assertEquals(Optional.empty(), longDecimal(JSON.readTree(
                "{\"data\": {\"text/plain\": \"0.931 1.23e-4 252c84e713546861 12,000 v1.23.2\"}}")));
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
        int charts = 0;
        boolean html = false;
        int index = 0;
        for (JsonNode cell : executed.path("cells")) {
            index++;
            int at = index;
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
                if (out.path("data").has("image/png")) {
                    charts++;
                    chartProblem(out.path("data").path("text/plain")).ifPresent(p -> problems.add("code cell " + at
                            + ": " + p));
                }
                html |= out.path("data").has("text/html");
                longDecimal(out).ifPresent(d -> problems.add("code cell " + at + " shows the unrounded number " + d));
            }
        }
        assertTrue(problems.isEmpty(), name + ": " + String.join("; ", problems));
        assertTrue(charts > 0, name + ": no cell displayed a chart (image/png output)");
        assertTrue(html, name + ": no cell displayed a table (text/html output)");
    }

    /**
     * @param text the text/plain part of an image output (a string or a list of lines)
     * @return what is wrong: not an XChart chart, or a chart without series or points
     */
    static Optional<String> chartProblem(JsonNode text) {
        String summary = joined(text);
        Matcher m = CHART_SUMMARY.matcher(summary);
        if (!m.find()) {
            return Optional.of("an image that is not an XChart chart with a data summary: '" + summary + "'");
        }
        if (Long.parseLong(m.group(1)) < 1 || Long.parseLong(m.group(2)) < 1) {
            return Optional.of("an empty chart: " + summary);
        }
        return Optional.empty();
    }

    /**
     * @param output one output of a code cell
     * @return the first decimal number with 10 or more fraction digits in its text, HTML or stream text
     */
    static Optional<String> longDecimal(JsonNode output) {
        List<JsonNode> texts = new ArrayList<>(List.of(output.path("text"), output.path("evalue"),
                output.path("traceback"), output.path("data").path("text/plain"), output.path("data").path("text/html")));
        for (JsonNode t : texts) {
            Matcher m = LONG_DECIMAL.matcher(joined(t));
            if (m.find()) {
                return Optional.of(m.group());
            }
        }
        return Optional.empty();
    }

    private static String joined(JsonNode text) {
        if (text.isArray()) {
            StringBuilder b = new StringBuilder();
            text.forEach(line -> b.append(line.asText()));
            return b.toString();
        }
        return text.asText();
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
