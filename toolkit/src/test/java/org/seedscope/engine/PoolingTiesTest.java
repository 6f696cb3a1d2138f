package org.seedscope.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedscope.data.Examples;
import org.seedscope.engine.graph.Reference;

/**
 * Max pooling on inputs with exact ties, as images with zero backgrounds give: each window's
 * gradient must go to exactly one position, the first maximum in row-major window order (PyTorch's
 * rule). Random inputs have no ties, so a wrong tie-break (or a gradient split or duplicated over
 * tied positions) passes a finite-difference test; this one checks the subgradient directly.
 */
class PoolingTiesTest {

    /** 1 channel 5x6: zeros, a pair of equal positive values in one window, equal values across windows. */
    private static final float[] IMAGE = {
        0, 0, 0, 0, 0, 0,
        0, 0, 0.5f, 0.5f, 0, 0,
        0, 0, 0, 0.5f, 0.25f, 0.25f,
        0, 0, 0, 0, 0.25f, 0.25f,
        0, 0, 0, 0, 0, 0};

    @Test
    void tilingWindowsGiveTheGradientToTheFirstMaximum() {
        check(2, 2, 0);
    }

    @Test
    void overlappingPaddedWindowsAddEachWindowsGradientAtItsFirstMaximum() {
        check(3, 2, 1);
    }

    /**
     * ReLU then 2x2 pooling, the cnn's pattern, in the evaluation (gradient) graph and the training
     * graph: the pooling rule applies the ReLU's mask on the pooled side, so a window whose maximum
     * is 0 (ties among zeros after the ReLU, negative inputs) must get no gradient, and a tied
     * positive window's gradient must reach its first maximum only.
     */
    @Test
    void reluThenPoolingGivesTheFirstPositiveMaximumAndNothingToZeroWindows() {
        float[] image = {
            -1, -2, 0.5f, 0.5f, -0.25f, 0,
            -3, -1, 0, 0.5f, 0, 0,
            0.75f, 0, 0.25f, 0.25f, 1, -1,
            0.75f, 0.75f, 0.25f, 0.25f, -1, 1,
            2, 2, 2, 2, 2, 2};
        Architecture arch = new Architecture("relu-pool", List.of(1, 5, 6), List.of(
                new Layer.Relu("relu", "x"),
                new Layer.MaxPool2d("pool", "relu", 2, 2, 0),
                new Layer.Flatten("flatten", "pool"),
                new Layer.Dense("dense", "flatten", 2, true)));
        Model model = Model.initialise(arch, 4);
        float[] r = {0.5f, 1f};
        Architecture.Tensor w = arch.parameterTensors().get(0);
        float[] relu = new float[image.length];
        for (int i = 0; i < image.length; i++) {
            relu[i] = Math.max(image[i], 0);
        }
        int[] at = Reference.argmax(new Reference.T(Checks.toDouble(relu), new int[] {1, 1, 5, 6}), new int[] {2, 2},
                new int[] {2, 2}, new int[] {0, 0, 0, 0}, new int[] {1, 1});
        float[] expectedDx = new float[image.length];
        for (int j = 0; j < at.length; j++) {
            float d = 0;
            for (int o = 0; o < 2; o++) {
                d += model.parameters().get(w.offset() + j * 2 + o) * r[o];
            }
            if (image[at[j]] > 0) {
                expectedDx[at[j]] += d;
            }
        }
        // windows (0, 0) and (0, 2) are all <= 0 after the ReLU; (0, 1) ties 0.5 twice, (1, 0) 0.75 three times
        assertArrayEquals(new int[] {0, 2, 4, 12, 14, 16}, at);
        try (Engine engine = Engine.cpu()) {
            float[] dx = engine.gradients(model, image, 1, r, GradientRequest.WITH_INPUT).input();
            assertArrayEquals(expectedDx, dx, 1e-6f, "input gradient through ReLU and pooling");
            float[] evaluation = engine.gradients(model, image, 1, r, GradientRequest.WITH_INPUT).parameters();
            try (Learner learner = engine.learner(model, new OptimizerSpec.Sgd(0.1, 0, 0))) {
                learner.backpropagate(new Examples(image, new int[1], arch.inputs(), arch.outputs()), new int[] {0},
                        (rows, logits, grad) -> {
                            System.arraycopy(r, 0, grad, 0, grad.length);
                            return 0;
                        });
                assertArrayEquals(evaluation, learner.gradient().toArray(), 1e-6f,
                        "the training graph's parameter gradient equals the evaluation graph's");
            }
        }
    }

    private static void check(int kernel, int stride, int padding) {
        Architecture arch = new Architecture("pool", List.of(1, 5, 6), List.of(
                new Layer.MaxPool2d("pool", "x", kernel, stride, padding),
                new Layer.Flatten("flatten", "pool"),
                new Layer.Dense("dense", "flatten", 2, true)));
        Model model = Model.initialise(arch, 3);
        float[] r = {1f, -0.5f};
        float[] dx;
        try (Engine engine = Engine.cpu()) {
            dx = engine.gradients(model, IMAGE, 1, r, GradientRequest.WITH_INPUT).input();
        }
        // hand-derived: d pool_j = sum_o W[j][o] r_o, added at the window's first maximum
        Architecture.Tensor w = arch.parameterTensors().get(0);
        int outputs = w.shape().get(0);
        int[] k = {kernel, kernel};
        int[] s = {stride, stride};
        int[] p = {padding, padding, padding, padding};
        int[] at = Reference.argmax(new Reference.T(Checks.toDouble(IMAGE), new int[] {1, 1, 5, 6}), k, s, p,
                new int[] {1, 1});
        float[] expected = new float[IMAGE.length];
        for (int j = 0; j < outputs; j++) {
            float d = 0;
            for (int o = 0; o < 2; o++) {
                d += model.parameters().get(w.offset() + j * 2 + o) * r[o];
            }
            expected[at[j]] += d;
        }
        assertArrayEquals(expected, dx, 1e-6f, "kernel " + kernel + " stride " + stride + " padding " + padding);
        // the check has teeth: the last-maximum rule would move gradient within a tied window
        assertNotEquals(at[firstTiedWindow(at)], lastMaximum(firstTiedWindow(at), k, s, p));
    }

    private static int firstTiedWindow(int[] at) {
        // window (0, 1) of the tiling case and (1, 1) of the overlapping one contain the tied 0.5 values;
        // both hold index 8 (row 1, column 2) as their first maximum
        for (int j = 0; j < at.length; j++) {
            if (at[j] == 8) {
                return j;
            }
        }
        throw new AssertionError("no window takes its maximum at the first 0.5");
    }

    private static int lastMaximum(int window, int[] k, int[] s, int[] p) {
        int wo = (6 + 2 * p[1] - k[1]) / s[1] + 1;
        int i = window / wo;
        int j = window % wo;
        float best = Float.NEGATIVE_INFINITY;
        int where = -1;
        for (int u = 0; u < k[0]; u++) {
            for (int v = 0; v < k[1]; v++) {
                int r = i * s[0] - p[0] + u;
                int q = j * s[1] - p[1] + v;
                if (r >= 0 && r < 5 && q >= 0 && q < 6 && IMAGE[r * 6 + q] >= best) {
                    best = IMAGE[r * 6 + q];
                    where = r * 6 + q;
                }
            }
        }
        return where;
    }
}
