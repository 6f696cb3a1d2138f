package org.seedscope.engine.graph;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Batch normalisation in evaluation mode, ONNX's {@code BatchNormalization} with
 * {@code training_mode = 0}: {@code Y = gamma (X - mu) / sqrt(v + eps) + beta} with the running
 * statistics mu and v as constants. Backward, {@code x^ = (X - mu) rstd}, {@code rstd = 1/sqrt(v + eps)}:
 * <pre>
 *   dX = dY gamma rstd      dgamma = sum(dY x^)      dbeta = sum(dY)     (sums over all axes but 1)
 * </pre>
 * Per example: the same sums over the spatial axes only, one row per example. The running
 * statistics get no gradient.
 */
final class BatchNormRule implements OpRule {

    @Override
    public List<Shape> infer(NodeProto node, List<Shape> in, Graph g) {
        if (Attributes.integer(node, "training_mode", 0) != 0 || node.getOutputCount() > 1) {
            throw new IllegalArgumentException("BatchNormalization is differentiated in evaluation mode "
                    + "(training_mode 0, one output); the engine writes training mode itself");
        }
        return List.of(checkChannels(in));
    }

    static Shape checkChannels(List<Shape> in) {
        Shape x = in.get(0);
        if (x.rank() < 2) {
            throw new IllegalArgumentException("the input needs a channel axis (rank >= 2)");
        }
        for (int i = 1; i < 5; i++) {
            if (in.get(i).rank() != 1 || in.get(i).dim(0) != x.dim(1)) {
                throw new IllegalArgumentException("input " + i + " must be a vector of " + x.dim(1) + " channels, got "
                        + in.get(i));
            }
        }
        return x;
    }

    @Override
    public List<String> backward(NodeProto node, List<String> dOut, boolean[] needed, Graph g) {
        String dY = dOut.get(0);
        Shape sx = g.shape(node.getInput(0));
        String rstd = rstd(node, g);
        List<String> d = affineGradients(node, dY, needed, g, () -> normalised(node, g, rstd));
        if (needed[0]) {
            String scale = Ops.reshape(g, g.op("Mul", node.getInput(1), rstd), Ops.channelShape(sx.rank(), sx.dim(1)));
            d.set(0, g.op("Mul", dY, scale));
        }
        return d;
    }

    /** Refuses gradients with respect to the running statistics (inputs 3 and 4), in either mode. */
    static void checkNoStatisticGradients(NodeProto node, boolean[] needed) {
        if (needed[3] || needed[4]) {
            throw new IllegalArgumentException("BatchNormalization '" + node.getName()
                    + "': gradients with respect to the running statistics are not supported");
        }
    }

    /**
     * {@code dgamma = sum(dY x^)}, {@code dbeta = sum(dY)} over all axes but 1, none for the running
     * statistics.
     *
     * @return gradients per input, the input's own left for the caller
     */
    private static List<String> affineGradients(NodeProto node, String dY, boolean[] needed, Graph g,
            java.util.function.Supplier<String> normalised) {
        checkNoStatisticGradients(node, needed);
        Shape sx = g.shape(node.getInput(0));
        List<String> d = new ArrayList<>(Arrays.asList(new String[5]));
        if (needed[1]) {
            d.set(1, Ops.channelSums(g, g.op("Mul", dY, normalised.get()), sx, false));
        }
        if (needed[2]) {
            d.set(2, Ops.channelSums(g, dY, sx, false));
        }
        return d;
    }

    @Override
    public PerExample perExample(NodeProto node, int input, String dY, Graph g) {
        Shape sx = g.shape(node.getInput(0));
        long[] spatial = Ops.axesFrom(2, sx.rank());
        String perExample;
        if (input == 1) {
            perExample = g.op("Mul", dY, normalised(node, g, rstd(node, g)));
        } else if (input == 2) {
            perExample = dY;
        } else {
            return OpRule.super.perExample(node, input, dY, g);
        }
        String rows = spatial.length == 0 ? perExample : Ops.reduceSum(g, perExample, spatial, false);
        return Ops.sums(g, rows, new long[] {sx.dim(1)});
    }

    private static String rstd(NodeProto node, Graph g) {
        float eps = Attributes.real(node, "epsilon", 1e-5f);
        return g.op("Reciprocal", g.op("Sqrt", g.op("Add", node.getInput(4), g.scalar(eps))));
    }

    private static String normalised(NodeProto node, Graph g, String rstd) {
        Shape sx = g.shape(node.getInput(0));
        long[] cs = Ops.channelShape(sx.rank(), sx.dim(1));
        String centred = g.op("Sub", node.getInput(0), Ops.reshape(g, node.getInput(3), cs));
        return g.op("Mul", centred, Ops.reshape(g, rstd, cs));
    }
}
