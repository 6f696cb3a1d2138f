package org.seedscope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedscope.viz.SmallStudy;
import tech.tablesaw.api.Table;

class ReportTest {

    @Test
    void writesEverySectionWithEmbeddedChartsAndSvgFiles(@TempDir Path dir) throws IOException {
        Path html = Report.write(SmallStudy.table("ssd"), dir);
        assertEquals(dir.resolve("report.html"), html);
        String text = Files.readString(html);
        for (String section : List.of("<h2>Headline: one training seed vs many</h2>", "<h2>Scenario s</h2>",
                "One training seed vs many (Figure 1)", "Distance between the two protocols (W2",
                "Variance components", "The single-seed lottery", "<h3>Reading</h3>", "Seed budget",
                "Minimum detectable difference", "<h2>Provenance</h2>", "<h2>Privacy audit</h2>")) {
            assertTrue(text.contains(section), "missing section: " + section);
        }
        assertTrue(text.indexOf("Headline: one training seed") < text.indexOf("<h2>Scenario s</h2>"),
                "the headline comes first");
        assertTrue(text.contains("src=\"data:image/png;base64,"));
        try (Stream<Path> files = Files.list(dir.resolve("charts"))) {
            List<String> svgs = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertTrue(svgs.contains("s-forget_acc-boxes.svg"), svgs.toString());
            assertTrue(svgs.contains("s-test_acc-boxes.svg"), svgs.toString());
            assertTrue(svgs.contains("s-forget_acc-w2.svg"), svgs.toString());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("charts", "report.html"), files.map(p -> p.getFileName()
                    .toString()).sorted().toList(), "no temporary file is left behind");
        }
    }

    @Test
    void readingNumbersMatchTheStatistics() {
        Table rows = SmallStudy.table("ssd");
        // ssd: Algorithm 1 values all 0.30 (sigma2_unlearn = 0); Algorithm 2 0.1, 0.3, 0.5
        // (total 0.04, so 100 % from training seeds); lottery min 0.1, max 0.5, mean 0.3
        assertEquals("For ssd, 100 % of the variance in forget accuracy comes from the training seed"
                + " (σ²_train = 0.04, σ²_unlearn = 0; estimated from Algorithm 1 and Algorithm 2). A study on one"
                + " training seed would have reported a mean anywhere from 0.1 to 0.5, depending on the seed it"
                + " drew (mean over 3 training seeds: 0.3). ssd is deterministic (declared by the method, and its"
                + " runs on one trained model were identical), so repeating it from one trained model adds no"
                + " information: only more training seeds narrow its estimate.",
                Report.reading(rows, "forget_acc", "s", "ssd"));
        // retrain, hand computation: sigma2_unlearn = var(0.50, 0.52, 0.55) = 0.00063333,
        // total = var(0.4, 0.5, 0.6) = 0.01, sigma2_train = 0.0093667, share 93.7 %,
        // sd = sqrt(0.00063333) = 0.0252 and sqrt(0.0093667) = 0.0968
        String retrain = Report.reading(rows, "forget_acc", "s", "retrain");
        assertTrue(retrain.startsWith("For retrain, 94 % of the variance in forget accuracy comes from the"
                + " training seed (σ²_train = 0.00937, σ²_unlearn = 6.33e-4;"), retrain);
        assertTrue(retrain.contains("anywhere from 0.4 to 0.6, depending on the seed it drew (mean over 3"
                + " training seeds: 0.5)"), retrain);
        assertTrue(retrain.endsWith("its standard deviation is 0.0252, against 0.0968 across training seeds."),
                retrain);
        assertFalse(retrain.contains("deterministic"), "retrain declares itself random");
    }

    @Test
    void readingSaysWhatCannotBeEstimated() {
        Table rows = SmallStudy.table("ssd");
        Table oneOnly = rows.where(rows.stringColumn("protocol").isEqualTo("one-training-seed"));
        String text = Report.reading(oneOnly, "forget_acc", "s", "retrain");
        assertTrue(text.contains("cannot be split into training-seed and unlearning-seed parts with this design"
                + " (Algorithm 1 only)"), text);
        assertTrue(text.contains("No design with several training seeds was run"), text);
    }

    @Test
    void aMetricAtItsFloorIsCalledThatAndNeverDeterministic() {
        // full:A: forget accuracy is 0 in every run of retrain and finetune (GridStudy)
        String text = Report.reading(GridStudy.table(), "forget_acc", "full:A", "finetune");
        assertEquals("For finetune, forget accuracy is 0 in every run: the metric sits at its floor, so it"
                + " cannot show how much the seeds matter, and says nothing about whether finetune is"
                + " deterministic.", text);
    }

    @Test
    void gridOnlyTableDrawsAlgorithmOneFromTheGridAndSaysWhatIsMissing(@TempDir Path dir) throws IOException {
        Table rows = SmallStudy.table("ssd");
        rows = rows.where(rows.stringColumn("protocol").isEqualTo("one-training-seed"));
        rows.stringColumn("protocol").set(rows.stringColumn("protocol").isNotMissing(), "grid");
        String text = Files.readString(Report.write(rows, dir));
        assertTrue(text.contains("Algorithm 1 (one-training-seed) was not run separately: its sample is the"
                + " grid&#39;s runs on its first training seed (s (2 methods))"), "the derivation is said");
        assertFalse(text.contains("Chart not drawn: scenario &#39;s&#39; has no ok rows"), "Figure 1 is drawn");
        assertTrue(text.contains("No method has rows under both Algorithm 1 and Algorithm 2"));
        assertTrue(text.contains("Only one training seed was run"), "lottery with I = 1");
    }

    @Test
    void gridReportHasBothComponentsWithIntervalsForEveryMethodAndScenario(@TempDir Path dir)
            throws IOException {
        String html = Files.readString(Report.write(GridStudy.table(), dir));
        for (String scenario : GridStudy.SCENARIOS) {
            String section = ReportPages.section(html, Html.slug("scenario-" + scenario));
            List<List<String>> rows = ReportPages.tableAfter(section, "Variance components");
            assertEquals(GridStudy.METHODS.length, rows.size(), scenario);
            for (List<String> r : rows) {
                assertEquals("grid 4 × 3", r.get(1), scenario + " " + r);
                for (int c : new int[] {3, 4}) {
                    assertTrue(r.get(c).matches("[0-9][^ ]* \\[[0-9][^,]*, [0-9][^\\]]*\\]"),
                            scenario + ": estimate with interval expected in column " + c + " of " + r);
                }
            }
        }
        String headline = ReportPages.section(html, "headline");
        assertEquals(GridStudy.METHODS.length * GridStudy.SCENARIOS.length, headline.split("<li>").length - 1,
                "one headline line per method and scenario");
    }

    @Test
    void fullClassSectionsLeadWithTestAccuracyAndReadingsAreNeverTemplatedNonsense(@TempDir Path dir)
            throws IOException {
        String html = Files.readString(Report.write(GridStudy.table(), dir));
        String full = ReportPages.section(html, "scenario-full_A");
        assertTrue(full.contains("<p>This section reads test accuracy (forget accuracy sits at its floor or"
                + " ceiling for 2 of 3 methods"), "forget accuracy is passed over, and why");
        assertTrue(full.contains("<h3>Variance components (test accuracy)</h3>"));
        String sub = ReportPages.section(html, "scenario-sub_A");
        assertTrue(sub.contains("<h3>Variance components (forget accuracy)</h3>"));
        Matcher between = Pattern.compile("between ([0-9.e-]+) and ([0-9.e-]+)").matcher(html);
        while (between.find()) {
            assertFalse(between.group(1).equals(between.group(2)), between.group());
        }
        Matcher range = Pattern.compile("from ([0-9.e-]+) to ([0-9.e-]+)").matcher(html);
        int ranges = 0;
        while (range.find()) {
            ranges++;
            assertFalse(range.group(1).equals(range.group(2)), range.group());
        }
        assertTrue(ranges > 0);
        Matcher noInfo = Pattern.compile("<p>For ([a-z]+)[^<]*adds no information").matcher(html);
        int claims = 0;
        while (noInfo.find()) {
            claims++;
            assertEquals("ssd", noInfo.group(1), "only the declared-deterministic method");
        }
        assertEquals(2, claims, "ssd in both scenarios");
    }

    @Test
    void notesAreShownOnceBelowTheirTable(@TempDir Path dir) throws IOException {
        String html = Files.readString(Report.write(GridStudy.table(), dir));
        String full = ReportPages.section(html, "scenario-full_A");
        for (List<String> r : ReportPages.tableAfter(full, "Variance components")) {
            assertTrue(r.get(r.size() - 1).matches("[0-9, ]*"), "a row refers to notes by number: " + r);
        }
        int list = full.indexOf("<ol class=\"notes\">");
        assertTrue(list > 0, "the notes are listed");
        String[] items = full.substring(list, full.indexOf("</ol>", list)).split("<li>");
        Set<String> distinct = new HashSet<>(List.of(items));
        assertEquals(items.length, distinct.size(), "each note once");
        assertTrue(items.length > 1);
    }

    @Test
    void provenanceComesFromTheRows(@TempDir Path dir) throws IOException {
        String provenance = ReportPages.section(Files.readString(Report.write(GridStudy.table(), dir)),
                "provenance");
        for (String expected : List.of("fashion-mnist-subset[3000/1000]", "986c08ff98904f63", "mlp 784-256-10",
                "0.1.0-SNAPSHOT commit 0123456789ab", "alpha = 10, lambda = 1", "epochs = 5, learningRate = 0.02",
                "training 1–4; unlearning 1–12; evaluation 1–12", "training 1; unlearning 1–5")) {
            assertTrue(provenance.contains(expected), "provenance lacks " + expected);
        }
    }

    @Test
    void escapesTextFromTheTable(@TempDir Path dir) throws IOException {
        String text = Files.readString(Report.write(SmallStudy.table("<script>"), dir));
        assertTrue(text.contains("&lt;script&gt;"));
        assertFalse(text.contains("<script>"), "a method name must not become markup");
    }

    @Test
    void tableNumbersHaveAtMostThreeSignificantFigures(@TempDir Path dir) throws IOException {
        for (Table rows : List.of(SmallStudy.table("ssd"), GridStudy.table())) {
            String text = Files.readString(Report.write(rows, dir));
            Matcher cell = Pattern.compile("<td[^>]*>([^<]*)</td>").matcher(text);
            Pattern number = Pattern.compile("(?<![\\w.])-?[0-9]+\\.[0-9]+(e-?[0-9]+)?");
            int numbers = 0;
            while (cell.find()) {
                Matcher n = number.matcher(cell.group(1));
                while (n.find()) {
                    numbers++;
                    String digits = n.group().replaceAll("e-?[0-9]+$", "").replace("-", "").replace(".", "")
                            .replaceFirst("^0+", "");
                    assertTrue(digits.length() <= 3, "cell " + cell.group(1) + " has more than three significant"
                            + " figures");
                }
            }
            assertTrue(numbers > 20, "the report's tables hold decimal numbers: " + numbers);
        }
        String small = Files.readString(Report.write(SmallStudy.table("ssd"), dir));
        // Algorithm 1 variance of retrain, 0.00063333 by hand: scientific notation
        assertTrue(small.contains("<td>6.33e-4</td>"), "tiny values in scientific notation");
    }
}
