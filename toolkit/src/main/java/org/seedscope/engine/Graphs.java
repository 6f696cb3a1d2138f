package org.seedscope.engine;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes the ONNX graphs (opset {@value #OPSET}) the engine runs. Every forward rule and its
 * hand-derived backward rule for a Dense+ReLU MLP, with {@code a_0 = x}, {@code z_l = a_{l-1} W_l + b_l},
 * {@code a_l = relu(z_l)} and logits {@code z_L}:
 * <pre>
 *   dW_l = a_{l-1}^T delta_l          db_l = sum_n delta_l[n]
 *   delta_{l-1} = (delta_l W_l^T) * sign(a_{l-1})      (relu'(z) = 1 iff a &gt; 0, and a &ge; 0)
 *   dx = delta_1 W_1^T
 *   per-example squares summed over the batch: sum_n (delta_n a_n^T)^2 = (a*a)^T (delta*delta)
 *   per-example absolute values summed:        sum_n |delta_n a_n^T|  = |a|^T |delta|
 * </pre>
 * Parameters are graph inputs named {@code W1, b1, ...} so one session serves every model of an
 * architecture; {@link #inference(Architecture, Parameters)} instead embeds them as initializers
 * for a standalone file.
 */
final class Graphs {
    /** The ONNX operator set the graphs use. */
    static final int OPSET = 17;
    private static final long IR_VERSION = 8;

    private Graphs() {}

    static String weight(int layer) {
        return "W" + (layer + 1);
    }

    static String bias(int layer) {
        return "b" + (layer + 1);
    }

    static String activation(int layer) {
        return layer == 0 ? "x" : "a" + layer;
    }

    /**
     * Inference graph: inputs x and the parameters; outputs logits, probs, penultimate.
     *
     * @param arch architecture
     * @param embedded parameters to embed as initializers, or null to take them as inputs
     */
    static ModelProto inference(Architecture arch, Parameters embedded) {
        GraphProto.Builder g = GraphProto.newBuilder().setName("seedscope_inference");
        g.addInput(tensor("x", "batch", arch.inputs()));
        addParameters(g, arch, embedded, true);
        String last = forwardLayers(g, arch);
        g.addNode(node("Softmax", "softmax", new String[] {last}, "probs").addAttribute(intAttr("axis", 1)));
        g.addNode(node("Identity", "penultimate_id", new String[] {activation(arch.layers() - 1)}, "penultimate"));
        g.addOutput(tensor("logits", "batch", arch.outputs()));
        g.addOutput(tensor("probs", "batch", arch.outputs()));
        g.addOutput(tensor("penultimate", "batch", arch.penultimateWidth()));
        return model(g);
    }

    /** Training forward graph: outputs logits and every hidden activation a1..a_{L-1}. */
    static ModelProto trainingForward(Architecture arch) {
        GraphProto.Builder g = GraphProto.newBuilder().setName("seedscope_forward");
        g.addInput(tensor("x", "batch", arch.inputs()));
        addParameters(g, arch, null, true);
        forwardLayers(g, arch);
        for (int l = 1; l < arch.layers(); l++) {
            g.addOutput(tensor(activation(l), "batch", arch.fanIn(l)));
        }
        g.addOutput(tensor("logits", "batch", arch.outputs()));
        return model(g);
    }

    private static String forwardLayers(GraphProto.Builder g, Architecture arch) {
        String in = "x";
        for (int l = 0; l < arch.layers(); l++) {
            boolean lastLayer = l == arch.layers() - 1;
            String z = lastLayer ? "logits" : "z" + (l + 1);
            g.addNode(node("Gemm", "dense" + (l + 1), new String[] {in, weight(l), bias(l)}, z));
            if (!lastLayer) {
                g.addNode(node("Relu", "relu" + (l + 1), new String[] {z}, activation(l + 1)));
                in = activation(l + 1);
            }
        }
        return "logits";
    }

    /**
     * Gradient graph: inputs x, a1..a_{L-1}, the weights and dlogits; outputs gW/gb per layer and
     * the optional outputs asked for (dx; sqW/sqb; absW/absb).
     */
    static ModelProto gradient(Architecture arch, GradientRequest outs) {
        GraphProto.Builder g = GraphProto.newBuilder().setName("seedscope_gradient");
        g.addInput(tensor("x", "batch", arch.inputs()));
        for (int l = 1; l < arch.layers(); l++) {
            g.addInput(tensor(activation(l), "batch", arch.fanIn(l)));
        }
        addParameters(g, arch, null, false);
        g.addInput(tensor("dlogits", "batch", arch.outputs()));
        g.addInitializer(TensorProto.newBuilder().setName("axis0").setDataType(TensorProto.DataType.INT64_VALUE)
                .addDims(1).addInt64Data(0));
        String delta = "dlogits";
        for (int l = arch.layers() - 1; l >= 0; l--) {
            String a = activation(l);
            String n = String.valueOf(l + 1);
            g.addNode(node("Gemm", "gW" + n, new String[] {a, delta}, "gW" + n).addAttribute(intAttr("transA", 1)));
            g.addNode(reduceSum(delta, "gb" + n));
            addOutputs(g, arch, l, "g");
            if (outs.squared()) {
                g.addNode(node("Mul", "a2_" + n, new String[] {a, a}, "a2_" + n));
                g.addNode(node("Mul", "d2_" + n, new String[] {delta, delta}, "d2_" + n));
                g.addNode(node("Gemm", "sqW" + n, new String[] {"a2_" + n, "d2_" + n}, "sqW" + n)
                        .addAttribute(intAttr("transA", 1)));
                g.addNode(reduceSum("d2_" + n, "sqb" + n));
                addOutputs(g, arch, l, "sq");
            }
            if (outs.absolute()) {
                g.addNode(node("Abs", "aabs_" + n, new String[] {a}, "aabs_" + n));
                g.addNode(node("Abs", "dabs_" + n, new String[] {delta}, "dabs_" + n));
                g.addNode(node("Gemm", "absW" + n, new String[] {"aabs_" + n, "dabs_" + n}, "absW" + n)
                        .addAttribute(intAttr("transA", 1)));
                g.addNode(reduceSum("dabs_" + n, "absb" + n));
                addOutputs(g, arch, l, "abs");
            }
            if (l > 0 || outs.input()) {
                String back = l > 0 ? "back" + n : "dx";
                g.addNode(node("Gemm", "back" + n, new String[] {delta, weight(l)}, back)
                        .addAttribute(intAttr("transB", 1)));
                if (l > 0) {
                    g.addNode(node("Sign", "mask" + n, new String[] {a}, "mask" + n));
                    g.addNode(node("Mul", "delta" + l, new String[] {back, "mask" + n}, "delta" + l));
                    delta = "delta" + l;
                } else {
                    g.addOutput(tensor("dx", "batch", arch.inputs()));
                }
            }
        }
        return model(g);
    }

    private static NodeProto.Builder reduceSum(String in, String out) {
        return node("ReduceSum", out, new String[] {in, "axis0"}, out).addAttribute(intAttr("keepdims", 0));
    }

    private static void addOutputs(GraphProto.Builder g, Architecture arch, int l, String prefix) {
        g.addOutput(matrix(prefix + "W" + (l + 1), arch.fanIn(l), arch.fanOut(l)));
        g.addOutput(vector(prefix + "b" + (l + 1), arch.fanOut(l)));
    }

    private static void addParameters(GraphProto.Builder g, Architecture arch, Parameters embedded,
            boolean withBiases) {
        for (int l = 0; l < arch.layers(); l++) {
            int in = arch.fanIn(l);
            int out = arch.fanOut(l);
            if (embedded == null) {
                g.addInput(matrix(weight(l), in, out));
                if (withBiases) {
                    g.addInput(vector(bias(l), out));
                }
            } else {
                g.addInitializer(initializer(weight(l), embedded, arch.weightOffset(l), in, out));
                g.addInitializer(initializer(bias(l), embedded, arch.biasOffset(l), out));
            }
        }
    }

    private static TensorProto initializer(String name, Parameters p, int offset, long... dims) {
        int count = 1;
        for (long d : dims) {
            count *= (int) d;
        }
        ByteBuffer bytes = ByteBuffer.allocate(count * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            bytes.putFloat(p.get(offset + i));
        }
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(bytes.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    private static ModelProto model(GraphProto.Builder g) {
        return ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("seedscope")
                .setProducerVersion(org.seedscope.Version.toolkit())
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(g).build();
    }

    private static NodeProto.Builder node(String op, String name, String[] inputs, String output) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name).addOutput(output);
        for (String in : inputs) {
            n.addInput(in);
        }
        return n;
    }

    private static AttributeProto intAttr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    private static ValueInfoProto tensor(String name, String batchDim, int width) {
        TensorShapeProto shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(batchDim))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(width)).build();
        return valueInfo(name, shape);
    }

    private static ValueInfoProto matrix(String name, int rows, int cols) {
        TensorShapeProto shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(rows))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(cols)).build();
        return valueInfo(name, shape);
    }

    private static ValueInfoProto vector(String name, int length) {
        TensorShapeProto shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(length)).build();
        return valueInfo(name, shape);
    }

    private static ValueInfoProto valueInfo(String name, TensorShapeProto shape) {
        TypeProto type = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(type).build();
    }
}
