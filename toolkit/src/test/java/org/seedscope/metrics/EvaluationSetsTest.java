package org.seedscope.metrics;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.seedscope.metrics.Fixtures.examples;

import org.junit.jupiter.api.Test;
import org.seedscope.data.Examples;

class EvaluationSetsTest {
    private final Examples a = examples(2, new double[] {1, 0, 0});
    private final Examples b = examples(2, new double[] {0, 1, 1});
    private final Examples none = new Examples(new float[0], new int[0], 2, 2);

    @Test
    void forgetAccuracyFallsBackToTheForgetSetWhenThereIsNoForgetTestSet() {
        EvaluationSets random = EvaluationSets.randomSample(a, b, a);
        assertTrue(random.forgetTest().isEmpty());
        assertSame(random.test(), random.retainTest());
        assertSame(b, random.forgetAccuracySet());
        assertSame(a, new EvaluationSets(a, b, a, a, a).forgetAccuracySet());
    }

    @Test
    void setsTheAttacksNeedMustNotBeEmpty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EvaluationSets(a, none, a, a, none));
        assertTrue(e.getMessage().contains("forgetTrain"), e.getMessage());
    }

    @Test
    void allSetsMustShareOneShape() {
        Examples threeClasses = new Examples(new float[] {0, 0}, new int[] {2}, 2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EvaluationSets(a, b, a, threeClasses, none));
        assertTrue(e.getMessage().contains("retainTest"), e.getMessage());
    }
}
