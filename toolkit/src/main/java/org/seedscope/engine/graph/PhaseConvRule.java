package org.seedscope.engine.graph;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@value #OP} (domain {@value Graph#DOMAIN}): a stride-1 convolution, with the inputs and
 * attributes of the {@code Conv} it replaces, computed only at the four positions of every 2x2
 * pooling window. Its outputs are {@code P_00, P_01, P_10, P_11}, {@code P_ab[i, j] = Y[2i + a, 2j + b]}
 * for the convolution's output Y; {@link PhasePooling} writes it for blocks whose input needs a
 * gradient.
 * <ul>
 * <li>Lowered to four stride-2 convolutions, one per position, with the pads moved by the
 * position ({@link #writePhases}).</li>
 * <li>Backward: the four output gradients are interleaved into Y's gradient by {@code Col2Im}
 * (2x2 blocks, stride 2; a last row or column that no window covers gets zeros), which is then
 * differentiated as the stride-1 convolution ({@link ConvRule}). The input gradient is one
 * stride-1 transposed convolution instead of four strided ones, about 4x slower each in ONNX
 * Runtime 1.23.2.</li>
 * </ul>
 */
final class PhaseConvRule implements OpRule {
    /** The operator type. */
    static final String OP = "PhaseConvolution";
    /** The first operator set with {@code Col2Im}. */
    static final int COL2IM_OPSET = 18;
    /** The pooling windows' positions in row-major order: (row, column) offsets. */
    private static final long[][] POSITIONS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    /** The number of outputs: one per position of a 2x2 window. */
    static final int PHASES = POSITIONS.length;
    private static final ConvRule CONV = new ConvRule();

    @Override
    public List<Shape> infer(NodeProto node, List<Shape> in, Graph g) {
        Shape y = CONV.infer(node, in, g).get(0);
        return Collections.nCopies(PHASES, Shape.of(y.dim(0), y.dim(1), y.dim(2) / 2, y.dim(3) / 2));
    }

    @Override
    public List<String> backward(NodeProto node, List<String> dOut, boolean[] needed, Graph g) {
        Shape y = CONV.infer(node, node.getInputList().stream().map(i -> i.isEmpty() ? null : g.shape(i)).toList(), g)
                .get(0);
        long channels = y.dim(1);
        long blocks = (y.dim(2) / 2) * (y.dim(3) / 2);
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < dOut.size(); i++) {
            if (dOut.get(i) == null) {
                throw new IllegalArgumentException("node '" + node.getName() + "': every phase needs a gradient, "
                        + node.getOutput(i) + " has none");
            }
            columns.add(Ops.reshape(g, dOut.get(i), -1, channels, 1, blocks));
        }
        String stacked = Ops.reshape(g, g.op("Concat", columns, Attributes.of("axis", 2)), -1,
                PHASES * channels, blocks);
        String dY = g.op("Col2Im", List.of(stacked, g.int64s(y.dim(2), y.dim(3)), g.int64s(2, 2)),
                Attributes.of("strides", new long[] {2, 2}));
        String full = g.fresh(node.getName() + ".full");
        g.shapes.put(full, y);
        NodeProto conv = node.toBuilder().setOpType("Conv").clearDomain().clearOutput().addOutput(full).build();
        return CONV.backward(conv, List.of(dY), needed, g);
    }

    @Override
    public void lower(NodeProto node, Graph g) {
        writePhases(g, node, node.getOutputList());
    }

    /**
     * Writes the four stride-2 convolutions giving a stride-1 convolution's values at the positions
     * of 2x2 pooling windows; an input they do not read to its end (or from its start) is sliced.
     *
     * @param g the graph to write into, knowing the convolution's input shapes
     * @param conv a node with the stride-1 convolution's inputs and attributes
     * @param outputs the names of {@code P_00, P_01, P_10, P_11}, unused so far
     */
    static void writePhases(Graph g, NodeProto conv, List<String> outputs) {
        Shape x = g.shape(conv.getInput(0));
        Window c = ConvRule.window(conv, x, g.shape(conv.getInput(1)));
        long[] pooled = {c.output(0) / 2, c.output(1) / 2};
        for (int p = 0; p < PHASES; p++) {
            long[] pads = new long[4];
            long[] starts = new long[2];
            long[] ends = new long[2];
            boolean cropped = false;
            for (int i = 0; i < 2; i++) {
                long first = POSITIONS[p][i] - c.pads()[i];
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
            g.assign(outputs.get(p), "Conv", in, Attributes.of("kernel_shape", c.kernel()),
                    Attributes.of("strides", new long[] {2, 2}), Attributes.of("pads", pads),
                    Attributes.of("dilations", c.dilations()), Attributes.of("group", Attributes.integer(conv, "group", 1)));
        }
    }
}
