package org.seedscope.study;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedscope.unlearn.MethodRegistry;

/** The example spec the README points to parses and validates against the shipped data. */
class ExampleSpecTest {
    @Test
    void exampleGridSpecIsValidAndPlansTheGrid() {
        StudySpec spec = SpecFiles.read(Path.of("../examples/grid.yaml"));
        assertEquals(List.of(Protocol.GRID), spec.protocols().stream().map(ProtocolRun::protocol).toList());
        StudyRunner runner = StudyRunner.of(spec, DatasetIds.resolve(spec), MethodRegistry.standard());
        assertEquals(2 * 4 * 3 * 5, runner.plan().size());
    }
}
