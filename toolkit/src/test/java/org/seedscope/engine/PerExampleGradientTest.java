package org.seedscope.engine;

import static org.seedscope.engine.Checks.assertClose;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The per-example gradient statistics SSD-Det and LFSSD-Det need, {@code sum_n g_n^2} and
 * {@code sum_n |g_n|}, computed in one batched run, against an explicit loop over single examples,
 * for every layer type (dense outer products, convolution patches, batch normalisation in
 * evaluation mode, pooling and residual paths in between).
 */
class PerExampleGradientTest {
    private static Engine engine;

    @BeforeAll
    static void open() {
        engine = Engine.cpu();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    static List<Checks.Case> cases() {
        return Checks.layerCases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void batchedSumsEqualALoopOverSingleExamples(Checks.Case c) {
        Architecture arch = c.arch();
        int n = 5;
        long seed = c.name().hashCode() + 7L;
        Model model = Checks.model(arch, seed);
        float[] x = Checks.uniform(n * arch.inputs(), seed + 1);
        float[] r = Checks.uniform(n * arch.outputs(), seed + 2);
        Gradients all = engine.gradients(model, x, n, r, new GradientRequest(false, true, true));
        int p = arch.parameterCount();
        double[] sum = new double[p];
        double[] squared = new double[p];
        double[] absolute = new double[p];
        for (int e = 0; e < n; e++) {
            float[] xe = java.util.Arrays.copyOfRange(x, e * arch.inputs(), (e + 1) * arch.inputs());
            float[] re = java.util.Arrays.copyOfRange(r, e * arch.outputs(), (e + 1) * arch.outputs());
            float[] g = engine.gradients(model, xe, 1, re, GradientRequest.PARAMETERS).parameters();
            for (int k = 0; k < p; k++) {
                sum[k] += g[k];
                squared[k] += (double) g[k] * g[k];
                absolute[k] += Math.abs(g[k]);
            }
        }
        assertClose(c + ": sum of squares (seed " + seed + ")", squared, all.squared(), 1e-5);
        assertClose(c + ": sum of absolute values (seed " + seed + ")", absolute, all.absolute(), 1e-5);
        assertClose(c + ": gradient (seed " + seed + ")", sum, all.parameters(), 1e-5);
    }
}
