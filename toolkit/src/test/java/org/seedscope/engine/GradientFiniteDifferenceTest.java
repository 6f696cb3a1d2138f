package org.seedscope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.seedscope.engine.Checks.assertClose;
import static org.seedscope.engine.Checks.toDouble;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.seedscope.data.Examples;

/**
 * Every backward rule of the generated graphs against float64 central finite differences of an
 * independent reference forward pass ({@link ReferenceNet}), on random inputs: parameter gradients
 * and input gradients in evaluation mode ({@link Engine#gradients}) for one small network per layer
 * type and option, and the training-mode gradients and running statistics of batch normalisation
 * ({@link Learner}). The loss is {@code L = sum_n r_n . z_n} with random r, so {@code dL/dlogits = r}.
 */
class GradientFiniteDifferenceTest {
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
    void parameterAndInputGradientsMatchFiniteDifferences(Checks.Case c) {
        Architecture arch = c.arch();
        int n = c.batch();
        long seed = c.name().hashCode();
        Model model = Checks.model(arch, seed);
        float[] x = Checks.uniform(n * arch.inputs(), seed + 1);
        float[] r = Checks.uniform(n * arch.outputs(), seed + 2);
        Gradients g = engine.gradients(model, x, n, r, GradientRequest.WITH_INPUT);

        double[] theta = toDouble(model.parameters().toArray());
        double[] state = toDouble(model.state().toArray());
        double[] xd = toDouble(x);
        double[] rd = toDouble(r);
        double[] fd = Checks.gradient(v -> ReferenceNet.linearLoss(arch, v, state, xd, n, rd, false), theta);
        double[] fdInput = Checks.gradient(v -> ReferenceNet.linearLoss(arch, theta, state, v, n, rd, false), xd);
        assertClose(c + ": parameter gradient (seed " + seed + ")", fd, g.parameters(), 1e-3);
        assertClose(c + ": input gradient (seed " + seed + ")", fdInput, g.input(), 1e-3);
    }

    @Test
    void batchNormalisationInTrainingModeHasExactGradientsAndPyTorchRunningStatistics() {
        Architecture arch = new Architecture("bn train", List.of(2, 5, 3), List.of(
                new Layer.Conv2d("conv", "x", 3, 3, 1, 1),
                new Layer.BatchNorm2d("bn", "conv", 1e-5, 0.1),
                new Layer.Relu("relu", "bn"),
                new Layer.Flatten("flatten", "relu"),
                new Layer.Dense("dense", "flatten", 3, true)));
        int n = 4;
        long seed = 31;
        Model model = Checks.model(arch, seed);
        float[] x = Checks.uniform(n * arch.inputs(), seed + 1);
        float[] r = Checks.uniform(n * arch.outputs(), seed + 2);
        Examples data = new Examples(x, new int[n], arch.inputs(), arch.outputs());
        float[] gradient;
        float[] nextState;
        try (Learner learner = engine.learner(model, new OptimizerSpec.Sgd(0.1, 0, 0))) {
            learner.backpropagate(data, new int[] {0, 1, 2, 3}, (rows, logits, grad) -> {
                System.arraycopy(r, 0, grad, 0, grad.length);
                return 0;
            });
            gradient = learner.gradient().toArray();
            nextState = learner.nextState().toArray();
        }
        double[] theta = toDouble(model.parameters().toArray());
        double[] state = toDouble(model.state().toArray());
        double[] xd = toDouble(x);
        double[] rd = toDouble(r);
        double[] fd = Checks.gradient(v -> ReferenceNet.linearLoss(arch, v, state, xd, n, rd, true), theta);
        assertClose("training-mode gradient (seed " + seed + ")", fd, gradient, 1e-3);

        // PyTorch: running = (1 - momentum) running + momentum batch statistic, unbiased variance
        Map<String, double[]> stats = new java.util.HashMap<>();
        ReferenceNet.forward(arch, theta, state, xd, n, true, stats);
        double[] batch = stats.get("bn");
        double[] expected = new double[state.length];
        for (int ch = 0; ch < 3; ch++) {
            expected[ch] = 0.9 * state[ch] + 0.1 * batch[ch];
            expected[3 + ch] = 0.9 * state[3 + ch] + 0.1 * batch[3 + ch];
        }
        assertClose("running statistics", expected, nextState, 1e-6);
    }

    @Test
    void linearModelWithoutHiddenLayersHasExactGradients() {
        Architecture arch = new Architecture(3, List.of(), 2);
        Model model = Model.initialise(arch, 4);
        float[] x = {0.25f, -0.5f, 0.75f};
        float[] r = {1, -2};
        Gradients g = engine.gradients(model, x, 1, r, GradientRequest.PARAMETERS);
        // hand computation: dL/dW[i][j] = x_i * r_j, dL/db_j = r_j
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                assertEquals(x[i] * r[j], g.parameters()[i * 2 + j], 0, "dW[" + i + "][" + j + "]");
            }
        }
        assertEquals(1, g.parameters()[6], 0);
        assertEquals(-2, g.parameters()[7], 0);
    }
}
