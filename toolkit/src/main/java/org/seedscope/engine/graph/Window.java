package org.seedscope.engine.graph;

import ai.onnx.proto.OnnxMl.NodeProto;

/**
 * The sliding-window geometry of a 2-D Conv, MaxPool or AveragePool node over an input of spatial
 * size {@code H x W}: kernel {@code k}, strides {@code s}, pads {@code [top, left, bottom, right]}
 * and dilations {@code d}; output size {@code floor((H + p_top + p_bottom - d (k - 1) - 1) / s) + 1}.
 */
record Window(long[] kernel, long[] strides, long[] pads, long[] dilations, long[] input) {

    static Window of(NodeProto node, long[] kernel, Shape x) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException("only 2-D windows over [N, C, H, W] inputs are supported, input has rank "
                    + x.rank());
        }
        String autoPad = Attributes.string(node, "auto_pad", "NOTSET");
        if (!autoPad.equals("NOTSET") && !autoPad.equals("VALID")) {
            throw new IllegalArgumentException("auto_pad " + autoPad + " is not supported: use explicit pads");
        }
        if (Attributes.integer(node, "ceil_mode", 0) != 0) {
            throw new IllegalArgumentException("ceil_mode 1 is not supported: use floor (ceil_mode 0)");
        }
        long[] strides = Attributes.integers(node, "strides", 2, 1);
        long[] pads = autoPad.equals("VALID") ? new long[4] : Attributes.integers(node, "pads", 4, 0);
        long[] dilations = Attributes.integers(node, "dilations", 2, 1);
        if (kernel.length != 2 || strides.length != 2 || pads.length != 4 || dilations.length != 2) {
            throw new IllegalArgumentException("kernel, strides, dilations need 2 values and pads 4");
        }
        for (int i = 0; i < 2; i++) {
            if (kernel[i] < 1 || strides[i] < 1 || dilations[i] < 1 || pads[i] < 0 || pads[i + 2] < 0) {
                throw new IllegalArgumentException("kernel, strides and dilations must be positive and pads "
                        + "non-negative");
            }
        }
        Window w = new Window(kernel, strides, pads, dilations, new long[] {x.dim(2), x.dim(3)});
        for (int i = 0; i < 2; i++) {
            if (w.output(i) < 1) {
                throw new IllegalArgumentException("the window (kernel " + kernel[i] + ", dilation " + dilations[i]
                        + ") does not fit the padded input size " + (x.dim(2 + i) + pads[i] + pads[i + 2]));
            }
        }
        return w;
    }

    /** @return the output size along spatial axis {@code i} (0 = height, 1 = width) */
    long output(int i) {
        return (span(i) - dilations[i] * (kernel[i] - 1) - 1) / strides[i] + 1;
    }

    /**
     * @return {@code r_i = (H + p_top + p_bottom - d (k - 1) - 1) mod s}: the padded input rows (or
     *     columns) after the last window, which a transposed convolution adds back as output padding
     */
    long remainder(int i) {
        return (span(i) - dilations[i] * (kernel[i] - 1) - 1) % strides[i];
    }

    long[] outputPadding() {
        return new long[] {remainder(0), remainder(1)};
    }

    private long span(int i) {
        return input[i] + pads[i] + pads[i + 2];
    }

    boolean unpadded() {
        return pads[0] == 0 && pads[1] == 0 && pads[2] == 0 && pads[3] == 0;
    }

    /** @return true for non-overlapping, gap-free windows: kernel = stride, no dilation, no pads */
    boolean tiles() {
        return unpadded() && kernel[0] == strides[0] && kernel[1] == strides[1] && dilations[0] == 1
                && dilations[1] == 1;
    }
}
