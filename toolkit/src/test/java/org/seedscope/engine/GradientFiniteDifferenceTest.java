package org.seedscope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every backward rule of the generated gradient graph against float64 central finite differences
 * of an independent reference forward pass ({@link ReferenceMlp}), on fresh random inputs: parameter
 * gradients, the input gradient, and the per-example squared and absolute gradient sums. The loss
 * is {@code L = sum_n r_n . z_n} with random r, so {@code dL/dlogits = r}.
 */
class GradientFiniteDifferenceTest {
    private static final double H = 1e-6;
    private static Engine engine;

    @BeforeAll
    static void open() {
        engine = Engine.cpu();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void everyGradientOutputMatchesFiniteDifferences(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Architecture arch = new Architecture(5, List.of(4, 3), 3);
        int n = 6;
        Model model = Model.initialise(arch, seed);
        float[] theta = model.parameters().toArray();
        float[] x = new float[n * arch.inputs()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble(-1, 1);
        }
        float[] r = new float[n * arch.outputs()];
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) random.nextDouble(-1, 1);
        }
        Gradients g = engine.gradients(model, x, n, r, new GradientRequest(true, true, true));

        int p = arch.parameterCount();
        double[] fdSum = new double[p];
        double[] fdSquared = new double[p];
        double[] fdAbsolute = new double[p];
        double[] fdInput = new double[x.length];
        for (int e = 0; e < n; e++) {
            double[] xe = row(x, e, arch.inputs());
            double[] re = row(r, e, arch.outputs());
            for (int k = 0; k < p; k++) {
                double[] plus = toDouble(theta);
                double[] minus = toDouble(theta);
                plus[k] += H;
                minus[k] -= H;
                double d = (ReferenceMlp.linearLoss(arch, plus, xe, re)
                        - ReferenceMlp.linearLoss(arch, minus, xe, re)) / (2 * H);
                fdSum[k] += d;
                fdSquared[k] += d * d;
                fdAbsolute[k] += Math.abs(d);
            }
            for (int i = 0; i < arch.inputs(); i++) {
                double[] plus = xe.clone();
                double[] minus = xe.clone();
                plus[i] += H;
                minus[i] -= H;
                fdInput[e * arch.inputs() + i] = (ReferenceMlp.linearLoss(arch, toDouble(theta), plus, re)
                        - ReferenceMlp.linearLoss(arch, toDouble(theta), minus, re)) / (2 * H);
            }
        }
        assertRelativeError("parameter gradient", fdSum, g.parameters(), seed);
        assertRelativeError("per-example squared gradient sum", fdSquared, g.squared(), seed);
        assertRelativeError("per-example absolute gradient sum", fdAbsolute, g.absolute(), seed);
        assertRelativeError("input gradient", fdInput, g.input(), seed);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {4})
    void linearModelWithoutHiddenLayersHasExactGradients(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Architecture arch = new Architecture(3, List.of(), 2);
        Model model = Model.initialise(arch, seed);
        float[] x = {(float) random.nextDouble(), (float) random.nextDouble(), (float) random.nextDouble()};
        float[] r = {1, -2};
        Gradients g = engine.gradients(model, x, 1, r, GradientRequest.PARAMETERS);
        // hand computation: dL/dW[i][j] = x_i * r_j, dL/db_j = r_j
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                assertEquals(x[i] * r[j], g.parameters()[i * 2 + j], 1e-6, "dW[" + i + "][" + j + "]");
            }
        }
        assertEquals(1, g.parameters()[6], 0);
        assertEquals(-2, g.parameters()[7], 0);
    }

    private static void assertRelativeError(String what, double[] expected, float[] actual, long seed) {
        assertEquals(expected.length, actual.length, what + " length");
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < expected.length; i++) {
            diff += (expected[i] - actual[i]) * (expected[i] - actual[i]);
            norm += expected[i] * expected[i];
        }
        double rel = Math.sqrt(diff) / Math.max(Math.sqrt(norm), 1e-12);
        assertTrue(norm > 0, what + " is identically zero, the check would be vacuous (seed " + seed + ")");
        assertTrue(rel < 1e-3, what + ": relative error " + rel + " >= 1e-3 (seed " + seed + ")");
    }

    private static double[] row(float[] m, int r, int width) {
        double[] out = new double[width];
        for (int i = 0; i < width; i++) {
            out[i] = m[r * width + i];
        }
        return out;
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
