package org.seedscope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

/** Optimiser updates against hand computations of PyTorch's update rules. */
class OptimizerTest {

    @Test
    void sgdWithMomentumAndWeightDecayFollowsPyTorchRule() {
        Parameters p = Parameters.of(new float[] {1.0f, -2.0f});
        Optimizer sgd = new OptimizerSpec.Sgd(0.1, 0.9, 0.01).create(2);
        FloatBuffer g = FloatBuffer.wrap(new float[] {0.5f, 0.25f});
        sgd.update(p, g, 0.1);
        // hand computation, step 1: g' = g + 0.01*theta = (0.51, 0.23); v = g'; theta -= 0.1*v
        assertEquals(1.0f - 0.1f * 0.51f, p.get(0), 1e-7);
        assertEquals(-2.0f - 0.1f * 0.23f, p.get(1), 1e-7);
        float t0 = p.get(0);
        sgd.update(p, g, 0.1);
        // step 2: v = 0.9*0.51 + (0.5 + 0.01*t0)
        assertEquals(t0 - 0.1f * (0.9f * 0.51f + 0.5f + 0.01f * t0), p.get(0), 1e-6);
    }

    @Test
    void adamFirstStepMovesEachParameterByTheLearningRate() {
        // hand computation: at t = 1 the bias-corrected m/sqrt(v) = g/|g| = sign(g)
        Parameters p = Parameters.of(new float[] {0.5f, 0.5f});
        Optimizer adam = OptimizerSpec.Adam.withDefaults(0.01).create(2);
        adam.update(p, FloatBuffer.wrap(new float[] {3.0f, -0.2f}), 0.01);
        assertEquals(0.49f, p.get(0), 1e-6);
        assertEquals(0.51f, p.get(1), 1e-6);
    }

    @Test
    void maskFreezesParametersOutsideIt() {
        Parameters p = Parameters.of(new float[] {1f, 1f});
        Optimizer sgd = new OptimizerSpec.Sgd(1, 0, 0).create(2);
        sgd.setMask(new float[] {0f, 1f});
        sgd.update(p, FloatBuffer.wrap(new float[] {1f, 1f}), 1);
        assertEquals(1f, p.get(0), 0);
        assertEquals(0f, p.get(1), 0);
    }

    @Test
    void invalidHyperparametersAreRejectedByName() {
        assertEquals("learningRate must be a positive finite number, got NaN",
                assertThrows(IllegalArgumentException.class, () -> new OptimizerSpec.Sgd(Double.NaN, 0, 0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new OptimizerSpec.Sgd(0.1, 1.0, 0));
        assertThrows(IllegalArgumentException.class, () -> new OptimizerSpec.Adam(0.1, 0.9, 1.0, 1e-8, 0));
    }
}
