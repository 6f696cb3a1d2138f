package org.seedscope.engine.graph;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;

/**
 * {@code Y = A + B} with numpy broadcasting (residual connections, biases). Backward: each operand
 * receives {@code dY} summed over the axes it was broadcast along.
 */
final class AddRule implements OpRule {

    @Override
    public List<Shape> infer(NodeProto node, List<Shape> in, Graph g) {
        Shape a = in.get(0);
        Shape b = in.get(1);
        int rank = Math.max(a.rank(), b.rank());
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) {
            long da = i < rank - a.rank() ? 1 : a.dim(i - (rank - a.rank()));
            long db = i < rank - b.rank() ? 1 : b.dim(i - (rank - b.rank()));
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("shapes " + a + " and " + b + " do not broadcast");
            }
            out[i] = da == 1 ? db : da;
        }
        return List.of(Shape.of(out));
    }

    @Override
    public List<String> backward(NodeProto node, List<String> dOut, boolean[] needed, Graph g) {
        Shape y = g.shape(node.getOutput(0));
        String dY = dOut.get(0);
        return Ops.list(needed[0] ? Ops.unbroadcast(g, dY, y, g.shape(node.getInput(0))) : null,
                needed[1] ? Ops.unbroadcast(g, dY, y, g.shape(node.getInput(1))) : null);
    }
}
