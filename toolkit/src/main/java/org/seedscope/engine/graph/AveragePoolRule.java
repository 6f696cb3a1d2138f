package org.seedscope.engine.graph;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.Arrays;
import java.util.List;

/**
 * 2-D average pooling (kernel, strides, pads; floor mode; {@code count_include_pad} 0 or 1).
 * Every input position receives {@code dY / count} of each window containing it, which is a
 * transposed depthwise convolution:
 * <pre>
 *   dX = ConvTranspose(dY * c, ones [C, 1, kh, kw]; group C, strides, pads, output_padding r)
 * </pre>
 * with {@code c = 1 / (kh kw)} folded into the kernel when the divisor is the window size
 * (count_include_pad = 1 or no pads), else a constant {@code [1, 1, Ho, Wo]} of 1 / (number of
 * non-pad positions of each window).
 */
final class AveragePoolRule implements OpRule {

    @Override
    public List<Shape> infer(NodeProto node, List<Shape> in, Graph g) {
        Shape x = in.get(0);
        Window w = window(node, x);
        return List.of(Shape.of(x.dim(0), x.dim(1), w.output(0), w.output(1)));
    }

    private static Window window(NodeProto node, Shape x) {
        for (var a : node.getAttributeList()) {
            if (a.getName().equals("dilations")) {
                throw new IllegalArgumentException("AveragePool dilations need opset 19; opset 17 graphs have none");
            }
        }
        return MaxPoolRule.window(node, x);
    }

    @Override
    public List<String> backward(NodeProto node, List<String> dOut, boolean[] needed, Graph g) {
        Shape x = g.shape(node.getInput(0));
        Window w = window(node, x);
        long kh = w.kernel()[0];
        long kw = w.kernel()[1];
        long channels = x.dim(1);
        boolean windowDivisor = Attributes.integer(node, "count_include_pad", 0) != 0 || w.unpadded();
        float[] ones = new float[(int) (channels * kh * kw)];
        Arrays.fill(ones, windowDivisor ? 1f / (kh * kw) : 1f);
        String dY = dOut.get(0);
        String scaled = windowDivisor ? dY : g.op("Mul", dY, g.floats(inverseCounts(w), 1, 1, w.output(0), w.output(1)));
        return Ops.list(g.op("ConvTranspose", scaled, g.floats(ones, channels, 1, kh, kw),
                Attributes.of("strides", w.strides()), Attributes.of("pads", w.pads()), Attributes.of("group", channels),
                Attributes.of("output_padding", w.outputPadding()), Attributes.of("kernel_shape", w.kernel())));
    }

    /** @return 1 / (number of window positions inside the unpadded input), per output position */
    private static float[] inverseCounts(Window w) {
        long ho = w.output(0);
        long wo = w.output(1);
        float[] c = new float[(int) (ho * wo)];
        for (int i = 0; i < ho; i++) {
            long rows = inside(i * w.strides()[0] - w.pads()[0], w.kernel()[0], w.input()[0]);
            for (int j = 0; j < wo; j++) {
                long cols = inside(j * w.strides()[1] - w.pads()[1], w.kernel()[1], w.input()[1]);
                c[(int) (i * wo + j)] = 1f / (rows * cols);
            }
        }
        return c;
    }

    private static long inside(long start, long kernel, long size) {
        return Math.min(start + kernel, size) - Math.max(start, 0);
    }
}
