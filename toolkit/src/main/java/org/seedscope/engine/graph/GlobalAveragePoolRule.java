package org.seedscope.engine.graph;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.Arrays;
import java.util.List;

/**
 * {@code Y[n, c] = mean over the spatial positions of X[n, c]}, keeping size-1 spatial axes.
 * Backward {@code dX = dY * (1 / (H W))}, broadcast from {@code [N, C, 1, 1]} against a constant
 * {@code [1, 1, H, W]} (cheaper than Expand).
 */
final class GlobalAveragePoolRule implements OpRule {

    @Override
    public List<Shape> infer(NodeProto node, List<Shape> in, Graph g) {
        Shape x = in.get(0);
        if (x.rank() < 3) {
            throw new IllegalArgumentException("the input needs spatial axes (rank >= 3)");
        }
        long[] d = x.dims();
        Arrays.fill(d, 2, d.length, 1);
        return List.of(Shape.of(d));
    }

    @Override
    public List<String> backward(NodeProto node, List<String> dOut, boolean[] needed, Graph g) {
        Shape x = g.shape(node.getInput(0));
        long[] d = new long[x.rank()];
        long positions = 1;
        for (int i = 0; i < d.length; i++) {
            d[i] = i < 2 ? 1 : x.dim(i);
            positions *= d[i];
        }
        float[] v = new float[(int) positions];
        Arrays.fill(v, 1f / positions);
        return Ops.list(g.op("Mul", dOut.get(0), g.floats(v, d)));
    }
}
