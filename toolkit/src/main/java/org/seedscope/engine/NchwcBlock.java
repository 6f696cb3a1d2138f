package org.seedscope.engine;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import org.seedscope.engine.graph.Graph;
import org.seedscope.engine.graph.NchwcConvolutions;

/**
 * ONNX Runtime's NCHWc block size on this CPU (8 with AVX2, 16 with AVX-512), asked of ONNX
 * Runtime itself: a {@code ReorderInput} of 4 channels pads them to one block.
 */
final class NchwcBlock {
    private static volatile int size;

    private NchwcBlock() {}

    /** @return the block size, probed once per process */
    static int size(OrtEnvironment env) {
        if (size == 0) {
            size = probe(env);
        }
        return size;
    }

    private static int probe(OrtEnvironment env) {
        TypeProto type = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(TensorShapeProto.newBuilder()
                        .addDim(dim(1)).addDim(dim(4)).addDim(dim(1)).addDim(dim(1)))).build();
        GraphProto g = GraphProto.newBuilder().setName("nchwc_block")
                .addInput(ValueInfoProto.newBuilder().setName("x").setType(type))
                .addOutput(ValueInfoProto.newBuilder().setName("y").setType(TypeProto.newBuilder()
                        .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE))))
                .addNode(NodeProto.newBuilder().setOpType("ReorderInput").setDomain(NchwcConvolutions.DOMAIN)
                        .addInput("x").addOutput("y"))
                .build();
        ModelProto m = ModelProto.newBuilder().setIrVersion(8).setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(Graph.OPSET))
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(NchwcConvolutions.DOMAIN).setVersion(1))
                .build();
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions();
                OrtSession s = env.createSession(m.toByteArray(), so);
                OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.allocate(4), new long[] {1, 4, 1, 1});
                OrtSession.Result r = s.run(java.util.Map.of("x", x))) {
            return Math.toIntExact(((OnnxTensor) r.get(0)).getInfo().getShape()[1]);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot ask ONNX Runtime for its NCHWc block size", e);
        }
    }

    private static TensorShapeProto.Dimension dim(long v) {
        return TensorShapeProto.Dimension.newBuilder().setDimValue(v).build();
    }
}
