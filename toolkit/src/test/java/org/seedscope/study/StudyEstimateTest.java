package org.seedscope.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedscope.unlearn.MethodRegistry;

/** The up-front size and wall time of a study, against hand counts. */
class StudyEstimateTest {
    /** Grid 2x3, one scenario, methods retrain and ssd: 12 cells, 2 originals, 6 Retrains, 6 ssd runs. */
    private static final StudySpec GRID = StudySpec.demo().withForget(List.of("full:Shirt"))
            .withMethods(StudySpec.methods("retrain", "ssd")).withProtocols(List.of(ProtocolRun.of(Protocol.GRID, 2, 3)));

    @Test
    void wallTimeCountsEveryModelOnceEveryMethodRunInEpochsAndEveryCellsEvaluation() {
        // epoch 0.5 s x 10 epochs = 5 s per model; evaluation 0.25 s per cell; 2 workers:
        // ((2 + 6) x 5 + 6 x 3 epochs x 0.5 + 12 x 0.25) / 2 = (40 + 9 + 3) / 2 = 26 s
        StudyEstimate e = StudyEstimate.of(GRID, 1, 1, new StepTimer.Costs(0.5, 10, 0.25), 2);
        assertEquals(12, e.cells());
        assertEquals(2, e.originals());
        assertEquals(6, e.retrains());
        assertEquals(Duration.ofSeconds(26), e.wallTime());
        assertEquals("12 cells, 2 originals, 6 Retrains, about 26 s", e.describe());
    }

    @Test
    void scenariosOnOneTrainingSetShareTheirOriginals() {
        // full-class and random forgetting both train on all of D: 2 originals for 2 training seeds, not 4;
        // their retain sets differ, so each has its own Retrains: 4 unlearning seeds x 2 scenarios
        StudySpec spec = TinyStudy.spec().withForget(List.of("full:3", "random:0.05@seed1"));
        StudyEstimate e = StudyRunner.of(spec, DatasetIds.resolve(spec), MethodRegistry.standard()).estimate();
        assertEquals(2, e.originals());
        assertEquals(8, e.retrains());
        assertEquals(2 * 2 * 2 * 4, e.cells());
    }

    @Test
    void aFamilyWithoutMeasuredStepsHasNoWallTime() {
        StudyEstimate e = StudyEstimate.of(GRID, 1, 1, StepTimer.Costs.UNKNOWN, 2);
        assertEquals(12, e.cells());
        assertNull(e.wallTime());
        assertEquals("12 cells, 2 originals, 6 Retrains", e.describe());
        StudyEstimate one = StudyEstimate.of(GRID.withProtocols(List.of(ProtocolRun.of(Protocol.GRID, 1, 1))),
                1, 1, StepTimer.Costs.UNKNOWN, 1);
        assertEquals("2 cells, 1 original, 1 Retrain", one.describe());
    }
}
