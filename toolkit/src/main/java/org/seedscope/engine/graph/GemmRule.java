package org.seedscope.engine.graph;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code Y = alpha op(A) op(B) + beta C}, {@code op} transposing when {@code transA}/{@code transB}.
 * Backward, with {@code op(A)} = A and {@code op(B)} = B:
 * <pre>
 *   dA = alpha dY B^T  (Gemm dY, B, transB=1)     dB = alpha A^T dY  (Gemm A, dY, transA=1)
 *   dC = beta dY summed over the axes C is broadcast along
 * </pre>
 * and the transposed cases by symmetry. Per example (rows of A are examples, B a weight): each
 * example's weight gradient is the outer product {@code a_n dy_n^T}, so
 * {@code sum_n (a_n dy_n^T)^2 = (A o A)^T (dY o dY)} and {@code sum_n |a_n dy_n^T| = |A|^T |dY|}.
 */
final class GemmRule implements OpRule {

    @Override
    public List<Shape> infer(NodeProto node, List<Shape> in, Graph g) {
        Shape a = in.get(0);
        Shape b = in.get(1);
        if (a.rank() != 2 || b.rank() != 2) {
            throw new IllegalArgumentException("Gemm needs two matrices");
        }
        boolean ta = Attributes.integer(node, "transA", 0) != 0;
        boolean tb = Attributes.integer(node, "transB", 0) != 0;
        long m = a.dim(ta ? 1 : 0);
        long k = a.dim(ta ? 0 : 1);
        long kb = b.dim(tb ? 1 : 0);
        long n = b.dim(tb ? 0 : 1);
        if (k != kb) {
            throw new IllegalArgumentException("inner dimensions differ: " + k + " and " + kb);
        }
        return List.of(Shape.of(m, n));
    }

    @Override
    public List<String> backward(NodeProto node, List<String> dOut, boolean[] needed, Graph g) {
        String a = node.getInput(0);
        String b = node.getInput(1);
        String dY = dOut.get(0);
        long ta = Attributes.integer(node, "transA", 0);
        long tb = Attributes.integer(node, "transB", 0);
        float alpha = Attributes.real(node, "alpha", 1f);
        List<String> d = new ArrayList<>(Arrays.asList(new String[node.getInputCount()]));
        if (needed[0]) {
            d.set(0, ta == 0 ? gemm(g, dY, b, 0, 1 - tb, alpha) : gemm(g, b, dY, tb, 1, alpha));
        }
        if (needed[1]) {
            d.set(1, tb == 0 ? gemm(g, a, dY, 1 - ta, 0, alpha) : gemm(g, dY, a, 1, ta, alpha));
        }
        if (node.getInputCount() > 2 && needed[2]) {
            float beta = Attributes.real(node, "beta", 1f);
            String dC = Ops.unbroadcast(g, dY, g.shape(node.getOutput(0)), g.shape(node.getInput(2)));
            d.set(2, beta == 1f ? dC : g.op("Mul", dC, g.scalar(beta)));
        }
        return d;
    }

    @Override
    public PerExample perExample(NodeProto node, int input, String dY, Graph g) {
        String a = node.getInput(0);
        boolean rowsAreExamples = Attributes.integer(node, "transA", 0) == 0 && g.shape(a).hasBatch();
        float alpha = Attributes.real(node, "alpha", 1f);
        if (rowsAreExamples && input == 1) {
            boolean tb = Attributes.integer(node, "transB", 0) != 0;
            String a2 = Ops.square(g, a);
            String d2 = Ops.square(g, dY);
            String aAbs = g.op("Abs", a);
            String dAbs = g.op("Abs", dY);
            return tb ? new PerExample(gemm(g, d2, a2, 1, 0, alpha * alpha), gemm(g, dAbs, aAbs, 1, 0, Math.abs(alpha)))
                    : new PerExample(gemm(g, a2, d2, 1, 0, alpha * alpha), gemm(g, aAbs, dAbs, 1, 0, Math.abs(alpha)));
        }
        Shape c = input == 2 ? g.shape(node.getInput(2)) : null;
        if (rowsAreExamples && c != null && (c.rank() == 1 || (c.rank() == 2 && c.dim(0) == 1))) {
            float beta = Attributes.real(node, "beta", 1f);
            String dC = beta == 1f ? dY : g.op("Mul", dY, g.scalar(beta));
            return Ops.sums(g, dC, c.dims());
        }
        return OpRule.super.perExample(node, input, dY, g);
    }

    /** Emits {@code Gemm(x, y)} with the given transposes and alpha (left out when 1). */
    static String gemm(Graph g, String x, String y, long transA, long transB, float alpha) {
        List<AttributeProto> attrs = new ArrayList<>();
        if (transA != 0) {
            attrs.add(Attributes.of("transA", 1));
        }
        if (transB != 0) {
            attrs.add(Attributes.of("transB", 1));
        }
        if (alpha != 1f) {
            attrs.add(Attributes.of("alpha", alpha));
        }
        return g.op("Gemm", List.of(x, y), attrs.toArray(new AttributeProto[0]));
    }
}
