package org.seedscope.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
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
