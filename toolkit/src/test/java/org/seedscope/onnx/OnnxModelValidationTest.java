package org.seedscope.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of unusable model is rejected when it is opened, before any work, with a message
 * naming the file, the node (or input, output, initializer) and what is wrong. Each case edits the
 * PyTorch-exported fixture ({@code gradcheck-cnn.onnx}) in exactly one way.
 */
class OnnxModelValidationTest {
    static final String FIXTURE = "/org/seedscope/onnx/gradcheck-cnn.onnx";

    @TempDir
    Path dir;

    static ModelProto fixture() {
        try (InputStream in = OnnxModelValidationTest.class.getResourceAsStream(FIXTURE)) {
            return ModelProto.parseFrom(in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Path write(Path dir, String name, ModelProto m) {
        try {
            return Files.write(dir.resolve(name), m.toByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String rejection(String name, UnaryOperator<ModelProto> edit) {
        Path file = write(dir, name, edit.apply(fixture()));
        String message = assertThrows(IllegalArgumentException.class, () -> OnnxModel.open(file)).getMessage();
        assertTrue(message.startsWith("ONNX file " + file.toAbsolutePath() + ": "), message);
        return message;
    }

    private static ModelProto editNode(ModelProto m, String node, UnaryOperator<NodeProto.Builder> edit) {
        ModelProto.Builder b = m.toBuilder();
        for (NodeProto.Builder n : b.getGraphBuilder().getNodeBuilderList()) {
            if (n.getName().equals(node)) {
                edit.apply(n);
            }
        }
        return b.build();
    }

    private static ModelProto editInput(ModelProto m, UnaryOperator<ValueInfoProto.Builder> edit) {
        ModelProto.Builder b = m.toBuilder();
        edit.apply(b.getGraphBuilder().getInputBuilder(0));
        return b.build();
    }

    @Test
    void theUnmodifiedFixtureOpens() {
        OnnxModel m = OnnxModel.open(write(dir, "ok.onnx", fixture()));
        assertEquals("image", m.graph().inputName());
        assertEquals("scores", m.graph().outputName());
        assertEquals(List.of(), m.originalFiles());
    }

    @Test
    void anUnsupportedOperatorIsNamedWithItsNodeAndTheSupportedOperators() {
        String message = rejection("sigmoid.onnx", m -> editNode(m, "/Relu", n -> n.setOpType("Sigmoid")));
        assertTrue(message.contains("node '/Relu' uses operator Sigmoid, which SeedScope cannot differentiate; "
                + "supported operators: Add, AveragePool, BatchNormalization, Conv, Flatten, Gemm, GlobalAveragePool, "
                + "Identity, MatMul, Max, MaxPool, Relu, Reshape, Softmax"), message);
    }

    @Test
    void aSecondInputIsRejected() {
        String message = rejection("two-inputs.onnx", m -> {
            ModelProto.Builder b = m.toBuilder();
            b.getGraphBuilder().addInput(m.getGraph().getInput(0).toBuilder().setName("mask"));
            return b.build();
        });
        assertTrue(message.contains("the graph has 2 inputs [image, mask]: SeedScope models take exactly one input "
                + "tensor"), message);
    }

    @Test
    void aNonFloatInputIsRejected() {
        String message = rejection("double.onnx", m -> editInput(m, i -> {
            i.getTypeBuilder().getTensorTypeBuilder().setElemType(TensorProto.DataType.DOUBLE_VALUE);
            return i;
        }));
        assertTrue(message.contains("input 'image' has element type DOUBLE: SeedScope feeds float32 tensors"), message);
    }

    @Test
    void aDynamicDimensionOtherThanTheBatchIsRejected() {
        String message = rejection("dynamic.onnx", m -> editInput(m, i -> {
            i.getTypeBuilder().getTensorTypeBuilder().getShapeBuilder().setDim(2,
                    TensorShapeProto.Dimension.newBuilder().setDimParam("height"));
            return i;
        }));
        assertTrue(message.contains("input 'image': dimension 2 is dynamic ('height'); only the batch (dimension 0) "
                + "may be"), message);
    }

    @Test
    void anOutputThatIsNotBatchByClassesIsRejected() {
        String message = rejection("feature-map.onnx", m -> {
            ModelProto.Builder b = m.toBuilder();
            b.getGraphBuilder().setOutput(0, m.getGraph().getOutput(0).toBuilder().setName("/Relu_2_output_0"));
            return b.build();
        });
        assertTrue(message.contains("output '/Relu_2_output_0' (of node '/Relu_2') has shape [batch, 16, 3, 3]: "
                + "SeedScope needs class scores [batch, classes] with at least 2 classes"), message);
    }

    @Test
    void originalsWhoseInitializerShapesDifferAreRejected() {
        Path main = write(dir, "net.onnx", fixture());
        ModelProto.Builder wider = fixture().toBuilder();
        for (TensorProto.Builder t : wider.getGraphBuilder().getInitializerBuilderList()) {
            if (t.getName().equals("fc.weight")) {
                t.setDims(0, 5).setRawData(ByteString.copyFrom(new byte[5 * 16 * Float.BYTES]));
            }
        }
        Path ok = write(dir, "seed1.onnx", fixture());
        Path bad = write(dir, "seed2.onnx", wider.build());
        String message = assertThrows(IllegalArgumentException.class,
                () -> OnnxModel.open(main, Set.of(), List.of(ok, bad))).getMessage();
        assertEquals("ONNX file " + bad.toAbsolutePath() + " (original of training seed 2) does not have the graph of "
                + "net.onnx: initializer 'fc.weight' has shape [5, 16] (FLOAT), the graph's has [4, 16] (FLOAT)",
                message);
    }

    @Test
    void anOpsetOutsideThirteenToSeventeenIsRejected() {
        String message = rejection("opset11.onnx", m -> m.toBuilder().setOpsetImport(0,
                m.getOpsetImport(0).toBuilder().setVersion(11)).build());
        assertTrue(message.contains("opset 11 is not supported: export with opset_version 13 to 17"), message);
    }

    @Test
    void aSoftmaxOutputAndATrainingModeBatchNormAreRejected() {
        String softmax = rejection("softmax.onnx", m -> {
            ModelProto.Builder b = m.toBuilder();
            b.getGraphBuilder().addNode(NodeProto.newBuilder().setOpType("Softmax").setName("probs").addInput("scores")
                    .addOutput("p"));
            b.getGraphBuilder().setOutput(0, m.getGraph().getOutput(0).toBuilder().setName("p"));
            return b.build();
        });
        assertTrue(softmax.contains("output 'p' is computed by Softmax node 'probs': SeedScope trains on logits"), softmax);
        String training = rejection("bn-training.onnx", m -> editNode(m, "/bn1/BatchNormalization",
                n -> n.addAttribute(org.seedscope.engine.graph.Attributes.of("training_mode", 1))));
        assertTrue(training.contains("node '/bn1/BatchNormalization' is a training-mode BatchNormalization: export the "
                + "model after model.eval()"), training);
    }

    @Test
    void frozenNamesMustBeInitializers() {
        Path file = write(dir, "net.onnx", fixture());
        String message = assertThrows(IllegalArgumentException.class,
                () -> OnnxModel.open(file, Set.of("conv9.weight"), List.of())).getMessage();
        assertTrue(message.contains("frozen names 'conv9.weight', which is not an initializer of the graph"), message);
    }
}
