package org.seedscope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.seedscope.data.Examples;
import org.seedscope.engine.graph.NchwcConvolutions;

/**
 * The blocked-channel training path ({@link NchwcConvolutions}, on by default on the CPU) against
 * the standard graph: the same gradients and running statistics up to float rounding, for every
 * rewritten form (NCHW and blocked inputs, padding, dilation, a fused ReLU, the stride-1 input
 * gradient as a flipped convolution) and beside the forms it keeps (strided input gradients,
 * groups, channel counts off the block size).
 */
class BlockedConvolutionTest {

    static Stream<Architecture> networks() {
        Architecture odd = new Architecture("odd-convolutions", List.of(1, 9, 11), List.of(
                new Layer.Conv2d("a", "x", 16, 3, 1, 1),
                new Layer.Relu("a_relu", "a"),
                new Layer.MaxPool2d("pool", "a_relu", 2, 2, 0),
                new Layer.Conv2d("b", "pool", 16, 3, 1, 2, 2, 1, true),
                new Layer.Relu("b_relu", "b"),
                new Layer.Conv2d("c", "b_relu", 32, 5, 1, 1, 1, 1, false),
                new Layer.Conv2d("d", "c", 16, 3, 2, 1),
                new Layer.Conv2d("e", "d", 16, 3, 1, 1, 1, 2, true),
                new Layer.Conv2d("f", "e", 12, 1, 1, 0),
                new Layer.Relu("f_relu", "f"),
                new Layer.Flatten("flatten", "f_relu"),
                new Layer.Dense("dense", "flatten", 3, true)));
        return Stream.of(odd, Cnn.DEFAULT.architecture(new int[] {1, 12, 12}, 10),
                ResNet.parse("resnet-8").architecture(new int[] {3, 8, 8}, 10), PhasePoolingTest.wideKernel());
    }

    @Test
    void croppedPhaseInputsAreSlicedInBlockedLayout() {
        Graphs.Training t = Graphs.training(PhasePoolingTest.wideKernel(), true);
        ModelProto forward = NchwcConvolutions.rewrite(t.forward(), 8);
        assertEquals(3, count(t.forward(), "", "Slice"));
        assertEquals(1, count(forward, NchwcConvolutions.DOMAIN, "ReorderInput"), "the uncropped input reordered once");
        assertEquals(3, count(forward, "", "Slice"), "the same crops of its blocked layout");
        assertTrue(forward.getGraph().getNodeList().stream().filter(nd -> nd.getOpType().equals("ReorderInput"))
                .allMatch(nd -> nd.getInput(0).equals("pool")), "no cropped copy is reordered");
    }

    @ParameterizedTest
    @MethodSource("networks")
    void blockedTrainingGraphsGiveTheStandardGraphsGradientsAndStatistics(Architecture arch) {
        int n = 5;
        Model model = Checks.model(arch, 11);
        float[] x = Checks.uniform(n * arch.inputs(), 12);
        float[] r = Checks.uniform(n * arch.outputs(), 13);
        float[][] blocked = step(EngineOptions.defaults(), model, x, r);
        float[][] standard = step(EngineOptions.defaults().withBlockedConvolutions(false), model, x, r);
        for (Architecture.Tensor t : arch.parameterTensors()) {
            Checks.assertNear(arch + " gradient of " + t.name(), standard[0], blocked[0], t.offset(), t.end());
        }
        if (arch.stateCount() > 0) {
            Checks.assertNear(arch + " running statistics", standard[1], blocked[1], 0, standard[1].length);
        }
    }

