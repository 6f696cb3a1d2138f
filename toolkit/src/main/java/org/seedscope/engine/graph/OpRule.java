package org.seedscope.engine.graph;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;

/**
 * What the engine knows about one ONNX operator: how its output shapes follow from its inputs', and
 * its vector-Jacobian product (the backward rule), written in standard ONNX operators.
 */
interface OpRule {

    /**
     * @param node the node
     * @param in shapes of its inputs (null for an omitted optional input)
     * @param g the graph, for constant inputs such as a Reshape's target shape
     * @return shapes of its outputs
     * @throws IllegalArgumentException when the node is malformed or uses an unsupported option
     */
    List<Shape> infer(NodeProto node, List<Shape> in, Graph g);

    /**
     * Emits the backward rule: given the gradients of the node's outputs, writes nodes computing
     * the gradients of the inputs that need one. Forward values are referred to by name.
     *
     * @param node the forward node
     * @param dOut gradient value of each output, null for an output nothing depends on
     * @param needed which inputs need a gradient
     * @param g the graph to write into
     * @return gradient value name per input, null where not needed
     */
    List<String> backward(NodeProto node, List<String> dOut, boolean[] needed, Graph g);

    /**
     * Emits the exact per-example statistics of the gradient of a parameter input,
     * {@code sum_n g_n^2} and {@code sum_n |g_n|} over the batch, where {@code g_n} is the gradient
     * of example n's loss; valid when examples pass through the graph independently.
     *
     * @param node the node reading the parameter
     * @param input index of the parameter among the node's inputs
     * @param dY gradient of the node's first output
     * @param g the graph
     * @return the two statistics, each shaped as the parameter
     */
    default PerExample perExample(NodeProto node, int input, String dY, Graph g) {
        throw new IllegalArgumentException(node.getOpType() + " node '" + node.getName()
                + "' has no per-example gradient statistics for its input " + input + " ('" + node.getInput(input) + "')");
    }

    /**
     * Writes standard ONNX operators computing this (engine-only) operator into {@code g}.
     *
     * @param node the node
     * @param g the graph to write into; the node's output names must be produced
     */
    default void lower(NodeProto node, Graph g) {
        throw new IllegalStateException(node.getOpType() + " is a standard operator and needs no lowering");
    }

    /**
     * The two per-example statistics of one parameter's gradient.
     *
     * @param squared {@code sum_n g_n^2}
     * @param absolute {@code sum_n |g_n|}
     */
    record PerExample(String squared, String absolute) {}
}
