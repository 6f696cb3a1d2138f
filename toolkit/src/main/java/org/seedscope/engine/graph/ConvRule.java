package org.seedscope.engine.graph;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * 2-D convolution {@code Y = Conv(X, W, B)}, X {@code [N, C, H, W]}, W {@code [M, C/g, kh, kw]},
 * with strides s, pads p, dilations d and g groups. Backward, with {@code r = (H + p_t + p_b - d (k - 1) - 1) mod s}
 * per spatial axis:
 * <pre>
 *   dX = ConvTranspose(dY, W; strides s, pads p, dilations d, group g, output_padding r)
 *   dW = Transpose(Conv(X', dY'; strides d, dilations s, pads [p_t, p_l, p_b - r_h, p_r - r_w], group g))
 *        X' = X as [C/g, g N, H, W] (Reshape [N, g, C/g, H, W], Transpose [2, 1, 0, 3, 4]),
 *        dY' = Transpose(dY, [1, 0, 2, 3]) used as the kernel; rows of X past the last window
 *        are sliced off where r exceeds the end pad
 *   dB = dY summed over axes 0, 2 and 3 (as two products with vectors of ones, {@code Ops.channelSums})
 * </pre>
 * For stride 1 and one group, dW is instead GEMMs over a sliced, transposed input: one per kernel
 * offset from {@value #GEMM_CHANNELS} input channels, one over the stacked slices below (faster
 * there than the transposed convolution; see {@code offsetGemms}).
 * Per example: patches {@code P = Conv(X, one-hot kernels [C kh kw, 1, kh, kw]; group C)} (im2col
 * through a convolution), then every example's weight gradient at once by batched MatMul,
 * {@code dW_n = dY_n P_n^T} per group, squared or made absolute, and summed over n.
 */
final class ConvRule implements OpRule {

    @Override
    public List<Shape> infer(NodeProto node, List<Shape> in, Graph g) {
        Shape x = in.get(0);
        Shape w = in.get(1);
        long groups = Attributes.integer(node, "group", 1);
        if (w.rank() != 4) {
            throw new IllegalArgumentException("the weight must be [M, C/group, kh, kw]");
        }
        if (groups < 1 || x.dim(1) != w.dim(1) * groups || w.dim(0) % groups != 0) {
            throw new IllegalArgumentException("input channels " + x.dim(1) + ", weight " + w + " and group "
                    + groups + " do not agree");
        }
        if (in.size() > 2 && in.get(2) != null && (in.get(2).rank() != 1 || in.get(2).dim(0) != w.dim(0))) {
            throw new IllegalArgumentException("the bias must be a vector of " + w.dim(0) + " values");
        }
        Window win = window(node, x, w);
        return List.of(Shape.of(x.dim(0), w.dim(0), win.output(0), win.output(1)));
    }

    static Window window(NodeProto node, Shape x, Shape w) {
        long[] kernel = Attributes.integers(node, "kernel_shape", 2, 0);
        if (kernel[0] == 0) {
            kernel = new long[] {w.dim(2), w.dim(3)};
        }
        if (kernel[0] != w.dim(2) || kernel[1] != w.dim(3)) {
            throw new IllegalArgumentException("kernel_shape " + Arrays.toString(kernel) + " differs from the weight's "
                    + w);
        }
        return Window.of(node, kernel, x);
    }

    @Override
    public List<String> backward(NodeProto node, List<String> dOut, boolean[] needed, Graph g) {
        String x = node.getInput(0);
        String w = node.getInput(1);
        String dY = dOut.get(0);
        Shape sx = g.shape(x);
        Shape sw = g.shape(w);
        Window win = window(node, sx, sw);
        long groups = Attributes.integer(node, "group", 1);
        List<String> d = new ArrayList<>(Arrays.asList(new String[node.getInputCount()]));
        if (needed[0]) {
            d.set(0, g.op("ConvTranspose", dY, w, Attributes.of("strides", win.strides()),
                    Attributes.of("pads", win.pads()), Attributes.of("dilations", win.dilations()),
                    Attributes.of("group", groups), Attributes.of("output_padding", win.outputPadding()),
                    Attributes.of("kernel_shape", win.kernel())));
        }
        if (needed[1]) {
            d.set(1, weightGradient(g, x, dY, sx, sw, win, groups));
        }
        if (node.getInputCount() > 2 && !node.getInput(2).isEmpty() && needed[2]) {
            d.set(2, Ops.channelSums(g, dY, g.shape(node.getOutput(0)), false));
        }
        return d;
    }

    /** Input channels from which one GEMM per kernel offset beats one GEMM over all stacked offsets. */
    static final long GEMM_CHANNELS = 16;

    private static String weightGradient(Graph g, String x, String dY, Shape sx, Shape sw, Window win, long groups) {
        if (groups == 1 && win.strides()[0] == 1 && win.strides()[1] == 1) {
            return offsetGemms(g, x, dY, sx, sw, win);
        }
        long[] pads = win.pads().clone();
        long[] size = {sx.dim(2), sx.dim(3)};
        String cropped = x;
        for (int i = 0; i < 2; i++) {
            long end = pads[i + 2] - win.remainder(i);
            if (end < 0) {
                size[i] += end;
                cropped = g.op("Slice", List.of(cropped, g.int64s(0), g.int64s(size[i]), g.int64s(2 + i)));
                end = 0;
            }
            pads[i + 2] = end;
        }
        long c = sx.dim(1);
        String xt = groups == 1 ? Ops.transpose(g, cropped, 1, 0, 2, 3)
                : Ops.reshape(g, Ops.transpose(g, Ops.reshape(g, cropped, -1, groups, c / groups, size[0], size[1]),
                        2, 1, 0, 3, 4), c / groups, -1, size[0], size[1]);
        String dyt = Ops.transpose(g, dY, 1, 0, 2, 3);
        String dwt = g.op("Conv", xt, dyt, Attributes.of("strides", win.dilations()),
                Attributes.of("dilations", win.strides()), Attributes.of("pads", pads), Attributes.of("group", groups));
        return Ops.transpose(g, dwt, 1, 0, 2, 3);
    }

