package org.seedscope.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedscope.engine.Mlp;
import org.seedscope.engine.OptimizerSpec;

/** Spec files: fields, defaults, round trip and errors naming the field. */
class SpecFilesTest {

    @Test
    void yamlSpecSetsEveryFieldAndLeavesOthersAtDemoDefaults() {
        StudySpec s = SpecFiles.parse("""
                name: small
                dataset: digits
                model: mlp-32-16
                training: {epochs: 4, batchSize: 64, optimizer: adam, learningRate: 0.001}
                forget: [full:3]
                methods: [retrain, ssd-det]
                trainingSeeds: 5
                unlearningSeeds: 2
                protocol: grid
                baseSeed: 10
                """, true, "small.yaml");
        assertEquals("digits", s.dataset());
        assertEquals(Mlp.hidden(32, 16), s.model());
        assertEquals(4, s.training().epochs());
        assertTrue(s.training().optimizer() instanceof OptimizerSpec.Adam);
        assertEquals(List.of(Protocol.GRID), s.protocols());
        assertEquals(10, s.baseSeed());
        assertEquals(StudySpec.demo().device(), s.device());
    }

    @Test
    void canonicalJsonReadsBackToAnEqualSpec() {
        StudySpec demo = StudySpec.demo().withSeeds(3, 4);
        assertEquals(demo, SpecFiles.parse(SpecFiles.toJson(demo), false, "demo.json"));
    }

    @Test
    void badFieldsAreNamedWithWhatIsAllowed() {
        assertMessage("s.yaml: field 'trainingSeeds' must be a whole number, got string \"eleven\"",
                "trainingSeeds: eleven");
        assertMessage("s.yaml: trainingSeeds (I) must be at least 1, got 0", "trainingSeeds: 0");
        assertMessage("s.yaml: unlearningSeeds (J) must be at least 1, got -2", "unlearningSeeds: -2");
        assertMessage("s.yaml: field 'protocol': protocol 'alg3' is not known: use one of one-training-seed, "
                + "many-training-seeds, grid", "protocol: alg3");
        assertMessage("s.yaml: field 'methods' must be a list of strings, got number 3", "methods: [3]");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpecFiles.parse("seeds: 3", true, "s.yaml"));
        assertTrue(e.getMessage().startsWith("s.yaml: unknown field 'seeds'; allowed: [baseSeed"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SpecFiles.parse("training: {optimizer: rmsprop}", true, "s.yaml"));
        assertEquals("s.yaml: field 'training.optimizer' is 'rmsprop': use sgd or adam", e.getMessage());
    }

    private static void assertMessage(String expected, String yaml) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpecFiles.parse(yaml, true, "s.yaml"));
        assertEquals(expected, e.getMessage());
    }
}
