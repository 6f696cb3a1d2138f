package org.seedscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedscope.report.Headline;
import org.seedscope.report.ReportPages;
import org.seedscope.viz.ResultRows;
import picocli.CommandLine;
import tech.tablesaw.api.Table;

/** {@code ./seedscope demo --quick}, run once in-process through {@link Main#commandLine()}. */
class DemoCommandTest {

    private static final List<String> METHODS = List.of("retrain", "finetune", "random-labels", "bad-teacher",
            "unsir", "ssd", "lfssd");
    private static final List<String> SCENARIOS = List.of("full:Shirt", "sub:Shirt");
    /** A number standing alone: not part of a word, a file name (the temporary folder) or a version. */
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w./-])-?[0-9]+(\\.[0-9]+)?(e-?[0-9]+)?(?![\\w.])");

    @TempDir
    static Path dir;
    private static String out;
    private static Path run;

    @BeforeAll
    static void runTheQuickDemo() {
        run = dir.resolve("run");
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(o));
        cl.setErr(new PrintWriter(e));
        assertEquals(0, cl.execute("demo", "--quick", "--out", run.toString()), e.toString());
        out = o.toString();
    }

    @Test
    void summaryFitsOneHundredColumns() {
        out.lines().forEach(l -> assertTrue(l.length() <= 100, "wider than 100 columns (" + l.length() + "): " + l));
        assertTrue(out.contains("Headline: one training seed vs many"), out);
        for (String s : SCENARIOS) {
            for (String m : METHODS) {
                assertTrue(out.contains("  " + m + ": one training seed says "), "headline of " + s + " " + m);
            }
        }
        assertTrue(out.contains("grid 3x2") && out.contains("Alg. 1 1x3"), "the design in the column titles");
    }

    @Test
    void summaryNumbersHaveAtMostSixSignificantDigits() {
        Matcher n = NUMBER.matcher(out);
        int numbers = 0;
        while (n.find()) {
            numbers++;
            String digits = n.group().replaceAll("e-?[0-9]+$", "").replace("-", "").replace(".", "")
                    .replaceFirst("^0+", "");
            assertTrue(digits.length() <= 6, "'" + n.group() + "' has more than six significant digits");
        }
        assertTrue(numbers > 100, "the summary holds numbers: " + numbers);
    }

    @Test
    void reportHasAHeadlineAndBothComponentsForEveryMethodAndScenario() throws IOException {
        String html = Files.readString(run.resolve("report.html"));
        String headline = ReportPages.section(html, "headline");
        assertEquals(METHODS.size() * SCENARIOS.size(), headline.split("<li>").length - 1, headline);
        for (String s : SCENARIOS) {
            String section = ReportPages.section(html, "scenario-" + s.replace(':', '_'));
            List<List<String>> rows = ReportPages.tableAfter(section, "Variance components");
            assertEquals(METHODS, rows.stream().map(r -> r.get(0)).toList(), s);
            for (List<String> r : rows) {
                assertEquals("grid 3 × 2", r.get(1), s + " " + r);
                assertTrue(r.get(3).matches("[0-9].*") && r.get(4).matches("[0-9].*"),
                        s + ": σ²_train and σ²_unlearn estimated for " + r);
            }
        }
        assertTrue(html.contains("<h3>Variance components (test accuracy)</h3>"), "full-class leads with test"
                + " accuracy");
    }

    @Test
    void headlineAvoidsMetricsStuckAtAFloorOrCeiling() {
        Table rows = ResultRows.read(run.resolve("results.csv"));
        Headline h = Headline.of(rows);
        assertEquals(METHODS.size() * SCENARIOS.size(), h.lines().size());
        ReportPages.assertNoLineReadsAStuckMetric(rows, h);
        h.lines().stream().filter(l -> l.scenario().startsWith("full:")).forEach(l -> assertTrue(
                !l.metric().equals("forget_acc"), l.text()));
    }
}
