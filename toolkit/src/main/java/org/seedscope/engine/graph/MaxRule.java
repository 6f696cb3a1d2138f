package org.seedscope.engine.graph;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code Y = max(X_1, ..., X_k)} element-wise, over inputs of one shape (no broadcasting).
 * Backward: each value of dY goes to the first input that equals Y there, as a max-pool sends it to
 * the first maximum of its window (PyTorch's choice for ties):
 * <pre>
 *   dX_i = dY where X_i == Y and X_j != Y for every j &lt; i, else 0   ({@link Ops#select})
 * </pre>
 * The last input takes every value no earlier input took (it equals Y there, unless Y is NaN).
 *
 * <p>When every input is a ReLU's output that only this node reads, the ReLUs' masks are applied
 * here too, {@code and Y > 0} in each condition (the first maximum is positive exactly when Y is,
 * and where Y is 0 every input's ReLU had a non-positive input), and the gradients are named for
 * {@link ReluRule} to pass them through: one pass per input instead of two.
 */
final class MaxRule implements OpRule {

    @Override
    public List<Shape> infer(NodeProto node, List<Shape> in, Graph g) {
        for (Shape s : in) {
            if (!s.equals(in.get(0))) {
                throw new IllegalArgumentException("Max needs inputs of one shape (no broadcasting), got " + in);
            }
        }
        return List.of(in.get(0));
    }

    @Override
    public List<String> backward(NodeProto node, List<String> dOut, boolean[] needed, Graph g) {
        String y = node.getOutput(0);
        String dY = dOut.get(0);
        int k = node.getInputCount();
        List<String> d = new ArrayList<>();
        boolean masks = node.getInputList().stream().allMatch(x -> ReluRule.maskable(g, x));
        String positive = masks ? g.op("Greater", y, g.scalar(0f)) : null;
        String taken = null;
        for (int i = 0; i < k; i++) {
            String mask;
            if (i == k - 1) {
                mask = taken == null ? null : g.op("Not", taken);
            } else {
                String equal = g.op("Equal", node.getInput(i), y);
                mask = taken == null ? equal : g.op("And", equal, g.op("Not", taken));
                taken = taken == null ? equal : g.op("Or", taken, equal);
            }
            if (masks) {
                mask = mask == null ? positive : g.op("And", mask, positive);
            }
            if (!needed[i]) {
                d.add(null);
            } else if (mask == null) {
                d.add(dY);
            } else {
                String dX = g.fresh(node.getInput(i) + (masks ? ReluRule.MASKED : ".grad"));
                g.rename(Ops.select(g, mask, dY), dX);
                d.add(dX);
            }
        }
        return d;
    }
}
