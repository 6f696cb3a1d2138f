package org.seedscope.unlearn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seedscope.seed.SeedPurpose;
import org.seedscope.engine.Engine;
import org.seedscope.engine.Model;
import org.seedscope.engine.Parameters;
import org.seedscope.train.Losses;
import org.seedscope.train.StepHook;
import org.seedscope.train.Trainer;

/** The Amnesiac recorder and method on the seeded fixture. */
class AmnesiacTest {
    private static Engine engine;
    private static ClassForgetFixture fx;

    @BeforeAll
    static void setUp() {
        engine = Engine.cpu();
        fx = new ClassForgetFixture(engine);
    }

    @AfterAll
    static void tearDown() {
        engine.close();
    }

    private static Model trainWith(StepHook hook) {
        long s = ClassForgetFixture.TRAINING_SEED;
        return new Trainer(engine, fx.training).train(Model.initialise(fx.architecture, SeedPurpose.ORIGINAL_INIT.derive(s)), fx.train,
                SeedPurpose.ORIGINAL_ORDER.derive(s), Losses.crossEntropy(fx.train.y()), hook).model();
    }

    @Test
    void subtractingTheRecordingEqualsOriginalMinusTheSumOfItsUpdatesBitForBit() {
        int[] forgetRows = {5, 17, 404, 2999};
        AmnesiacRecorder recorder = new AmnesiacRecorder(forgetRows, fx.train.size());
        List<double[]> updates = new ArrayList<>();
        StepHook both = new StepHook() {
            private float[] before;

            @Override
            public void beforeStep(int[] rows, Model model) {
                recorder.beforeStep(rows, model);
                before = Arrays.stream(rows).anyMatch(r -> Arrays.binarySearch(forgetRows, r) >= 0)
                        ? model.parameters().toArray() : null;
            }

            @Override
            public void afterStep(int[] rows, Model model) {
                recorder.afterStep(rows, model);
                if (before != null) {
                    double[] delta = new double[before.length];
                    for (int k = 0; k < delta.length; k++) {
                        delta[k] = (double) model.parameters().get(k) - before[k];
                    }
                    updates.add(delta);
                }
            }
        };
        Model original = trainWith(both);
        assertTrue(original.parameters().bitEquals(fx.original.parameters()),
                "recording changed the trained parameters (training seed " + ClassForgetFixture.TRAINING_SEED + ")");
        AmnesiacRecording recording = recorder.recording(original);
        assertEquals(updates.size(), recording.recordedSteps());
        assertTrue(recording.recordedSteps() > 0 && recording.recordedSteps() < recording.totalSteps(),
                "4 forget rows should touch some but not all of " + recording.totalSteps() + " steps");
        double[] sum = new double[original.parameters().size()];
        for (double[] u : updates) {
            for (int k = 0; k < sum.length; k++) {
                sum[k] += u[k];
            }
        }
        assertArrayEquals(sum, recording.summedUpdate(), "recorded sum vs sum of the individually kept updates");
        float[] expected = original.parameters().toArray();
        for (int k = 0; k < expected.length; k++) {
            expected[k] = (float) ((double) expected[k] - sum[k]);
        }
        int[] retainRows = java.util.stream.IntStream.range(0, fx.train.size())
                .filter(r -> Arrays.binarySearch(forgetRows, r) < 0).toArray();
        UnlearningContext context = new UnlearningContext(fx.train.select(retainRows), fx.train.select(forgetRows), 1,
                engine, fx.training).withAmnesiacRecording(recording);
        Amnesiac noRepair = new Amnesiac(0);
        Model unlearned = noRepair.unlearn(original, context);
        assertTrue(unlearned.parameters().bitEquals(Parameters.of(expected)),
                "amnesiac without repair must be the original minus the summed updates, bit for bit");
        assertTrue(noRepair.deterministic());
        assertTrue(unlearned.parameters().bitEquals(noRepair.unlearn(original, context.withSeed(2)).parameters()));
        assertFalse(Amnesiac.withDefaults().deterministic());
    }

    @Test
    void forgetsAFullClass() {
        AmnesiacRecorder recorder = new AmnesiacRecorder(fx.forgetRows, fx.train.size());
        Model original = trainWith(recorder);
        UnlearningContext context = fx.context(3).withAmnesiacRecording(recorder.recording(original));
        Model unlearned = Amnesiac.withDefaults().unlearn(original, context);
        double before = fx.forgetAccuracy(original);
        double after = fx.forgetAccuracy(unlearned);
        // margin: from >= 0.95 to at most 0.2 (measured 0.00); retain measured 0.78-0.89 after one repair epoch
        assertTrue(before >= 0.95 && after <= 0.2, "forget accuracy " + before + " -> " + after);
        assertTrue(fx.retainAccuracy(unlearned) >= 0.5, "retain accuracy " + fx.retainAccuracy(unlearned));
    }

    @Test
    void refusesAMissingOrForeignRecording() {
        Model original = fx.original;
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Amnesiac.withDefaults().unlearn(original, fx.context(1)));
        assertTrue(missing.getMessage().contains("AmnesiacRecorder"), missing.getMessage());
        AmnesiacRecording foreign = new AmnesiacRecording(new double[original.parameters().size()], fx.forgetRows,
                fx.train.size(), 0, 1, "0".repeat(64));
        assertThrows(IllegalArgumentException.class,
                () -> Amnesiac.withDefaults().unlearn(original, fx.context(1).withAmnesiacRecording(foreign)));
        AmnesiacRecording otherForgetSet = new AmnesiacRecording(new double[original.parameters().size()],
                new int[] {0}, fx.train.size(), 0, 1, original.parameters().sha256());
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> Amnesiac.withDefaults().unlearn(original, fx.context(1).withAmnesiacRecording(otherForgetSet)));
        assertTrue(size.getMessage().contains("1 forget rows"), size.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AmnesiacRecorder(new int[] {3000}, 3000));
        assertThrows(IllegalArgumentException.class, () -> new Amnesiac(-1));
    }
}
