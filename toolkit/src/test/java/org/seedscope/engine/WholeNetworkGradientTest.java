package org.seedscope.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.seedscope.engine.Checks.assertClose;
import static org.seedscope.engine.Checks.toDouble;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seedscope.data.Examples;

/**
 * Gradients of the built-in {@code cnn} and {@code resnet-8} against float64 central finite
 * differences of the independent reference ({@link ReferenceNet}), on small random images: a
 * sample of coordinates of every parameter tensor, the input gradient, and one directional
 * derivative along a random direction of all parameters at once. Evaluation mode through
 * {@link Engine#gradients}, training mode (batch statistics) through the {@link Learner}.
 */
class WholeNetworkGradientTest {
    private static final double H = Checks.H;
    private static final int PER_TENSOR = 10;
    private static Engine engine;

    @BeforeAll
    static void open() {
        engine = Engine.cpu();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void cnnGradientsMatchFiniteDifferences() {
        check(Cnn.DEFAULT.architecture(new int[] {1, 12, 12}, 10), false, 5);
    }

    /** The training graph: blocked convolutions and the pooling rule's ReLU mask (no BN, so the same function). */
    @Test
    void cnnGradientsMatchFiniteDifferencesInTrainingMode() {
        check(Cnn.DEFAULT.architecture(new int[] {1, 12, 12}, 10), true, 8);
    }

    @Test
    void resnet8GradientsMatchFiniteDifferencesInEvaluationMode() {
        check(ResNet.parse("resnet-8").architecture(new int[] {3, 8, 8}, 10), false, 6);
    }

    @Test
    void resnet8GradientsMatchFiniteDifferencesInTrainingMode() {
        check(ResNet.parse("resnet-8").architecture(new int[] {3, 8, 8}, 10), true, 7);
    }

    private static void check(Architecture arch, boolean training, long seed) {
        int n = 3;
        Model model = Checks.model(arch, seed);
        float[] x = Checks.uniform(n * arch.inputs(), seed + 1);
        float[] r = Checks.uniform(n * arch.outputs(), seed + 2);
        float[] g;
        float[] dx = null;
        if (training) {
            try (Learner learner = engine.learner(model, new OptimizerSpec.Sgd(0.1, 0, 0))) {
                learner.backpropagate(new Examples(x, new int[n], arch.inputs(), arch.outputs()), new int[] {0, 1, 2},
                        (rows, logits, grad) -> {
                            System.arraycopy(r, 0, grad, 0, grad.length);
                            return 0;
                        });
                g = learner.gradient().toArray();
            }
        } else {
            Gradients all = engine.gradients(model, x, n, r, GradientRequest.WITH_INPUT);
            g = all.parameters();
            dx = all.input();
        }
        double[] theta = toDouble(model.parameters().toArray());
        double[] state = toDouble(model.state().toArray());
        double[] xd = toDouble(x);
        double[] rd = toDouble(r);
        Checks.Objective fd = v -> ReferenceNet.linearLoss(arch, v, state, xd, n, rd, training);
        SplittableRandom pick = new SplittableRandom(seed + 3);
        List<Integer> coords = new ArrayList<>();
        for (Architecture.Tensor t : arch.parameterTensors()) {
            for (int i = 0; i < Math.min(PER_TENSOR, t.size()); i++) {
                coords.add(t.offset() + pick.nextInt(t.size()));
            }
        }
        double[] expected = new double[coords.size()];
        float[] actual = new float[coords.size()];
        for (int i = 0; i < coords.size(); i++) {
            int k = coords.get(i);
            expected[i] = Checks.derivative(fd, theta, k);
            actual[i] = g[k];
        }
        assertClose(arch + (training ? " training" : " evaluation") + ": sampled parameter gradients (seed "
                + seed + ")", expected, actual, 1e-3);

        // a unit direction: the step moves the parameters by H in total, so no ReLU changes sides
        double[] direction = new double[theta.length];
        double norm = 0;
        for (int k = 0; k < theta.length; k++) {
            direction[k] = pick.nextGaussian();
            norm += direction[k] * direction[k];
        }
        double dot = 0;
        for (int k = 0; k < theta.length; k++) {
            direction[k] /= Math.sqrt(norm);
            dot += direction[k] * g[k];
        }
        double[] plus = theta.clone();
        double[] minus = theta.clone();
        for (int k = 0; k < theta.length; k++) {
            plus[k] += H * direction[k];
            minus[k] -= H * direction[k];
        }
        double along = (fd.at(plus) - fd.at(minus)) / (2 * H);
        assertTrue(Math.abs(along - dot) < 1e-3 * Math.abs(along), arch + ": directional derivative " + dot
                + " vs finite difference " + along + " (seed " + seed + ")");

        if (dx != null) {
            double[] expectedDx = new double[40];
            float[] actualDx = new float[40];
            for (int i = 0; i < 40; i++) {
                int k = pick.nextInt(xd.length);
                expectedDx[i] = Checks.derivative(v -> ReferenceNet.linearLoss(arch, theta, state, v, n, rd, false), xd, k);
                actualDx[i] = dx[k];
            }
            assertClose(arch + ": sampled input gradients (seed " + seed + ")", expectedDx, actualDx, 1e-3);
        }
    }
}
