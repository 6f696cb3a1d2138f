package org.seedscope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedscope.audit.Audit;
import org.seedscope.audit.MethodAudit;
import org.seedscope.audit.Roc;
import org.seedscope.audit.SeedAudit;
import org.seedscope.audit.SyntheticStudy;
import org.seedscope.format.Numbers;
import tech.tablesaw.api.Table;

class AuditSectionTest {

    private static final double NAN = Double.NaN;

    /** Positives 2 and 3 against negatives 1 and 2.5: 3 of 4 pairs ordered, AUC 0.75 (hand computation). */
    private static final Roc AUC_075 = Roc.of(new double[] {2, 3, 1, 2.5}, new boolean[] {true, true, false, false});
    /** Positives 1 and 2 against negatives 1 and 2: two ties, one win, one loss, AUC 0.5. */
    private static final Roc AUC_05 = Roc.of(new double[] {1, 2, 1, 2}, new boolean[] {true, true, false, false});

    private static MethodAudit audit(String method, Roc roc, double control, double... seedAucs) {
        List<SeedAudit> seeds = new java.util.ArrayList<>();
        for (int i = 0; i < seedAucs.length; i++) {
            seeds.add(new SeedAudit(i + 1, 4, 4, seedAucs[i], NAN, NAN, NAN, NAN));
        }
        return new MethodAudit("grid", "s", method, method.equals(Audit.FLOOR), seedAucs.length, 4, 4, new int[2],
                roc, new double[] {1.5, 2.5}, 0.25, NAN, control, seeds);
    }

    @Test
    void readingComparesWithTheFloorAndCountsTheSeedsAboveIt() {
        MethodAudit floor = audit(Audit.FLOOR, AUC_05, 0.5, 0.45, 0.55);
        // the median epsilon is 2 for both (same epsilons); TPR at 1 % FPR, hand computation: the method's ROC
        // reaches (0, 0.5) before its first false positive, the floor's first step is (0.5, 0.5) (a tie)
        assertEquals("ssd: U-LiRA AUC 0.75 against the floor's 0.5 (TPR at 1 % FPR 0.5 vs 0). Per training seed its"
                + " AUC ranged 0.6 – 0.9, and 2 of 2 training seeds lie above the floor's highest seed-pair AUC"
                + " (0.55): every training seed alone would have told its models from Retrain's. Median per-example"
                + " ε 2 vs the floor's 2; forgetting quality 0.25 vs the floor's 0.25. On test examples, which no"
                + " model trained on, the attack reaches AUC 0.7 (floor 0.5): at least half of the separation appears"
                + " there too, so much of it is a change of the outputs beyond the forget examples (with class"
                + " forgetting the forgotten class's test examples change too), not memory of the forget set.",
                AuditSection.reading(audit("ssd", AUC_075, 0.7, 0.6, 0.9), floor));
        MethodAudit random = new MethodAudit("grid", "random:0.02@seed1", "ssd", false, 2, 4, 4, new int[2], AUC_075,
                new double[] {1.5, 2.5}, 0.25, NAN, 0.7, audit("ssd", AUC_075, 0.7, 0.6, 0.9).seeds());
        assertTrue(AuditSection.reading(random, floor).endsWith("beyond the forget examples, not memory of the"
                + " forget set."), "random forgetting has no forgotten class");
        // control lift 0.1 is below half the AUC lift 0.25: no global-change sentence
        String local = AuditSection.reading(audit("ssd", AUC_075, 0.6, 0.6, 0.9), floor);
        assertTrue(local.endsWith("the attack reaches AUC 0.6 (floor 0.5)."), local);
        String mixed = AuditSection.reading(audit("ssd", AUC_075, NAN, 0.5, 0.6, NAN), floor);
        assertTrue(mixed.contains("1 of 2 training seeds lie above") && mixed.contains("depends on which seed"), mixed);
        assertFalse(mixed.contains("On test examples"), "no control sentence without a control AUC: " + mixed);
        String none = AuditSection.reading(audit("ssd", AUC_05, NAN, 0.4, 0.55), floor);
        assertTrue(none.contains("0 of 2 training seeds") && none.contains("no training seed alone"), none);
        String alone = AuditSection.reading(audit(Audit.ORIGINAL, AUC_075, NAN, 0.8), null);
        assertTrue(alone.startsWith("original (no unlearning, what a method that does nothing shows): U-LiRA AUC"
                + " 0.75 and median ε 2, with no floor"), alone);
    }

    @Test
    void sectionHasTheTableChartsAndReadingsOfEverySlice(@TempDir Path dir) throws IOException {
        Path study = dir.resolve("study");
        SyntheticStudy.write(study, 8, 4, 30, 10, 11);
        Audit audit = Audit.of(study);
        Path charts = dir.resolve("charts");
        Files.createDirectories(charts);
        Html html = new Html(charts);
        AuditSection.write(html, audit);
        String text = html.toString();
        assertTrue(text.contains("<h2>Privacy audit</h2>"), text);
        assertTrue(text.contains("<h3>Audit: grid / " + SyntheticStudy.SCENARIO + "</h3>"), text);
        MethodAudit original = audit.get(SyntheticStudy.SCENARIO, Audit.ORIGINAL);
        MethodAudit floor = audit.get(SyntheticStudy.SCENARIO, Audit.FLOOR);
        assertTrue(text.contains("<tr><td class=\"text\">original (no unlearning)</td><td>8</td><td>8 / 32</td><td>"
                + Numbers.estimate(original.auc()) + "</td><td>" + Numbers.estimate(original.tprAt1()) + "</td>"),
                text);
        assertTrue(text.contains("<tr><td class=\"text\">Retrain vs Retrain (floor)</td>"), text);
        assertTrue(text.contains(Html.escape(AuditSection.reading(original, floor))), "the original's reading");
        assertTrue(text.contains(Html.escape(AuditSection.reading(audit.get(SyntheticStudy.SCENARIO, "retrain2"),
                floor))), "the second Retrain's reading");
        assertFalse(text.contains(Html.escape(AuditSection.reading(floor, floor))), "the floor is not read");
        assertTrue(AuditSection.reading(original, floor).contains("8 of 8 training seeds"),
                "memorised examples: every seed catches the original");
        assertTrue(text.contains("<h3>Not audited</h3>") && text.contains("method &#39;retrain&#39; is the cells"),
                "the audit's notes");
        try (Stream<Path> files = Files.list(charts)) {
            String slice = "audit-grid-" + SyntheticStudy.SCENARIO.replace(':', '_');
            assertEquals(List.of(slice + "-auc-spread.svg", slice + "-epsilon.svg", slice + "-quality-spread.svg",
                    slice + "-roc.svg"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals(4, text.split("src=\"data:image/png;base64,", -1).length - 1, "four embedded charts");
        assertFalse(text.contains("Chart not drawn"), text);
    }

    @Test
    void aStudyWithoutOutputsOrSeedsGetsAReasonInsteadOfAnAudit(@TempDir Path dir) throws IOException {
        Table rows = SyntheticStudy.write(dir, 1, 3, 5, 2, 3);
        Html html = new Html(dir);
        AuditSection.write(html, rows, dir);
        assertTrue(html.toString().contains("<p>No privacy audit: nothing to audit in "), html.toString());
        assertTrue(html.toString().contains("needs at least 2"), html.toString());
        Files.delete(dir.resolve("outputs.bin"));
        Html none = new Html(dir);
        AuditSection.write(none, rows, dir);
        assertTrue(none.toString().contains("outputs.bin does not exist"), none.toString());
    }
}
