package org.seedscope.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The up-front size and wall time of a study, against hand counts. */
class StudyEstimateTest {
    /** Grid 2x3, one scenario, methods retrain and ssd: 12 cells, 2 originals, 6 Retrains, 6 ssd runs. */
    private static final StudySpec GRID = StudySpec.demo().withForget(List.of("full:Shirt"))
            .withMethods(StudySpec.methods("retrain", "ssd")).withProtocols(List.of(ProtocolRun.of(Protocol.GRID, 2, 3)));

    @Test
    void wallTimeCountsEveryModelOnceEveryMethodRunInEpochsAndEveryCellsEvaluation() {
        // epoch 0.5 s x 10 epochs = 5 s per model; evaluation 0.25 s per cell; 2 workers:
        // ((2 + 6) x 5 + 6 x 3 epochs x 0.5 + 12 x 0.25) / 2 = (40 + 9 + 3) / 2 = 26 s
        StudyEstimate e = StudyEstimate.of(GRID, new StepTimer.Costs(0.5, 10, 0.25), 2);
        assertEquals(12, e.cells());
        assertEquals(2, e.originals());
        assertEquals(6, e.retrains());
        assertEquals(Duration.ofSeconds(26), e.wallTime());
        assertEquals("12 cells, 2 originals, 6 Retrains, about 26 s", e.describe());
    }

    @Test
    void aFamilyWithoutMeasuredStepsHasNoWallTime() {
        StudyEstimate e = StudyEstimate.of(GRID, StepTimer.Costs.UNKNOWN, 2);
        assertEquals(12, e.cells());
        assertNull(e.wallTime());
        assertEquals("12 cells, 2 originals, 6 Retrains", e.describe());
        StudyEstimate one = StudyEstimate.of(GRID.withProtocols(List.of(ProtocolRun.of(Protocol.GRID, 1, 1))),
                StepTimer.Costs.UNKNOWN, 1);
        assertEquals("2 cells, 1 original, 1 Retrain", one.describe());
    }
}
