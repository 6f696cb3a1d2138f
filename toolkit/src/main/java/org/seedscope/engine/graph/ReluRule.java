package org.seedscope.engine.graph;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;

/**
 * {@code Y = max(X, 0)}. Backward {@code dX = dY Sign(Y)}: Y is 0 or positive, so its sign is the
 * 0/1 derivative, taken as 0 at X = 0 (as PyTorch).
 */
final class ReluRule implements OpRule {

    @Override
    public List<Shape> infer(NodeProto node, List<Shape> in, Graph g) {
        return List.of(in.get(0));
    }

    @Override
    public List<String> backward(NodeProto node, List<String> dOut, boolean[] needed, Graph g) {
        return Ops.list(g.op("Mul", dOut.get(0), g.op("Sign", node.getOutput(0))));
    }
}
