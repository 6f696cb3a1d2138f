package org.seedscope.engine.graph;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.Arrays;
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
 * momentum of the opposite sense, no saved statistics), so this operator is lowered to MatMul
 * (the per-channel sums, {@code Ops.channelSums}), Sub, Mul, Div, Sqrt, Reciprocal and Add when a
 * file is written; the backward rule recomputes the statistics from X with the same operators
 * (identical values). Both pass over the full-size tensors as few times as they can (each pass
 * costs about as much as the arithmetic): {@code Y = (X - mu) (gamma rstd) + beta}, and with
 * {@code k = gamma rstd},
 * {@code S1 = sum(dY)} and {@code T = sum(dY (X - mu))} (so {@code dgamma = rstd T}),
 * {@code dX = k dY - (X - mu) (k rstd^2 T / n) - k S1 / n}. Examples are coupled through the
 * batch statistics, so per-example gradients are not defined.
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

    /**
     * The batch statistics, each broadcastable against X.
     *
     * @param count n, the values per channel (batch times positions), as a float scalar
     */
    private record Statistics(String mean, String centred, String variance, String rstd, String count) {}

    private static Statistics statistics(NodeProto node, Graph g) {
        String x = node.getInput(0);
        Shape sx = g.shape(x);
        float eps = Attributes.real(node, "epsilon", 1e-5f);
        long perExample = 1;
        for (int i = 2; i < sx.rank(); i++) {
            perExample *= sx.dim(i);
        }
        String batch = g.op("Shape", x, Attributes.of("start", 0), Attributes.of("end", 1));
        String n = g.op("Mul", g.op("Cast", batch, Attributes.of("to", 1)), g.scalar(perExample));
        String mean = g.op("Div", Ops.channelSums(g, x, sx, true), n);
        String centred = g.op("Sub", x, mean);
        String variance = g.op("Div", Ops.channelSums(g, Ops.square(g, centred), sx, true), n);
        String rstd = g.op("Reciprocal", g.op("Sqrt", g.op("Add", variance, g.scalar(eps))));
        return new Statistics(mean, centred, variance, rstd, n);
    }

    /** @return {@code gamma rstd}, shaped to broadcast against X */
    private static String scale(NodeProto node, Graph g, Statistics s) {
        Shape sx = g.shape(node.getInput(0));
        return g.op("Mul", Ops.reshape(g, node.getInput(1), Ops.channelShape(sx.rank(), sx.dim(1))), s.rstd());
    }

    @Override
    public void lower(NodeProto node, Graph g) {
        Shape sx = g.shape(node.getInput(0));
        long channels = sx.dim(1);
        long[] cs = Ops.channelShape(sx.rank(), channels);
        float m = Attributes.real(node, "momentum", 0.1f);
        Statistics s = statistics(node, g);
        String scaled = g.op("Mul", s.centred(), scale(node, g, s));
        g.assign(node.getOutput(0), "Add", List.of(scaled, Ops.reshape(g, node.getInput(2), cs)));
        if (node.getOutputCount() > 1 && !node.getOutput(1).isEmpty()) {
            String batchMean = g.op("Mul", Ops.reshape(g, s.mean(), channels), g.scalar(m));
            g.assign(node.getOutput(1), "Add", List.of(g.op("Mul", node.getInput(3), g.scalar(1 - m)), batchMean));
        }
        if (node.getOutputCount() > 2 && !node.getOutput(2).isEmpty()) {
            String n = s.count();
            String unbias = g.op("Div", n, g.op("Sub", n, g.scalar(1)));
            String batchVar = g.op("Mul", Ops.reshape(g, s.variance(), channels), g.op("Mul", unbias, g.scalar(m)));
            g.assign(node.getOutput(2), "Add", List.of(g.op("Mul", node.getInput(4), g.scalar(1 - m)), batchVar));
        }
    }

    @Override
    public List<String> backward(NodeProto node, List<String> dOut, boolean[] needed, Graph g) {
        BatchNormRule.checkNoStatisticGradients(node, needed);
        String dY = dOut.get(0);
        Shape sx = g.shape(node.getInput(0));
        Statistics s = statistics(node, g);
        String sumDy = Ops.channelSums(g, dY, sx, true);
        String sumDyCentred = Ops.channelSums(g, g.op("Mul", dY, s.centred()), sx, true);
        List<String> d = new ArrayList<>(Arrays.asList(new String[5]));
        if (needed[1]) {
            d.set(1, Ops.reshape(g, g.op("Mul", sumDyCentred, s.rstd()), -1));
        }
        if (needed[2]) {
            d.set(2, Ops.reshape(g, sumDy, -1));
        }
        if (needed[0]) {
            String k = scale(node, g, s);
            String perValue = g.op("Div", k, s.count());
            String shift = g.op("Mul", perValue, sumDy);
            String slope = g.op("Mul", g.op("Mul", perValue, g.op("Mul", s.rstd(), s.rstd())), sumDyCentred);
            d.set(0, g.op("Sub", g.op("Sub", g.op("Mul", dY, k), g.op("Mul", s.centred(), slope)), shift));
        }
        return d;
    }
}
