package org.seedscope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.seedscope.format.Numbers;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

class HeadlineTest {

    @Test
    void avoidsMetricsStuckAtAFloorOrCeiling() {
        Table rows = GridStudy.table();
        Headline h = Headline.of(rows);
        assertEquals(6, h.lines().size());
        ReportPages.assertNoLineReadsAStuckMetric(rows, h);
        for (Headline.Line line : h.lines()) {
            // full:A: forget accuracy is 0 for retrain and finetune, so the section leads with test accuracy
            assertEquals(line.scenario().equals("full:A") ? "test_acc" : "forget_acc", line.metric(), line.text());
        }
        assertEquals("test_acc", h.leadMetrics().get("full:A"));
        assertEquals("forget_acc", h.leadMetrics().get("sub:A"));
    }

    @Test
    void aMethodStuckOnTheLeadMetricFallsBackToTheNextCandidate() {
        Table rows = GridStudy.table();
        DoubleColumn forget = rows.doubleColumn("forget_acc");
        for (int r = 0; r < rows.rowCount(); r++) {
            if (rows.stringColumn("scenario").get(r).equals("sub:A") && rows.stringColumn("method").get(r)
                    .equals("retrain")) {
                forget.set(r, 1.0);
            }
        }
        Headline h = Headline.of(rows);
        ReportPages.assertNoLineReadsAStuckMetric(rows, h);
        Headline.Line retrain = h.lines().stream().filter(l -> l.scenario().equals("sub:A")
                && l.method().equals("retrain")).findFirst().orElseThrow();
        assertEquals("test_acc", retrain.metric(), "forget accuracy sits at its ceiling for retrain");
        assertEquals("forget_acc", h.leadMetrics().get("sub:A"), "the others keep the scenario's lead");
    }

    @Test
    void lineStatesWhatOneSeedSaysAndWhatManySeedsGive() {
        Headline h = Headline.of(GridStudy.table());
        Headline.Line ssd = h.lines().stream().filter(l -> l.scenario().equals("full:A")
                && l.method().equals("ssd")).findFirst().orElseThrow();
        // hand computation from GridStudy: ssd has no unlearning-seed term, so Algorithm 1 (training
        // seed 1) is 0.82 + 0.02 sin(3.7) in all 5 runs and training seed i's mean is
        // 0.82 + 0.02 sin(1.7 i + 2), i = 1..4
        double one = 0.82 + 0.02 * Math.sin(1.7 + 2);
        double[] means = {0.82 + 0.02 * Math.sin(3.7), 0.82 + 0.02 * Math.sin(5.4), 0.82 + 0.02 * Math.sin(7.1),
            0.82 + 0.02 * Math.sin(8.8)};
        double lo = Arrays.stream(means).min().orElseThrow();
        double hi = Arrays.stream(means).max().orElseThrow();
        assertEquals("ssd: one training seed says test accuracy " + Numbers.format(one) + " ± 0 (5 runs,"
                + " deterministic); 4 training seeds give " + Numbers.format(lo) + "–" + Numbers.format(hi),
                ssd.text());
        Headline.Line finetune = h.lines().stream().filter(l -> l.scenario().equals("full:A")
                && l.method().equals("finetune")).findFirst().orElseThrow();
        assertFalse(finetune.deterministic());
        assertTrue(finetune.text().matches("finetune: one training seed says test accuracy [0-9.]+ ± [0-9.e-]+"
                + " \\(5 runs\\); 4 training seeds give [0-9.]+–[0-9.]+"), finetune.text());
        assertTrue(h.explanation().contains("Algorithm 1's 5 runs") && h.explanation().contains(
                "4 training seeds with 3 unlearning seeds each"), h.explanation());
    }

    @Test
    void aTableWithoutSeveralTrainingSeedsHasNoLines() {
        Table rows = GridStudy.table();
        rows = rows.where(rows.stringColumn("protocol").isEqualTo("one-training-seed"));
        Headline h = Headline.of(rows);
        assertTrue(h.lines().isEmpty());
        assertEquals(6, h.missing().size());
        assertTrue(h.explanation().startsWith("No method has both"), h.explanation());
    }
}