    @Test
    void theCnnsConvolutionsAndTheirInputGradientRunBlocked() {
        Graphs.Training t = Graphs.training(Cnn.DEFAULT.architecture(new int[] {1, 28, 28}, 10), true);
        for (int block : new int[] {8, 16}) {
            ModelProto forward = NchwcConvolutions.rewrite(t.forward(), block);
            ModelProto backward = NchwcConvolutions.rewrite(t.backward(), block);
            // both blocks as four strided convolutions each (PhasePooling)
            assertEquals(8, count(forward, NchwcConvolutions.DOMAIN, "Conv"), "block " + block);
            assertEquals(0, count(forward, "", "Conv"));
            assertEquals(count(t.forward(), "", "Relu") - 8, count(forward, "", "Relu"),
                    "every convolution's ReLU fused");
            assertEquals(1, count(forward, NchwcConvolutions.DOMAIN, "ReorderInput"),
                    "the second block's four convolutions share one reordered input");
            assertEquals(1, count(t.backward(), "", "ConvTranspose"));
            assertEquals(0, count(backward, "", "ConvTranspose"));
            assertEquals(1, count(backward, NchwcConvolutions.DOMAIN, "Conv"));
        }
    }

    @Test
    void stridedGroupedAndOffBlockConvolutionsAreKept() {
        Architecture odd = networks().findFirst().orElseThrow();
        Graphs.Training t = Graphs.training(odd, true);
        ModelProto forward = NchwcConvolutions.rewrite(t.forward(), 8);
        ModelProto backward = NchwcConvolutions.rewrite(t.backward(), 8);
        // a (as its four strided convolutions, PhasePooling), b, c, d rewritten; e (2 groups) and f (12 outputs) kept
        assertEquals(7, count(forward, NchwcConvolutions.DOMAIN, "Conv"));
        assertEquals(2, count(forward, "", "Conv"));
        // input gradients: b and c as blocked convolutions; d (stride 2), e (groups) and f (12 inputs
        // of the flipped run) keep ConvTranspose; a needs none
        assertEquals(2, count(backward, NchwcConvolutions.DOMAIN, "Conv"));
        assertEquals(3, count(backward, "", "ConvTranspose"));
        assertTrue(NchwcConvolutions.rewrite(Graphs.training(new Mlp(List.of(8))
                .architecture(new int[] {6}, 3), true).forward(), 8).getOpsetImportList().stream()
                .noneMatch(o -> o.getDomain().equals(NchwcConvolutions.DOMAIN)), "a graph without convolutions is unchanged");
        assertThrows(IllegalArgumentException.class, () -> NchwcConvolutions.rewrite(t.forward(), 6));
    }

    /** What {@code bench} prints: the block size ONNX Runtime reports on this CPU, or the standard graph. */
    @Test
    void theEngineNamesHowItsTrainingGraphsRunConvolutions() {
        try (Engine blocked = Engine.cpu();
                Engine standard = Engine.create(EngineOptions.defaults().withBlockedConvolutions(false))) {
            assertTrue(blocked.trainingConvolutions().matches("nchwc block (8|16), phase-form pooling"),
                    blocked.trainingConvolutions());
            assertEquals("standard, phase-form pooling", standard.trainingConvolutions());
        }
        assertTrue(EngineOptions.defaults().blockedConvolutions(), "blocked convolutions are the default");
    }

    private static float[][] step(EngineOptions options, Model model, float[] x, float[] r) {
        Architecture arch = model.architecture();
        int n = x.length / arch.inputs();
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        try (Engine engine = Engine.create(options);
                Learner learner = engine.learner(model.copy(), new OptimizerSpec.Sgd(0.1, 0, 0))) {
            learner.backpropagate(new Examples(x, new int[n], arch.inputs(), arch.outputs()), rows,
                    (ignored, logits, grad) -> {
                        System.arraycopy(r, 0, grad, 0, grad.length);
                        return 0;
                    });
            return new float[][] {learner.gradient().toArray(), learner.nextState().toArray()};
        }
    }

    private static long count(ModelProto m, String domain, String op) {
        return m.getGraph().getNodeList().stream().filter(nd -> nd.getDomain().equals(domain) && nd.getOpType().equals(op))
                .count();
    }
}
