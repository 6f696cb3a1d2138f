package org.seedscope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.seedscope.data.Examples;
import org.seedscope.engine.graph.Graph;
import org.seedscope.engine.graph.PhasePooling;

/**
 * The training graph's convolution blocks in phase form ({@link PhasePooling}: four strided
 * convolutions and their element-wise Max; a block whose input needs a gradient interleaves its
 * phase gradients back with Col2Im) against the plain convolution, ReLU and max-pool that the
 * evaluation gradient graph keeps: the same parameter gradients. The cnn's and the wide-kernel
 * network's second blocks have odd output sizes (a last row and column no window covers). The
 * images have zero backgrounds and the first convolution a positive bias, so every window over the
 * background ties at that bias after the ReLU, and a window whose gradient reached a tied position
 * other than the first (or several of them) would change the first layer's gradient.
 */
class PhasePoolingTest {

    static Stream<Arguments> networksWithAndWithoutThePhaseForm() {
        return networks().flatMap(arch -> Stream.of(Arguments.of(arch, true), Arguments.of(arch, false)));
    }

    static Stream<Architecture> networks() {
        // valid and dilated (the phases crop the input), odd output rows (floor pooling drops one), groups
        Architecture odd = new Architecture("odd-first-block", List.of(2, 13, 12), List.of(
                new Layer.Conv2d("a", "x", 4, 3, 1, 0, 2, 2, true),
                new Layer.Relu("a_relu", "a"),
                new Layer.MaxPool2d("pool", "a_relu", 2, 2, 0),
                new Layer.Flatten("flatten", "pool"),
                new Layer.Dense("dense", "flatten", 3, true)));
        return Stream.of(Cnn.DEFAULT.architecture(new int[] {1, 12, 12}, 10), odd, wideKernel());
    }

    /**
     * A 5x5 kernel, then a second block of odd output size whose phase convolutions (0, 0), (0, 1)
     * and (1, 0) stop before the input's last row or column and so read cropped inputs.
     */
    static Architecture wideKernel() {
        return new Architecture("wide-kernel", List.of(1, 10, 10), List.of(
                new Layer.Conv2d("a", "x", 8, 5, 1, 2),
                new Layer.Relu("a_relu", "a"),
                new Layer.MaxPool2d("pool", "a_relu", 2, 2, 0),
                new Layer.Conv2d("b", "pool", 8, 3, 1, 1),
                new Layer.Relu("b_relu", "b"),
                new Layer.MaxPool2d("pool_b", "b_relu", 2, 2, 0),
                new Layer.Flatten("flatten", "pool_b"),
                new Layer.Dense("dense", "flatten", 3, true)));
    }

    /** With the phase form switched off the training graph differentiates the MaxPool through its Indices. */
    @ParameterizedTest
    @MethodSource("networksWithAndWithoutThePhaseForm")
    void trainingGradientsEqualThePlainEvaluationGradients(Architecture arch, boolean phaseForm) {
        Model model = Checks.model(arch, 21);
        Architecture.Tensor bias = arch.parameterTensors().get(1);
        for (int i = bias.offset(); i < bias.end(); i++) {
            model.parameters().set(i, 0.2f);
        }
        float[] x = Checks.uniform(3 * arch.inputs(), 22);
        int perImage = arch.inputs() / arch.inputShape().get(0);
        for (int i = 0; i < x.length; i++) {
            if (i % perImage < perImage / 2) {
                x[i] = 0;
            }
        }
        assertSameGradients(model, x, EngineOptions.defaults().withPhasePooling(phaseForm));
    }

