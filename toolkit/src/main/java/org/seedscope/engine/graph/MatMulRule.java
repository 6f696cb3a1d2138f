package org.seedscope.engine.graph;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code Y = A B} with A of shape {@code [..., M, K]} and a matrix {@code B [K, N]} (a
 * weight, as exported linear layers use it). Backward: {@code dA = dY B^T},
 * {@code dB = A'^T dY'} with A and dY flattened to rows ({@code [-1, K]}, {@code [-1, N]}).
 * Per example (A a matrix whose rows are examples): as {@link GemmRule}.
 */
final class MatMulRule implements OpRule {

    @Override
    public List<Shape> infer(NodeProto node, List<Shape> in, Graph g) {
        Shape a = in.get(0);
        Shape b = in.get(1);
        if (a.rank() < 2 || b.rank() != 2) {
            throw new IllegalArgumentException("MatMul is supported for A of rank >= 2 times a matrix B");
        }
        if (a.dim(-1) != b.dim(0)) {
            throw new IllegalArgumentException("inner dimensions differ: " + a.dim(-1) + " and " + b.dim(0));
        }
        long[] d = a.dims();
        d[d.length - 1] = b.dim(1);
        return List.of(Shape.of(d));
    }

    @Override
    public List<String> backward(NodeProto node, List<String> dOut, boolean[] needed, Graph g) {
        String a = node.getInput(0);
        String b = node.getInput(1);
        String dY = dOut.get(0);
        Shape sa = g.shape(a);
        Shape sb = g.shape(b);
        List<String> d = new ArrayList<>(Arrays.asList(new String[2]));
        if (needed[0]) {
            d.set(0, sa.rank() == 2 ? GemmRule.gemm(g, dY, b, 0, 1, 1f) : g.op("MatMul", dY, Ops.transpose(g, b, 1, 0)));
        }
        if (needed[1]) {
            String rowsA = sa.rank() == 2 ? a : Ops.reshape(g, a, -1, sb.dim(0));
            String rowsD = sa.rank() == 2 ? dY : Ops.reshape(g, dY, -1, sb.dim(1));
            d.set(1, GemmRule.gemm(g, rowsA, rowsD, 1, 0, 1f));
        }
        return d;
    }

    @Override
    public PerExample perExample(NodeProto node, int input, String dY, Graph g) {
        String a = node.getInput(0);
        if (input != 1 || g.shape(a).rank() != 2 || !g.shape(a).hasBatch()) {
            return OpRule.super.perExample(node, input, dY, g);
        }
        return new PerExample(GemmRule.gemm(g, Ops.square(g, a), Ops.square(g, dY), 1, 0, 1f),
                GemmRule.gemm(g, g.op("Abs", a), g.op("Abs", dY), 1, 0, 1f));
    }
}
