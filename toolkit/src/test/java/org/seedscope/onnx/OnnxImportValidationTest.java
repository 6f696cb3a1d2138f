package org.seedscope.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedscope.data.Examples;
import org.seedscope.engine.Predictions;

/** Small ONNX files built here with the protobuf builders, each wrong (or right) in one way. */
class OnnxImportValidationTest {
    @TempDir
    Path dir;

    @Test
    void anImageModelIsRejectedForFlatFeatures() throws Exception {
        // [N, 1, 28, 28] -> Flatten -> [N, 784] "logits": fine for images, wrong for 784 flat features.
        Path file = write("image.onnx", graph(value("x", TensorProto.DataType.FLOAT_VALUE, -1, 1, 28, 28),
                value("logits", TensorProto.DataType.FLOAT_VALUE, -1, 784),
                node("Flatten", "x", "logits").addAttribute(AttributeProto.newBuilder().setName("axis")
                        .setType(AttributeProto.AttributeType.INT).setI(1))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxClassifier.open(file, 784, 10));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("[-1, 1, 28, 28]"), e.getMessage());
        assertTrue(e.getMessage().contains("expected [batch, 784]"), e.getMessage());
    }

    @Test
    void anImageModelRunsOnImagesWhenOpenedWithTheirShape() throws Exception {
        // [N, 1, 2, W] -> ReduceMax over the width -> [N, 1, 2] -> Flatten -> [N, 2]: each image
        // row's maximum, so the rows must arrive as 1 x 2 x 2 images in the data's order. The width
        // is symbolic and takes the examples' value.
        GraphProto.Builder g = graph(value("x", TensorProto.DataType.FLOAT_VALUE, -1, 1, 2, -1),
                value("logits", TensorProto.DataType.FLOAT_VALUE, -1, 2),
                node("ReduceMax", "x", "rowMax").addAttribute(AttributeProto.newBuilder().setName("axes")
                        .setType(AttributeProto.AttributeType.INTS).addInts(3)).addAttribute(AttributeProto
                        .newBuilder().setName("keepdims").setType(AttributeProto.AttributeType.INT).setI(0)));
        g.addNode(node("Flatten", "rowMax", "logits"));
        Examples images = new Examples(new float[] {5, 1, 0, 2, 0, 3, 4, 0}, new int[] {0, 1}, 4, 2).withShape(1, 2, 2);
        try (OnnxClassifier c = OnnxClassifier.open(write("rows.onnx", g), images.shape(), 2)) {
            assertArrayEquals(new float[] {5, 2, 3, 4}, c.predict(images).logits());
            assertArrayEquals(new int[] {1, 2, 2}, c.exampleShape());
        }
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> OnnxClassifier.open(dir.resolve("rows.onnx"), new int[] {1, 3, 2}, 2));
        assertTrue(wrong.getMessage().contains("dimension 2 is 2, but the data's examples have shape [1, 3, 2]"),
                wrong.getMessage());
        IllegalArgumentException flat = assertThrows(IllegalArgumentException.class,
                () -> OnnxClassifier.open(dir.resolve("rows.onnx"), new int[] {4}, 2));
        assertTrue(flat.getMessage().contains("open it with the data's example shape"), flat.getMessage());
    }

    @Test
    void aFeatureCountMismatchIsRejected() throws Exception {
        Path file = write("d100.onnx", identity(100, 100));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxClassifier.open(file, 784, 100));
        assertTrue(e.getMessage().contains("takes 100 features per row, but the data has 784"), e.getMessage());
    }

    @Test
    void aModelWithoutClassOutputIsRejected() throws Exception {
        // Only a 1-D output: ReduceSum over the features, keepdims 0 -> [N].
        GraphProto.Builder g = graph(value("x", TensorProto.DataType.FLOAT_VALUE, -1, 4),
                value("score", TensorProto.DataType.FLOAT_VALUE, -1),
                node("ReduceSum", "x", "score").addInput("axes").addAttribute(AttributeProto.newBuilder()
                        .setName("keepdims").setType(AttributeProto.AttributeType.INT).setI(0)));
        g.addInitializer(TensorProto.newBuilder().setName("axes").setDataType(TensorProto.DataType.INT64_VALUE)
                .addDims(1).addInt64Data(1));
        Path file = write("scalar.onnx", g);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnnxClassifier.open(file, 4, 3));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("no class-score output"), e.getMessage());
        assertTrue(e.getMessage().contains("score FLOAT tensor [-1]"), e.getMessage());
    }

    @Test
    void aNonFloatInputIsRejected() throws Exception {
        Path file = write("int.onnx", graph(value("x", TensorProto.DataType.INT64_VALUE, -1, 4),
                value("logits", TensorProto.DataType.FLOAT_VALUE, -1, 4),
                node("Cast", "x", "logits").addAttribute(AttributeProto.newBuilder().setName("to")
                        .setType(AttributeProto.AttributeType.INT).setI(TensorProto.DataType.FLOAT_VALUE))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnnxClassifier.open(file, 4, 4));
        assertTrue(e.getMessage().contains("input 'x' is INT64 tensor"), e.getMessage());
    }

    @Test
    void aClassCountMismatchAndAGarbageFileAreRejected() throws Exception {
        Path file = write("c5.onnx", identity(5, 5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnnxClassifier.open(file, 5, 3));
        assertTrue(e.getMessage().contains("5 classes, but the data has 3"), e.getMessage());
        Path garbage = dir.resolve("garbage.onnx");
        Files.writeString(garbage, "not a model");
        IllegalArgumentException g = assertThrows(IllegalArgumentException.class,
                () -> OnnxClassifier.open(garbage, 5, 3));
        assertTrue(g.getMessage().contains(garbage.toString()), g.getMessage());
    }

    @Test
    void anUnnamedOutputIsReadAsLogitsUnlessASoftmaxMakesIt() throws Exception {
        Examples data = new Examples(new float[] {1, 2, 0, 0}, new int[] {1, 0}, 2, 2);
        try (OnnxClassifier raw = OnnxClassifier.open(write("raw.onnx", identityNamed("scores", false)), 2, 2)) {
            assertEquals("scores", raw.logitsOutput());
            Predictions p = raw.predict(data);
            // Hand computation: logits (1, 2) -> probabilities (1, e) / (1 + e).
            assertEquals((float) (Math.E / (1 + Math.E)), p.probs()[1], 1e-7f);
            assertEquals(1.0, p.accuracy(new int[] {1, 0}));
        }
        try (OnnxClassifier soft = OnnxClassifier.open(write("soft.onnx", identityNamed("scores", true)), 2, 2)) {
            assertEquals("scores", soft.probabilitiesOutput());
            assertEquals((float) (Math.E / (1 + Math.E)), soft.predict(data).probs()[1], 1e-7f);
        }
    }

    @Test
    void aFixedBatchModelIsFedInPaddedChunks() throws Exception {
        GraphProto.Builder g = graph(value("x", TensorProto.DataType.FLOAT_VALUE, 2, 3),
                value("logits", TensorProto.DataType.FLOAT_VALUE, 2, 3), node("Identity", "x", "logits"));
        Examples data = new Examples(new float[] {3, 1, 2, 0, 5, 1, 1, 1, 9}, new int[] {0, 1, 2}, 3, 3);
        try (OnnxClassifier fixed = OnnxClassifier.open(write("fixed.onnx", g), 3, 3)) {
            assertEquals(1.0, fixed.predict(data).accuracy(new int[] {0, 1, 2}), "three rows through batches of two");
        }
    }

    private static GraphProto.Builder identity(int features, int classes) {
        return graph(value("x", TensorProto.DataType.FLOAT_VALUE, -1, features),
                value("logits", TensorProto.DataType.FLOAT_VALUE, -1, classes), node("Identity", "x", "logits"));
    }

    private static GraphProto.Builder identityNamed(String output, boolean softmax) {
        GraphProto.Builder g = graph(value("x", TensorProto.DataType.FLOAT_VALUE, -1, 2),
                value(output, TensorProto.DataType.FLOAT_VALUE, -1, 2),
                node(softmax ? "Softmax" : "Identity", "x", "mid"));
        return g.addNode(node("Identity", "mid", output));
    }

    private Path write(String name, GraphProto.Builder g) throws Exception {
        ModelProto m = ModelProto.newBuilder().setIrVersion(8).setProducerName("test")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17)).setGraph(g).build();
        Path file = dir.resolve(name);
        Files.write(file, m.toByteArray());
        return file;
    }

    private static GraphProto.Builder graph(ValueInfoProto input, ValueInfoProto output, NodeProto.Builder node) {
        return GraphProto.newBuilder().setName("g").addInput(input).addOutput(output).addNode(node);
    }

    private static NodeProto.Builder node(String op, String in, String out) {
        return NodeProto.newBuilder().setOpType(op).setName(op + "_" + out).addInput(in).addOutput(out);
    }

    /** A tensor value; a negative dimension is symbolic ("batch"). */
    private static ValueInfoProto value(String name, int type, long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(d < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("batch")
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(type).setShape(shape))).build();
    }
}