    /**
     * Ties between different patches, where the tie-break shows in the weight gradient: images and
     * kernels symmetric under transposition give equal outputs at (i, j) and (j, i), so a window on
     * the diagonal whose largest values are its top-right and bottom-left positions must send its
     * gradient to the top-right one (row-major order), whose patch is the other's transpose.
     */
    @Test
    void tiesBetweenTransposedPatchesGoToTheFirstInRowMajorOrder() {
        int size = 12;
        Architecture arch = new Architecture("transposed-ties", List.of(1, size, size), List.of(
                new Layer.Conv2d("a", "x", 6, 3, 1, 1),
                new Layer.Relu("a_relu", "a"),
                new Layer.MaxPool2d("pool", "a_relu", 2, 2, 0),
                new Layer.Flatten("flatten", "pool"),
                new Layer.Dense("dense", "flatten", 3, true)));
        Model model = Checks.model(arch, 31);
        Architecture.Tensor w = arch.parameterTensors().get(0);
        for (int m = 0; m < 6; m++) {
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < i; j++) {
                    int base = w.offset() + m * 9;
                    model.parameters().set(base + i * 3 + j, model.parameters().get(base + j * 3 + i));
                }
            }
        }
        float[] x = Checks.uniform(3 * size * size, 32);
        for (int n = 0; n < 3; n++) {
            for (int h = 0; h < size; h++) {
                for (int c = 0; c < h; c++) {
                    x[(n * size + h) * size + c] = x[(n * size + c) * size + h];
                }
            }
        }
        assertSameGradients(model, x, EngineOptions.defaults());
    }

    private static void assertSameGradients(Model model, float[] x, EngineOptions options) {
        Architecture arch = model.architecture();
        int n = x.length / arch.inputs();
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        float[] r = Checks.uniform(n * arch.outputs(), 23);
        try (Engine engine = Engine.create(options); Learner learner = engine.learner(model.copy(), new OptimizerSpec.Sgd(0.1, 0, 0))) {
            float[] plain = engine.gradients(model, x, n, r, GradientRequest.PARAMETERS).parameters();
            learner.backpropagate(new Examples(x, new int[n], arch.inputs(), arch.outputs()), rows,
                    (ignored, logits, grad) -> {
                        System.arraycopy(r, 0, grad, 0, grad.length);
                        return 0;
                    });
            float[] phases = learner.gradient().toArray();
            for (Architecture.Tensor t : arch.parameterTensors()) {
                Checks.assertNear(arch + " gradient of " + t.name(), plain, phases, t.offset(), t.end());
            }
        }
    }

    @Test
    void bothCnnBlocksTakeThePhaseFormInTrainingGraphsOnly() {
        Architecture cnn = Cnn.DEFAULT.architecture(new int[] {1, 28, 28}, 10);
        Graphs.Training training = Graphs.training(cnn, true);
        ModelProto forward = training.forward();
        assertEquals(8, count(forward, "Conv", List.of(2L, 2L)), "each convolution as four strided ones");
        assertEquals(0, count(forward, "Conv", List.of(1L, 1L)));
        assertEquals(2, count(forward, "Max", null));
        assertEquals(0, count(forward, "MaxPool", null));
        ModelProto backward = training.backward();
        assertEquals(1, count(backward, "Col2Im", null), "the second block's phase gradients interleaved");
        assertEquals(1, count(backward, "ConvTranspose", List.of(1L, 1L)), "its input gradient at stride 1");
        assertEquals(0, count(backward, "ConvTranspose", List.of(2L, 2L)));
        assertEquals(0, count(backward, "MaxPool", null), "no pooling recomputed for its Indices");
        assertEquals(18, backward.getOpsetImport(0).getVersion(), "Col2Im needs opset 18");
        assertEquals(Graph.OPSET, forward.getOpsetImport(0).getVersion());
        ModelProto inference = Graphs.inference(cnn, null);
        assertEquals(0, count(inference, "Max", null));
        assertEquals(2, count(inference, "MaxPool", null));
        assertTrue(inference.getGraph().getNodeList().stream().allMatch(n -> n.getDomain().isEmpty()));
    }

    @Test
    void switchedOffTheTrainingGraphsKeepTheMaxPoolAtOpset17() {
        Architecture cnn = Cnn.DEFAULT.architecture(new int[] {1, 28, 28}, 10);
        Graphs.Training training = Graphs.training(cnn, false);
        assertEquals(2, count(training.forward(), "MaxPool", null));
        assertEquals(0, count(training.forward(), "Max", null));
        assertEquals(0, count(training.backward(), "Col2Im", null));
        assertEquals(Graph.OPSET, training.backward().getOpsetImport(0).getVersion());
        assertTrue(EngineOptions.defaults().phasePooling(), "the phase form is the default");
        try (Engine engine = Engine.create(EngineOptions.defaults().withPhasePooling(false))) {
            assertTrue(engine.trainingConvolutions().matches("nchwc block (8|16)"), engine.trainingConvolutions());
        }
    }

    /** @return nodes of type op, with the given strides when not null */
    private static long count(ModelProto m, String op, List<Long> strides) {
        return m.getGraph().getNodeList().stream().filter(nd -> nd.getOpType().equals(op)
                && (strides == null || strides(nd).equals(strides))).count();
    }

    private static List<Long> strides(NodeProto node) {
        return node.getAttributeList().stream().filter(a -> a.getName().equals("strides")).findFirst()
                .map(a -> a.getIntsList()).orElse(List.of(1L, 1L));
    }
}
