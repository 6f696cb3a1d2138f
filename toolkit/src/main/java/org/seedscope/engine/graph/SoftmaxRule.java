package org.seedscope.engine.graph;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;

/**
 * Softmax over the last axis, in inference graphs only: losses are given through their logit
 * gradient, so the backward pass starts below the softmax and never differentiates it.
 */
final class SoftmaxRule implements OpRule {

    @Override
    public List<Shape> infer(NodeProto node, List<Shape> in, Graph g) {
        return List.of(in.get(0));
    }

    @Override
    public List<String> backward(NodeProto node, List<String> dOut, boolean[] needed, Graph g) {
        throw new IllegalArgumentException("Softmax node '" + node.getName() + "' is not differentiated: the loss "
                + "supplies dL/dlogits; differentiate the logits instead");
    }
}
