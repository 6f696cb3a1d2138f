package org.seedscope.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedscope.unlearn.MethodRegistry;

/** The privacy-audit presets the README points to parse, validate against the shipped data and plan their grids. */
class AuditPresetTest {

    private static StudyRunner plan(String file) {
        StudySpec spec = SpecFiles.read(Path.of("..", file));
        assertEquals(List.of(Protocol.GRID), spec.protocols().stream().map(ProtocolRun::protocol).toList(), file);
        assertTrue(spec.methods().stream().anyMatch(m -> m.name().equals("original")),
                file + ": the audit's no-unlearning reference");
        assertTrue(spec.auditSample() > 0, file + " stores outputs");
        return StudyRunner.of(spec, DatasetIds.resolve(spec), MethodRegistry.standard());
    }

    @Test
    void fullPresetIsAnEightByEightGridOfTwoScenariosAndFiveMethods() {
        assertEquals(2 * 8 * 8 * 5, plan("examples/audit.yaml").plan().size());
    }

    @Test
    void quickPresetIsAnEightByFourGridOfOneScenario() {
        assertEquals(8 * 4 * 5, plan("datasets/studies/audit/spec.yaml").plan().size());
    }
}
