package org.seedscope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.seedscope.audit.Audit;
import org.seedscope.audit.MethodAudit;
import org.seedscope.audit.SeedAudit;

/**
 * The shipped audit study (datasets/studies/audit, written by {@code ./seedscope run} of its
 * spec.yaml) audits as the README describes: the Retrain-vs-Retrain floor within sampling bounds of
 * AUC 0.5, the original above the floor for every training seed.
 */
class ShippedAuditTest {
    private static final String SCENARIO = "random:0.02@seed1";

    @Test
    void theFloorSitsAtChanceAndTheOriginalAboveItForEveryTrainingSeed() {
        Audit audit = Audit.of(Path.of("../datasets/studies/audit"));
        MethodAudit floor = audit.get(SCENARIO, Audit.FLOOR);
        assertEquals(16, floor.methodModels());
        assertEquals(16, floor.retrainModels());
        // null standard error of a Mann-Whitney AUC with one comparison per model (Hanley and McNeil 1982,
        // Radiology 143:29): SE^2 = (n+ + n- + 1) / (12 n+ n-), n+ = n- = 16, so 4 SE = 0.41
        double se = Math.sqrt((16 + 16 + 1) / (12.0 * 16 * 16));
        assertEquals(0.5, floor.auc(), 4 * se, "the floor");
        MethodAudit original = audit.get(SCENARIO, Audit.ORIGINAL);
        assertEquals(8, original.seeds().size());
        double floorMax = floor.aucSpread().max();
        for (SeedAudit s : original.seeds()) {
            assertTrue(s.auc() > floorMax, "training seed " + s.trainSeed() + ": " + s.auc() + " vs " + floorMax);
        }
        assertTrue(original.tprAt1() > 5 * floor.tprAt1(), original.tprAt1() + " vs " + floor.tprAt1());
        assertTrue(AuditSection.reading(original, floor).contains("8 of 8 training seeds lie above"));
        assertEquals(5, audit.audits().size(), "floor, original, finetune, bad-teacher, ssd-det");
    }
}
