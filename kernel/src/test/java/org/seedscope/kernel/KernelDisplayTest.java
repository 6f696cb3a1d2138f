package org.seedscope.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a notebook user sees, end to end through Jupyter's own client library: the installed
 * kernelspec starts the kernel once, {@code run_cells.py} sends every cell and inspect request
 * below in that one session, and the tests read the messages that came back. A fake {@code mvn}
 * first on the kernel's PATH answers every {@code %maven} that reaches Maven with an error
 * coloured by ANSI escape codes. Skipped where Jupyter is not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KernelDisplayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ESC = "\u001B";
    /** What the fake mvn prints: Maven's coloured error lines. */
    private static final String FAKE_MVN = "#!/bin/sh\n"
            + "printf '\\033[1;31m[ERROR]\\033[m Failed to collect dependencies for"
            + " \\033[1morg.example:nothing:1.0\\033[m\\n'\n"
            + "printf '\\033[1;31m[ERROR]\\033[m \\033[36mCould not find artifact\\033[0;39m\\n'\n"
            + "exit 1\n";

    /** The requests, in order; {@link #reply} indexes them. */
    private static final List<Map<String, Object>> REQUESTS = List.of(
            Map.of("execute", "Table scores = Table.create(\"scores\",\n"
                    + "    DoubleColumn.create(\"x\", 0.123456789, 1.0 / 3, 1.2345e-7),\n"
                    + "    IntColumn.create(\"n\", 20251030, 2, 3),\n"
                    + "    StringColumn.create(\"label\", \"a\", \"b\", \"c\"));\nscores"),
            Map.of("execute", "double[] longArray = new double[30];\n"
                    + "for (int i = 0; i < 30; i++) longArray[i] = 1.0 / (i + 3);\nlongArray"),
            Map.of("execute", "new int[][] {{1, 2, 3}, {4, 5, 6}}"),
            Map.of("execute", "%maven tech.tablesaw:tablesaw-core:0.43.1"),
            Map.of("execute", "%maven org.example:nothing:1.0"),
            Map.of("inspect", "Study"),
            Map.of("inspect", "SeedVariance.of("),
            Map.of("execute", "java.util.logging.Logger.getLogger(\"org.tribuo.demo\").info(\"tribuo-info-noise\");\n"
                    + "java.util.logging.Logger.getLogger(\"org.seedscope.demo\").info(\"other-info-shown\");\n"
                    + "java.util.logging.Logger.getLogger(\"org.tribuo\").getLevel()"),
            Map.of("execute", "Table rows = Table.create(\"r\", StringColumn.create(\"method\", \"ssd\", \"ssd\", \"lfssd\"),\n"
                    + "    StringColumn.create(\"status\", \"ok\", \"failed\", \"ok\"),\n"
                    + "    StringColumn.create(\"reason\", \"\", \"metric mia is NaN\", \"\"));\n"
                    + "new StudyResult(StudySpec.demo(), rows, Path.of(\"runs\", \"demo\"), 3, 1, 0, java.util.List.of())"),
            Map.of("execute", "var components = VarianceComponents.of(new double[][] {\n"
                    + "    {0.71, 0.73, 0.70}, {0.80, 0.79, 0.83}, {0.65, 0.66, 0.64}});\ncomponents"),
            Map.of("execute", "components.sigma2TrainInterval()"),
            Map.of("execute", "\"\" + components.grandMean()"));

    private ArrayNode replies;

    @BeforeAll
    void runTheCells(@TempDir Path tmp) throws IOException, InterruptedException {
        Path bin = Files.createDirectories(tmp.resolve("fake-bin"));
        Files.writeString(bin.resolve("mvn"), FAKE_MVN);
        Files.setPosixFilePermissions(bin.resolve("mvn"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path requests = Files.writeString(tmp.resolve("requests.json"), JSON.writeValueAsString(REQUESTS));
        JupyterDriver.Run run = JupyterDriver.run(tmp, "run_cells.py", List.of(requests.toString()),
                Map.of("PATH", bin + ":" + System.getenv("PATH")));
        assertTrue(run.finished() && run.exitCode() == 0, "run_cells.py failed\n" + run.detail());
        replies = (ArrayNode) JSON.readTree(run.output());
        assertEquals(REQUESTS.size(), replies.size(), run.detail());
    }

    private JsonNode reply(int request) {
        return replies.get(request);
    }

    private static String result(JsonNode reply, String mime) {
        assertEquals("ok", reply.path("status").asText(), reply::toString);
        return reply.path("results").path(0).path(mime).asText();
    }

    @Test
    void tableOfDoublesShowsRoundedNumbersInHtmlAndText() {
        String html = result(reply(0), "text/html");
        assertTrue(html.contains("<tr><td>0.123</td><td>20251030</td><td>a</td></tr>"), html);
        assertTrue(html.contains("<td>0.333</td>") && html.contains("<td>1.23e-7</td>"), html);
        assertFalse(html.contains("0.3333"), "no 17-digit doubles: " + html);
        String text = result(reply(0), "text/plain");
        assertTrue(text.startsWith("scores \u2014 3 rows \u00d7 3 columns\n"), text);
        assertTrue(text.contains("0.333") && !text.contains("0.3333"), text);
        assertTrue(text.contains("\n  0.123  20251030  a\n"), "numbers right-aligned, integers in full:\n" + text);
        assertTrue(text.contains("\n1.23e-7         3  c"), text);
    }

    @Test
    void arraysAreShownAbbreviatedWithRoundedNumbers() {
        assertEquals("double[30]: [0.333, 0.25, 0.2, 0.167, 0.143, 0.125, 0.111, 0.1, 0.0909, 0.0833, "
                + "\u2026, 0.0333, 0.0323, 0.0313]", result(reply(1), "text/plain"),
                "hand computation: 1/3 … 1/12, then 1/30, 1/31, 1/32");
        assertEquals("int[2][3]:\n  [1, 2, 3]\n  [4, 5, 6]", result(reply(2), "text/plain"));
    }

    @Test
    void mavenSaysAnArtifactIsAlreadyOnTheClassPathInsteadOfLoadingASecondCopy() {
        JsonNode r = reply(3);
        assertEquals("ok", r.path("status").asText(), r::toString);
        String out = r.path("streams").path("stdout").asText();
        assertTrue(out.contains("tech.tablesaw:tablesaw-core is already on the class path (version 0.44.4"), out);
        assertTrue(out.contains("not loading tech.tablesaw:tablesaw-core:0.43.1"), out);
        assertEquals(0, r.path("errors").size(), "Maven was not even asked: the fake mvn would fail");
    }

    @Test
    void mavenErrorsComeBackWithoutAnsiCodes() {
        JsonNode r = reply(4);
        assertEquals("error", r.path("status").asText(), r::toString);
        JsonNode error = r.path("errors").path(0);
        String all = error.path("evalue").asText() + "\n" + error.path("traceback").toString();
        assertTrue(all.contains("[ERROR] Failed to collect dependencies for org.example:nothing:1.0"), all);
        assertTrue(all.contains("[ERROR] Could not find artifact"), all);
        assertFalse(all.contains(ESC) || all.contains("\\u001b") || all.contains("[1;31m"), all);
    }

    @Test
    void shiftTabShowsTheToolkitsJavadocSummary() {
        JsonNode study = reply(5);
        assertTrue(study.path("found").asBoolean(), study::toString);
        String text = study.path("data").path("text/plain").asText();
        assertTrue(text.startsWith("org.seedscope.study.Study\nThe fluent entry point for notebooks"), text);
        String of = reply(6).path("data").path("text/plain").asText();
        assertTrue(of.contains("SeedVariance.of(Table rows, String metric)\nAnalyses every slice with 95 % intervals and the metric"), of);
        assertTrue(of.contains("@param level confidence level in (0, 1)"), "each overload has its own text: " + of);
    }

    @Test
    void tribuoInfoLoggingIsHiddenFromTheStart() {
        JsonNode r = reply(7);
        assertEquals("WARNING", result(r, "text/plain"));
        assertTrue(r.path("streams").path("stderr").asText().contains("other-info-shown"),
                "control: INFO logging reaches the notebook, so hiding Tribuo's is the kernel's doing: " + r);
        assertFalse(r.path("streams").toString().contains("tribuo-info-noise"), r::toString);
    }

    @Test
    void recordOfDoublesShowsRoundedNumbers() {
        String text = result(reply(9), "text/plain");
        assertTrue(text.startsWith("VarianceComponents[\n  trainingSeeds=3,\n"), text);
        // hand computation: grand mean 6.51 / 9; sigma2_unlearn = MSW = 0.0015333 / 6;
        // sigma2_train = (MSB - MSW) / 3 with MSB = 0.037267 / 2
        assertTrue(text.contains("\n  grandMean=0.723,\n") && text.contains("\n  sigma2Unlearn=2.56e-4,\n")
                && text.contains("\n  sigma2Train=0.00613,\n"), text);
        assertTrue(text.contains("\n  sigma2TrainInterval=Interval[estimate=0.00613, lower="), "nested record: " + text);
        assertTrue(text.contains("\n  withinSeedConstant=false,\n"), "Optional<Boolean> shown by its value: " + text);
        assertFalse(RecordDisplayTest.LONG_FRACTION.matcher(text).find(), "no 10-or-more-digit decimal fraction: " + text);
        String optional = result(reply(10), "text/plain");
        assertTrue(optional.startsWith("Optional[Interval[estimate=0.00613, lower="), optional);
        assertFalse(RecordDisplayTest.LONG_FRACTION.matcher(optional).find(), optional);
        assertTrue(RecordDisplayTest.LONG_FRACTION.matcher(result(reply(11), "text/plain")).find(),
                "control: the same double printed raw has a long fraction");
    }

    @Test
    void studyResultShowsRowsFailuresAndCacheUse() {
        String text = result(reply(8), "text/plain");
        assertTrue(text.startsWith("Study demo: 3 rows (2 ok, 1 failed) in runs/demo\ncache: 3 models loaded, 1 trained"),
                text);
        assertTrue(text.contains("failed: ssd, metric mia is NaN"), text);
        String html = result(reply(8), "text/html");
        assertTrue(html.contains("<td>ssd</td><td>metric mia is NaN</td>"), html);
    }
}
