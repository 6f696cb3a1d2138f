package org.seedscope.unlearn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.seedscope.engine.Engine;
import org.seedscope.engine.Model;
import org.seedscope.engine.Parameters;
import org.seedscope.seed.SeedPurpose;
import org.seedscope.train.Losses;
import org.seedscope.train.Trainer;

/**
 * {@link UnlearningMethod#deterministic()} is a declared property, checked here for every method of
 * the standard registry with its defaults, and for the variants whose declaration differs from their
 * base's: a deterministic method gives bit-identical parameters for two different unlearning seeds
 * from the same model, any other method different parameters.
 */
class DeclaredDeterminismTest {
    private static final long SEED_A = 21;
    private static final long SEED_B = 22;
    private static Engine engine;
    private static ClassForgetFixture fx;
    private static Model original;
    private static AmnesiacRecording recording;

    @BeforeAll
    static void setUp() {
        engine = Engine.cpu();
        fx = new ClassForgetFixture(engine);
        long s = ClassForgetFixture.TRAINING_SEED;
        AmnesiacRecorder recorder = new AmnesiacRecorder(fx.forgetRows, fx.train.size());
        original = new Trainer(engine, fx.training).train(Model.initialise(fx.architecture,
                SeedPurpose.ORIGINAL_INIT.derive(s)), fx.train, SeedPurpose.ORIGINAL_ORDER.derive(s),
                Losses.crossEntropy(fx.train.y()), recorder).model();
        recording = recorder.recording(original);
    }

    @AfterAll
    static void tearDown() {
        engine.close();
    }

    static Stream<UnlearningMethod> methods() {
        MethodRegistry registry = MethodRegistry.standard();
        return Stream.concat(registry.ids().stream().map(registry::get), Stream.of(
                registry.variant("ssd", "ssd-shuffled", Map.of("order", "shuffled")),
                registry.variant("lfssd", "lfssd-shuffled", Map.of("order", "shuffled")),
                registry.variant("amnesiac", "amnesiac-no-repair", Map.of("repairEpochs", 0))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void twoUnlearningSeedsAgreeBitForBitExactlyWhenTheMethodDeclaresItDeterministic(UnlearningMethod method) {
        Parameters a = run(method, SEED_A).parameters();
        Parameters b = run(method, SEED_B).parameters();
        assertEquals(method.deterministic(), a.bitEquals(b), method.name() + " declares deterministic = "
                + method.deterministic() + ", but seeds " + SEED_A + " and " + SEED_B + " gave "
                + (a.bitEquals(b) ? "identical" : "different") + " parameters");
    }

    @Test
    void theOriginalReferenceReturnsACopyWithBitIdenticalParameters() {
        Original reference = Original.withDefaults();
        Model copy = run(reference, SEED_A);
        assertTrue(copy.parameters().bitEquals(original.parameters()), "original: parameters changed");
        assertNotSame(original.parameters(), copy.parameters(), "a copy, so changing it cannot change the original");
        assertEquals(original.provenance(), copy.provenance());
        assertTrue(reference.deterministic());
        assertEquals("original", reference.name());
        assertEquals(Map.of(), reference.hyperparameters());
        assertFalse(Retrain.withDefaults().deterministic(), "Retrain's new initialisation depends on the seed");
    }

    private static Model run(UnlearningMethod method, long seed) {
        return method.unlearn(original, fx.context(seed).withAmnesiacRecording(recording));
    }
}
