package org.seedscope.engine.graph;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A rewrite of a training forward graph, before it is differentiated, for convolution blocks whose
 * input needs no gradient (a network's first): a stride-1 {@code Conv} read only by a {@code Relu}
 * read only by a 2x2 stride-2 {@code MaxPool} becomes
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
 * Indices ran about 8x slower than plain pooling in ONNX Runtime 1.23.2 (13 ms of the cnn's 71 ms
 * backward pass), and scattering the gradient back wrote the full-size tensor. The convolution's
 * weight gradient becomes the sum of the four strided ones; its input gradient, which would be four
 * strided transposed convolutions, is never asked for. Inference and per-example graphs keep the
 * plain form.
 */
public final class PhasePooling {
    /** The pooling windows' positions in row-major order: (row, column) offsets. */
    private static final long[][] POSITIONS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};

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
            if (conv != null && !dependent.contains(conv.getInput(0)) && qualifies(src, conv, pool)) {
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
                emit(g, src, convOfPool.get(n), n.getOutput(0));
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

    /** Writes the four strided convolutions, their ReLUs and the maximum, named {@code out}. */
    private static void emit(Graph g, Graph src, NodeProto conv, String out) {
        Shape x = src.shape(conv.getInput(0));
        Window c = ConvRule.window(conv, x, src.shape(conv.getInput(1)));
        long[] pooled = {c.output(0) / 2, c.output(1) / 2};
        List<String> positions = new ArrayList<>();
        for (long[] offset : POSITIONS) {
            long[] pads = new long[4];
            long[] starts = new long[2];
            long[] ends = new long[2];
            boolean cropped = false;
            for (int i = 0; i < 2; i++) {
                long first = offset[i] - c.pads()[i];
                long last = 2 * (pooled[i] - 1) + first + c.dilations()[i] * (c.kernel()[i] - 1);
                pads[i] = Math.max(0, -first);
                pads[i + 2] = Math.max(0, last - (x.dim(2 + i) - 1));
                starts[i] = Math.max(0, first);
                ends[i] = Math.min(x.dim(2 + i), last + 1);
                cropped |= starts[i] > 0 || ends[i] < x.dim(2 + i);
            }
            List<String> in = new ArrayList<>(conv.getInputList());
            if (cropped) {
                String slice = g.op("Slice", List.of(in.get(0), g.int64s(starts), g.int64s(ends), g.int64s(2, 3)));
                g.shapes.put(slice, Shape.of(x.dim(0), x.dim(1), ends[0] - starts[0], ends[1] - starts[1]));
                in.set(0, slice);
            }
            positions.add(g.op("Relu", g.op("Conv", in, Attributes.of("kernel_shape", c.kernel()),
                    Attributes.of("strides", new long[] {2, 2}), Attributes.of("pads", pads),
                    Attributes.of("dilations", c.dilations()), Attributes.of("group", Attributes.integer(conv, "group", 1)))));
        }
        g.assign(out, "Max", positions);
    }
}