    /**
     * Stride 1, one group: {@code dW[:, :, i, j] = dY' P_ij^T} with {@code dY'} = dY as
     * {@code [M, N Ho Wo]} and {@code P_ij} the input (transposed to {@code [C, N, H, W]} and padded
     * once) sliced at offset {@code (i d, j d)} as {@code [C, N Ho Wo]}. From {@value #GEMM_CHANNELS}
     * input channels one GEMM per offset, the {@code kh kw} products {@code [M, C]} stacked; below,
     * where each product would be a thin matrix-vector pass over dY', the slices are stacked instead
     * ({@code [kh kw C, N Ho Wo]}, im2col) for one GEMM. Either way transposed to {@code [M, C, kh, kw]}.
     */
    private static String offsetGemms(Graph g, String x, String dY, Shape sx, Shape sw, Window win) {
        long m = sw.dim(0);
        long c = sx.dim(1);
        long k2 = sw.dim(2) * sw.dim(3);
        long[] p = win.pads();
        String xt = Ops.transpose(g, x, 1, 0, 2, 3);
        String padded = win.unpadded() ? xt
                : g.op("Pad", xt, g.int64s(0, 0, p[0], p[1], 0, 0, p[2], p[3]));
        String rows = Ops.reshape(g, Ops.transpose(g, dY, 1, 0, 2, 3), m, -1);
        List<String> blocks = new ArrayList<>();
        for (long i = 0; i < sw.dim(2); i++) {
            for (long j = 0; j < sw.dim(3); j++) {
                long top = i * win.dilations()[0];
                long left = j * win.dilations()[1];
                String patch = Ops.reshape(g, g.op("Slice", List.of(padded, g.int64s(top, left),
                        g.int64s(top + win.output(0), left + win.output(1)), g.int64s(2, 3))), c, -1);
                blocks.add(c >= GEMM_CHANNELS ? GemmRule.gemm(g, rows, patch, 0, 1, 1f) : patch);
            }
        }
        String stacked = g.op("Concat", blocks, Attributes.of("axis", 0));
        String offsetsLast = c >= GEMM_CHANNELS
                ? Ops.transpose(g, Ops.reshape(g, stacked, k2, m, c), 1, 2, 0)
                : Ops.transpose(g, Ops.reshape(g, GemmRule.gemm(g, rows, stacked, 0, 1, 1f), m, k2, c), 0, 2, 1);
        return Ops.reshape(g, offsetsLast, sw.dims());
    }

    @Override
    public PerExample perExample(NodeProto node, int input, String dY, Graph g) {
        Shape sx = g.shape(node.getInput(0));
        if (input == 2) {
            return Ops.sums(g, Ops.reduceSum(g, dY, new long[] {2, 3}, false),
                    new long[] {g.shape(node.getInput(1)).dim(0)});
        }
        if (input != 1) {
            return OpRule.super.perExample(node, input, dY, g);
        }
        Shape sw = g.shape(node.getInput(1));
        Window win = window(node, sx, sw);
        long groups = Attributes.integer(node, "group", 1);
        long c = sx.dim(1);
        long m = sw.dim(0);
        long k2 = sw.dim(2) * sw.dim(3);
        String patches = g.op("Conv", node.getInput(0), oneHot(g, c, sw.dim(2), sw.dim(3)),
                Attributes.of("strides", win.strides()), Attributes.of("pads", win.pads()),
                Attributes.of("dilations", win.dilations()), Attributes.of("group", c));
        long positions = win.output(0) * win.output(1);
        String p = Ops.reshape(g, patches, -1, groups, c / groups * k2, positions);
        String dyT = Ops.transpose(g, Ops.reshape(g, dY, -1, groups, m / groups, positions), 0, 1, 3, 2);
        // [N, g, C/g k^2, M/g]: every example's weight gradient, transposed within its group
        String perExampleT = g.op("MatMul", p, dyT);
        String sq = Ops.reduceSum(g, Ops.square(g, perExampleT), new long[] {0}, false);
        String abs = Ops.reduceSum(g, g.op("Abs", perExampleT), new long[] {0}, false);
        return new PerExample(Ops.reshape(g, Ops.transpose(g, sq, 0, 2, 1), sw.dims()),
                Ops.reshape(g, Ops.transpose(g, abs, 0, 2, 1), sw.dims()));
    }

    /** @return kernels {@code [C k_h k_w, 1, k_h, k_w]}: output channel {@code c k_h k_w + i k_w + j} copies input channel c at offset (i, j) */
    private static String oneHot(Graph g, long c, long kh, long kw) {
        int k2 = (int) (kh * kw);
        float[] v = new float[(int) c * k2 * k2];
        for (int ch = 0; ch < c; ch++) {
            for (int o = 0; o < k2; o++) {
                v[(ch * k2 + o) * k2 + o] = 1f;
            }
        }
        return g.floats(v, c * k2, 1, kh, kw);
    }
}
