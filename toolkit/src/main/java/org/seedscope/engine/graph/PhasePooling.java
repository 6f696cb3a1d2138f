package org.seedscope.engine.graph;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A rewrite of a training forward graph, before it is differentiated, for convolution blocks: a
 * stride-1 {@code Conv} read only by a {@code Relu} read only by a 2x2 stride-2 {@code MaxPool}
 * becomes
 * <pre>
 *   P_ab = Conv(X; stride 2, the same weights, kernel, dilations and group, pads moved by (a, b))
 *   Y    = Max(Relu(P_00), Relu(P_01), Relu(P_10), Relu(P_11))
 * </pre>
 * {@code P_ab} is the convolution's output at the positions {@code (2i + a, 2j + b)}: one position
 * of every pooling window, a quarter of the output each. Y equals the ReLU then the pooling (the
 * same products summed); each ReLU is its convolution's only reader, so the blocked kernels fuse it
 * ({@link NchwcConvolutions}). Its backward ({@link MaxRule}, which applies the ReLUs' masks) sends
 * each window's gradient to the first maximum in row-major window order, as the pooling's Indices
 * do (PyTorch's choice for ties), in quarter-size element-wise passes: recomputing the pooling with
 * Indices ran about 8x slower than plain pooling in ONNX Runtime 1.23.2 (13 % of the cnn's
 * backward pass for each block), and scattering the gradient back wrote the full-size tensor.
 * <ul>
 * <li>When the block's input needs no gradient (a network's first block), the four convolutions
 * are written as they are, and the weight gradient is the sum of the four strided ones.</li>
 * <li>Otherwise they are one {@link PhaseConvRule} node, whose backward interleaves the four
 * gradients and differentiates the stride-1 convolution: its input gradient as four strided
 * transposed convolutions would be about 4x slower.</li>
 * </ul>
 * Inference and per-example graphs keep the plain form.
 */
public final class PhasePooling {
    private PhasePooling() {}

    /**
     * @param src a forward graph with shapes
     * @param parameters the values gradients are taken for
     * @return a copy with every qualifying Conv, Relu and MaxPool replaced (src itself when none does)
     */
    public static Graph rewrite(Graph src, Collection<String> parameters) {
        Map<String, Integer> readers = new HashMap<>();
        Set<String> dependent = new HashSet<>(parameters);
        Map<String, NodeProto> producer = new HashMap<>();
        for (NodeProto n : src.nodes) {
            for (String in : n.getInputList()) {
                readers.merge(in, 1, Integer::sum);
            }
            if (n.getInputList().stream().anyMatch(dependent::contains)) {
                dependent.addAll(n.getOutputList());
            }
            n.getOutputList().forEach(o -> producer.put(o, n));
        }
        src.outputs().forEach(o -> readers.merge(o, 1, Integer::sum));
        Map<NodeProto, NodeProto> convOfPool = new HashMap<>();
        Set<NodeProto> removed = new HashSet<>();
        for (NodeProto pool : src.nodes) {
            NodeProto relu = pool.getOpType().equals("MaxPool")
                    ? producerReadOnce(producer, readers, pool.getInput(0), "Relu") : null;
            NodeProto conv = relu == null ? null : producerReadOnce(producer, readers, relu.getInput(0), "Conv");
            if (conv != null && qualifies(src, conv, pool)) {
                convOfPool.put(pool, conv);
                removed.addAll(List.of(conv, relu, pool));
            }
        }
        if (convOfPool.isEmpty()) {
            return src;
        }
        Graph g = new Graph(src);
        g.nodes = new ArrayList<>();
        for (NodeProto n : removed) {
            n.getOutputList().forEach(o -> {
                g.bound.remove(o);
                g.shapes.remove(o);
            });
        }
        for (NodeProto n : src.nodes) {
            if (convOfPool.containsKey(n)) {
                NodeProto conv = convOfPool.get(n);
                emit(g, conv, n.getOutput(0), dependent.contains(conv.getInput(0)));
            } else if (!removed.contains(n)) {
                g.nodes.add(n);
            }
        }
        return g;
    }

    /** @return the node producing {@code value} when it has type {@code op} and {@code value} has one reader */
    private static NodeProto producerReadOnce(Map<String, NodeProto> producer, Map<String, Integer> readers,
            String value, String op) {
        NodeProto p = producer.get(value);
        return p != null && p.getOpType().equals(op) && p.getOutputCount() == 1 && readers.get(value) == 1 ? p : null;
    }

    private static boolean qualifies(Graph src, NodeProto conv, NodeProto pool) {
        if (pool.getOutputCount() != 1 || Attributes.integer(pool, "storage_order", 0) != 0) {
            return false;
        }
        Window p = MaxPoolRule.window(pool, src.shape(pool.getInput(0)));
        Window c = ConvRule.window(conv, src.shape(conv.getInput(0)), src.shape(conv.getInput(1)));
        return p.tiles() && p.kernel()[0] == 2 && p.kernel()[1] == 2 && c.strides()[0] == 1 && c.strides()[1] == 1;
    }

    /**
     * Writes the four convolutions at the pooling positions, their ReLUs and the maximum, named
     * {@code out}: plain strided convolutions when the block's input needs no gradient, else one
     * {@link PhaseConvRule} node, whose backward goes through the stride-1 convolution.
     */
    private static void emit(Graph g, NodeProto conv, String out, boolean inputGradient) {
        List<String> phases = new ArrayList<>();
        for (int p = 0; p < PhaseConvRule.PHASES; p++) {
            phases.add(g.fresh("phase"));
        }
        if (inputGradient) {
            g.node(PhaseConvRule.OP, conv.getInputList(), phases, conv.getAttributeList().toArray(new AttributeProto[0]));
        } else {
            PhaseConvRule.writePhases(g, conv, phases);
        }
        List<String> relus = new ArrayList<>();
        for (String p : phases) {
            relus.add(g.op("Relu", p));
        }
        g.assign(out, "Max", relus);
    }
}
