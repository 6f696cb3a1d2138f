package org.seedscope.engine.graph;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;

/**
 * Flatten (axis 1), Reshape (to a constant shape that keeps the batch first) and Identity: the
 * values do not change, only the shape. Backward {@code dX = Reshape(dY, shape of X)} (Identity:
 * {@code dX = dY}).
 */
final class ReshapeRule implements OpRule {

    @Override
    public List<Shape> infer(NodeProto node, List<Shape> in, Graph g) {
        Shape x = in.get(0);
        switch (node.getOpType()) {
            case "Identity":
                return List.of(x);
            case "Flatten":
                long axis = Attributes.integer(node, "axis", 1);
                if (axis != 1 && x.hasBatch()) {
                    throw new IllegalArgumentException("Flatten of a batch is supported for axis 1 only, got " + axis);
                }
                return List.of(x.hasBatch() ? Shape.batched(x.perExample()) : flatten(x, (int) axis));
            default:
                return List.of(reshape(x, g.int64Values(node.getInput(1))));
        }
    }

    private static Shape flatten(Shape x, int axis) {
        long outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= x.dim(i);
        }
        return Shape.of(outer, x.perExample() / outer);
    }

    private static Shape reshape(Shape x, long[] target) {
        if (target == null) {
            throw new IllegalArgumentException("Reshape needs a constant int64 shape");
        }
        long[] out = target.clone();
        long known = 1;
        int free = -1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0) {
                out[i] = x.dim(i);
            }
            if (out[i] == -1) {
                if (free >= 0) {
                    throw new IllegalArgumentException("Reshape shape " + java.util.Arrays.toString(target)
                            + " has more than one -1");
                }
                free = i;
            } else {
                known *= out[i];
            }
        }
        if (x.hasBatch()) {
            if (free == 0 || (free < 0 && out[0] == Shape.BATCH)) {
                if (known != x.perExample()) {
                    throw new IllegalArgumentException("cannot reshape " + x + " to " + java.util.Arrays.toString(target));
                }
                out[0] = Shape.BATCH;
                return Shape.of(out);
            }
            throw new IllegalArgumentException("Reshape must keep the batch as the first dimension (0 or -1), got "
                    + java.util.Arrays.toString(target));
        }
        if (free >= 0) {
            out[free] = x.perExample() / known;
        }
        return Shape.of(out);
    }

    @Override
    public List<String> backward(NodeProto node, List<String> dOut, boolean[] needed, Graph g) {
        if (node.getOpType().equals("Identity")) {
            return Ops.list(dOut.get(0));
        }
        return Ops.list(Ops.reshape(g, dOut.get(0), g.shape(node.getInput(0)).dims()), null);
    }
}
