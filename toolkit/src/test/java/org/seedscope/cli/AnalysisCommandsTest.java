package org.seedscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedscope.audit.SyntheticStudy;
import org.seedscope.viz.SmallStudy;
import picocli.CommandLine;

class AnalysisCommandsTest {

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int status = cl.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void missingResultsNamesThePathAndHowToMakeIt(@TempDir Path dir) {
        for (String command : new String[] {"stats", "report"}) {
            Run r = run(command, dir.toString());
            assertEquals(2, r.status(), command);
            assertTrue(r.err().contains(dir.resolve("results.csv").toAbsolutePath().toString())
                    && r.err().contains("./seedscope run") && r.err().contains("demo"), r.err());
        }
    }

    @Test
    void unknownMetricListsTheMetricColumns(@TempDir Path dir) {
        SmallStudy.table("ssd").write().csv(dir.resolve("results.csv").toFile());
        Run r = run("stats", dir.toString(), "--metric", "accuracy");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("unknown metric 'accuracy'") && r.err().contains(
                "[forget_acc, test_acc]"), r.err());
    }

    @Test
    void statsPrintsJsonWithTheThreeTables(@TempDir Path dir) throws Exception {
        SmallStudy.table("ssd").write().csv(dir.resolve("results.csv").toFile());
        Run r = run("stats", dir.toString(), "--json");
        assertEquals(0, r.status(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals("forget_acc", doc.get("metric").asText());
        assertEquals(4, doc.get("variance_components").size(), "2 methods x 2 protocols");
        // hand computation: W2 of ssd, sqrt(0.08/3)
        assertEquals(Math.sqrt(0.08 / 3), doc.get("wasserstein").get(1).get("w2").asDouble(),
                1e-12);
        assertEquals(0.1, doc.get("lottery").get(3).get("min").asDouble(), 1e-12);
        Run text = run("stats", dir.toString());
        assertEquals(0, text.status(), text.err());
        assertTrue(text.out().contains("Variance components of forget_acc")
                && text.out().contains("W2 distance") && text.out().contains("lottery"));
    }

    @Test
    void reportWritesTheFileAndPrintsItsPath(@TempDir Path dir) {
        SmallStudy.table("ssd").write().csv(dir.resolve("results.csv").toFile());
        Run r = run("report", dir.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(dir.resolve("report.html").toAbsolutePath().toString(), r.out().strip());
        assertTrue(Files.isRegularFile(dir.resolve("report.html")));
    }

    @Test
    void auditPrintsTextAndJson(@TempDir Path dir) throws Exception {
        SyntheticStudy.write(dir, 4, 2, 10, 4, 7);
        Run text = run("audit", dir.toString());
        assertEquals(0, text.status(), text.err());
        assertTrue(text.out().contains("original (no unlearning)") && text.out().contains("retrain-vs-retrain (floor)"),
                text.out());
        Run json = run("audit", dir.toString(), "--json");
        assertEquals(0, json.status(), json.err());
        JsonNode doc = new ObjectMapper().readTree(json.out());
        JsonNode original = doc.get("audits").get(2);
        assertEquals("original", original.get("method").asText());
        assertEquals(10, original.get("epsilons").size(), "one epsilon per forget example");
        assertEquals(4, original.get("per_seed").size(), "one entry per training seed");
        assertTrue(original.get("roc_log_spaced").size() > 2);
    }

    @Test
    void auditOfAStudyWithoutStoredOutputsNamesTheFile(@TempDir Path dir) throws Exception {
        SyntheticStudy.write(dir, 2, 2, 3, 0, 7);
        java.nio.file.Files.delete(dir.resolve("outputs.bin"));
        Run r = run("audit", dir.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("outputs.bin") && r.err().contains("ran without storing them"), r.err());
    }
}
