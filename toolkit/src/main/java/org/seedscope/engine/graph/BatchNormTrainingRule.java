package org.seedscope.engine.graph;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;

/**
 * Batch normalisation in training mode as PyTorch computes it, the engine's own operator
 * {@value #OP} (domain {@value Graph#DOMAIN}; inputs X, gamma, beta, running mean, running variance;
 * outputs Y, new running mean, new running variance; attributes {@code epsilon}, default 1e-5, and
 * {@code momentum}, default 0.1). With batch statistics over all axes but 1 (n values per channel),
 * {@code mu = mean(X)}, {@code s2 = mean((X - mu)^2)}, {@code rstd = 1/sqrt(s2 + eps)},
 * {@code x^ = (X - mu) rstd}:
 * <pre>
 *   Y = gamma x^ + beta
 *   mean' = (1 - m) mean + m mu          var' = (1 - m) var + m s2 n / (n - 1)   (unbiased, as PyTorch)
 *   dX = gamma rstd (dY - mean(dY) - x^ mean(dY x^))     dgamma = sum(dY x^)     dbeta = sum(dY)
 * </pre>
 * ONNX's own {@code BatchNormalization(training_mode=1)} differs (biased running variance,
 * momentum of the opposite sense, no saved statistics), so this operator is lowered to
 * ReduceMean, Sub, Mul, Sqrt, Reciprocal and Add when a file is written; the backward rule
 * recomputes the statistics from X with the same operators (identical values). Examples are
 * coupled through the batch statistics, so per-example gradients are not defined.
 */
final class BatchNormTrainingRule implements OpRule {
    /** Operator type. */
    static final String OP = "BatchNormalizationTraining";

    @Override
    public List<Shape> infer(NodeProto node, List<Shape> in, Graph g) {
        Shape x = BatchNormRule.checkChannels(in);
        Shape c = Shape.of(x.dim(1));
        return List.of(x, c, c);
    }

    /** The batch statistics, each broadcastable against X. */
    private record Statistics(String mean, String variance, String rstd, String normalised) {}

    private static Statistics statistics(NodeProto node, Graph g) {
        String x = node.getInput(0);
        long[] axes = Ops.allButChannels(g.shape(x).rank());
        float eps = Attributes.real(node, "epsilon", 1e-5f);
        String mean = g.op("ReduceMean", x, Attributes.of("axes", axes), Attributes.of("keepdims", 1));
        String centred = g.op("Sub", x, mean);
        String variance = g.op("ReduceMean", Ops.square(g, centred), Attributes.of("axes", axes),
                Attributes.of("keepdims", 1));
        String rstd = g.op("Reciprocal", g.op("Sqrt", g.op("Add", variance, g.scalar(eps))));
        return new Statistics(mean, variance, rstd, g.op("Mul", centred, rstd));
    }

    @Override
    public void lower(NodeProto node, Graph g) {
        Shape sx = g.shape(node.getInput(0));
        long channels = sx.dim(1);
        long[] cs = Ops.channelShape(sx.rank(), channels);
        float m = Attributes.real(node, "momentum", 0.1f);
        Statistics s = statistics(node, g);
        String scaled = g.op("Mul", s.normalised(), Ops.reshape(g, node.getInput(1), cs));
        g.assign(node.getOutput(0), "Add", List.of(scaled, Ops.reshape(g, node.getInput(2), cs)));
        if (node.getOutputCount() > 1 && !node.getOutput(1).isEmpty()) {
            String batchMean = g.op("Mul", Ops.reshape(g, s.mean(), channels), g.scalar(m));
            g.assign(node.getOutput(1), "Add", List.of(g.op("Mul", node.getInput(3), g.scalar(1 - m)), batchMean));
        }
        if (node.getOutputCount() > 2 && !node.getOutput(2).isEmpty()) {
            long perExample = 1;
            for (int i = 2; i < sx.rank(); i++) {
                perExample *= sx.dim(i);
            }
            String batch = g.op("Shape", node.getInput(0), Attributes.of("start", 0), Attributes.of("end", 1));
            String n = g.op("Mul", g.op("Cast", batch, Attributes.of("to", 1)), g.scalar(perExample));
            String unbias = g.op("Div", n, g.op("Sub", n, g.scalar(1)));
            String batchVar = g.op("Mul", Ops.reshape(g, s.variance(), channels), g.op("Mul", unbias, g.scalar(m)));
            g.assign(node.getOutput(2), "Add", List.of(g.op("Mul", node.getInput(4), g.scalar(1 - m)), batchVar));
        }
    }

    @Override
    public List<String> backward(NodeProto node, List<String> dOut, boolean[] needed, Graph g) {
        String dY = dOut.get(0);
        Shape sx = g.shape(node.getInput(0));
        long[] axes = Ops.allButChannels(sx.rank());
        Statistics s = statistics(node, g);
        List<String> d = BatchNormRule.affineGradients(node, dY, needed, g, s::normalised);
        if (needed[0]) {
            String dn = g.op("Mul", dY, Ops.reshape(g, node.getInput(1), Ops.channelShape(sx.rank(), sx.dim(1))));
            String m1 = g.op("ReduceMean", dn, Attributes.of("axes", axes), Attributes.of("keepdims", 1));
            String m2 = g.op("ReduceMean", g.op("Mul", dn, s.normalised()), Attributes.of("axes", axes),
                    Attributes.of("keepdims", 1));
            String inner = g.op("Sub", g.op("Sub", dn, m1), g.op("Mul", s.normalised(), m2));
            d.set(0, g.op("Mul", inner, s.rstd()));
        }
        return d;
    }
}
