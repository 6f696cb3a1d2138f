package org.seedscope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        for (String section : List.of("<h2>Scenario s</h2>", "One training seed vs many",
                "Distance between the two protocols (W2", "Variance components",
                "The single-seed lottery", "<h3>Reading</h3>", "Seed budget",
                "Minimum detectable difference")) {
            assertTrue(text.contains(section), "missing section: " + section);
        }
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
        assertEquals("For ssd, 100 % of the variance in forget accuracy comes from the training"
                + " seed (estimated from Algorithm 1 (σ²_unlearn) and Algorithm 2 (total)); one"
                + " training seed would have reported anything between 0.1 and 0.5 (mean"
                + " over 3 training seeds: 0.3). Across unlearning seeds it shows zero spread:"
                + " on this metric it behaves deterministically, so repeating it from one"
                + " trained model adds no information.",
                Report.reading(rows, "forget_acc", "s", "ssd"));
        // retrain, hand computation: sigma2_unlearn = var(0.50, 0.52, 0.55) = 0.00063333,
        // total = var(0.4, 0.5, 0.6) = 0.01, share = (0.01 - 0.00063333)/0.01 = 93.7 %,
        // sd = sqrt(0.00063333) = 0.0252
        String retrain = Report.reading(rows, "forget_acc", "s", "retrain");
        assertTrue(retrain.startsWith("For retrain, 94 % of the variance"), retrain);
        assertTrue(retrain.contains("between 0.4 and 0.6 (mean over 3 training seeds:"
                + " 0.5)"), retrain);
        assertTrue(retrain.endsWith("its standard deviation is 0.0252."), retrain);
    }

    @Test
    void readingSaysWhatCannotBeEstimated() {
        Table rows = SmallStudy.table("ssd");
        Table oneOnly = rows.where(rows.stringColumn("protocol").isEqualTo("one-training-seed"));
        String text = Report.reading(oneOnly, "forget_acc", "s", "retrain");
        assertTrue(text.contains("cannot be estimated from this design (only Algorithm 1)"),
                text);
        assertTrue(text.contains("No design with several training seeds was run"), text);
    }

    @Test
    void gridOnlyTableGetsReasonsInsteadOfMissingCharts(@TempDir Path dir) throws IOException {
        Table rows = SmallStudy.table("ssd");
        rows = rows.where(rows.stringColumn("protocol").isEqualTo("one-training-seed"));
        rows.stringColumn("protocol").set(rows.stringColumn("protocol").isNotMissing(), "grid");
        String text = Files.readString(Report.write(rows, dir));
        assertTrue(text.contains("Chart not drawn: scenario &#39;s&#39; has no ok rows of"
                + " one-training-seed or many-training-seeds"), "Figure 1 needs both protocols");
        assertTrue(text.contains("No method has rows under both Algorithm 1 and Algorithm 2"));
        assertTrue(text.contains("only one training seed was run"), "lottery with I = 1");
    }

    @Test
    void escapesTextFromTheTable(@TempDir Path dir) throws IOException {
        String text = Files.readString(Report.write(SmallStudy.table("<script>"), dir));
        assertTrue(text.contains("&lt;script&gt;"));
        assertFalse(text.contains("<script>"), "a method name must not become markup");
    }

    @Test
    void tableNumbersHaveAtMostThreeSignificantFigures(@TempDir Path dir) throws IOException {
        String text = Files.readString(Report.write(SmallStudy.table("ssd"), dir));
        Matcher cell = Pattern.compile("<td>(-?[0-9][0-9.]*(e-?[0-9]+)?)</td>").matcher(text);
        int numbers = 0;
        while (cell.find()) {
            String mantissa = cell.group(1).replaceAll("e-?[0-9]+$", "");
            if (!mantissa.contains(".")) {
                continue;
            }
            numbers++;
            String digits = mantissa.replace("-", "").replace(".", "").replaceFirst("^0+", "");
            assertTrue(digits.length() <= 3, "cell " + cell.group(1) + " has more than three"
                    + " significant figures");
        }
        assertTrue(numbers > 20, "the report's tables hold decimal numbers: " + numbers);
        // Algorithm 1 variance of retrain, 0.00063333 by hand: scientific notation
        assertTrue(text.contains("<td>6.33e-4</td>"), "tiny values in scientific notation");
    }
}
