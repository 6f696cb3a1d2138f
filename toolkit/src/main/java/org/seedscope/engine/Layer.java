package org.seedscope.engine;

import java.util.List;

/**
 * One node of a network's layer graph ({@link Architecture}). Each layer has a unique name, which
 * also names its output, and reads the outputs of earlier layers (or {@code "x"}, the input). Shapes
 * are per example: {@code [features]} for vectors, {@code [C, H, W]} for images. Parameters are
 * named {@code <layer>.weight} and {@code <layer>.bias}; PyTorch's default initialisation applies
 * ({@link Model#initialise}).
 */
public sealed interface Layer permits Layer.Dense, Layer.Conv2d, Layer.BatchNorm2d, Layer.Relu, Layer.MaxPool2d,
        Layer.AvgPool2d, Layer.GlobalAvgPool, Layer.Flatten, Layer.Add, Layer.Shortcut {

    /** @return the layer's name, unique within its architecture */
    String name();

    /** @return names of the layers (or {@code "x"}) whose outputs this layer reads */
    List<String> inputs();

    /**
     * Fully connected: {@code y = x W + b}, W of shape {@code [in, units]} (row-major), input a vector.
     *
     * @param name layer name
     * @param input the layer it reads
     * @param units output width, at least 1
     * @param bias whether it has a bias
     */
    record Dense(String name, String input, int units, boolean bias) implements Layer {
        /** Validates the width. */
        public Dense {
            Layers.positive(name, "units", units);
        }

        @Override
        public List<String> inputs() {
            return List.of(input);
        }
    }

    /**
     * 2-D convolution (cross-correlation, as PyTorch's {@code nn.Conv2d}) with a square kernel;
     * weight {@code [channels, C / groups, kernel, kernel]}, bias {@code [channels]}.
     *
     * @param name layer name
     * @param input the layer it reads, of shape {@code [C, H, W]}
     * @param channels output channels, a multiple of {@code groups}
     * @param kernel kernel size, at least 1
     * @param stride stride, at least 1
     * @param padding zero padding on every side, at least 0
     * @param dilation dilation, at least 1
     * @param groups groups, dividing C and {@code channels}
     * @param bias whether it has a bias
     */
    record Conv2d(String name, String input, int channels, int kernel, int stride, int padding, int dilation,
            int groups, boolean bias) implements Layer {
        /** Validates the sizes. */
        public Conv2d {
            Layers.positive(name, "channels", channels);
            Layers.positive(name, "kernel", kernel);
            Layers.positive(name, "stride", stride);
            Layers.positive(name, "dilation", dilation);
            Layers.positive(name, "groups", groups);
            if (padding < 0) {
                throw new IllegalArgumentException("layer " + name + ": padding must be at least 0, got " + padding);
            }
        }

        /**
         * A convolution without dilation or groups, with a bias.
         *
         * @param name layer name
         * @param input the layer it reads
         * @param channels output channels
         * @param kernel kernel size
         * @param stride stride
         * @param padding padding
         */
        public Conv2d(String name, String input, int channels, int kernel, int stride, int padding) {
            this(name, input, channels, kernel, stride, padding, 1, 1, true);
        }

        @Override
        public List<String> inputs() {
            return List.of(input);
        }
    }

    /**
     * Batch normalisation over the channels of {@code [C, H, W]} inputs, as PyTorch's
     * {@code nn.BatchNorm2d}: in training, batch statistics and running statistics updated with
     * {@code momentum} (unbiased variance); in evaluation, the running statistics. Parameters
     * {@code weight} (gamma, initially 1) and {@code bias} (beta, initially 0); state
     * {@code running_mean} (0) and {@code running_var} (1).
     *
     * @param name layer name
     * @param input the layer it reads
     * @param epsilon added to the variance, positive (PyTorch: 1e-5)
     * @param momentum weight of the batch statistic in the running statistics, in (0, 1] (PyTorch: 0.1)
     */
    record BatchNorm2d(String name, String input, double epsilon, double momentum) implements Layer {
        /** Validates epsilon and momentum. */
        public BatchNorm2d {
            if (!(epsilon > 0) || !(momentum > 0 && momentum <= 1)) {
                throw new IllegalArgumentException("layer " + name + ": epsilon must be positive and momentum in (0, 1], "
                        + "got " + epsilon + " and " + momentum);
            }
        }

        /**
         * @param name layer name
         * @param input the layer it reads
         */
        public BatchNorm2d(String name, String input) {
            this(name, input, 1e-5, 0.1);
        }

        @Override
        public List<String> inputs() {
            return List.of(input);
        }
    }

    /**
     * {@code max(x, 0)}.
     *
     * @param name layer name
     * @param input the layer it reads
     */
    record Relu(String name, String input) implements Layer {
        @Override
        public List<String> inputs() {
            return List.of(input);
        }
    }

    /**
     * Max pooling over square windows (padding counts as minus infinity); on ties the first
     * position in row-major window order wins, as in PyTorch.
     *
     * @param name layer name
     * @param input the layer it reads, of shape {@code [C, H, W]}
     * @param kernel window size, at least 1
     * @param stride stride, at least 1
     * @param padding padding, at least 0 and at most half the kernel
     */
    record MaxPool2d(String name, String input, int kernel, int stride, int padding) implements Layer {
        /** Validates the window. */
        public MaxPool2d {
            Layers.window(name, kernel, stride, padding);
        }

        @Override
        public List<String> inputs() {
            return List.of(input);
        }
    }

    /**
     * Average pooling over square windows.
     *
     * @param name layer name
     * @param input the layer it reads, of shape {@code [C, H, W]}
     * @param kernel window size, at least 1
     * @param stride stride, at least 1
     * @param padding zero padding, at least 0 and at most half the kernel
     * @param countIncludePad whether padded zeros count in the divisor (PyTorch's default: true)
     */
    record AvgPool2d(String name, String input, int kernel, int stride, int padding, boolean countIncludePad)
            implements Layer {
        /** Validates the window. */
        public AvgPool2d {
            Layers.window(name, kernel, stride, padding);
        }

        @Override
        public List<String> inputs() {
            return List.of(input);
        }
    }

    /**
     * Mean over the spatial positions: {@code [C, H, W] -> [C, 1, 1]}.
     *
     * @param name layer name
     * @param input the layer it reads
     */
    record GlobalAvgPool(String name, String input) implements Layer {
        @Override
        public List<String> inputs() {
            return List.of(input);
        }
    }

    /**
     * Row-major flattening of one example to a vector.
     *
     * @param name layer name
     * @param input the layer it reads
     */
    record Flatten(String name, String input) implements Layer {
        @Override
        public List<String> inputs() {
            return List.of(input);
        }
    }

    /**
     * Element-wise sum of two outputs of the same shape (a residual connection).
     *
     * @param name layer name
     * @param a first input layer
     * @param b second input layer
     */
    record Add(String name, String a, String b) implements Layer {
        @Override
        public List<String> inputs() {
            return List.of(a, b);
        }
    }

    /**
     * The parameter-free shortcut of He et al. (2016, "option A") where a residual stage changes
     * shape: the input subsampled with the stride and zero-padded on the channel axis to
     * {@code channels}, the padding split evenly before and after (as the common PyTorch CIFAR
     * ResNet, {@code F.pad(x[:, :, ::2, ::2], (0, 0, 0, 0, planes // 4, planes // 4))}). Written as a
     * 1x1 convolution with a constant 0/1 kernel.
     *
     * @param name layer name
     * @param input the layer it reads, of shape {@code [C, H, W]}
     * @param channels output channels, at least C, with {@code channels - C} even
     * @param stride subsampling stride, at least 1
     */
    record Shortcut(String name, String input, int channels, int stride) implements Layer {
        /** Validates the sizes. */
        public Shortcut {
            Layers.positive(name, "channels", channels);
            Layers.positive(name, "stride", stride);
        }

        @Override
        public List<String> inputs() {
            return List.of(input);
        }
    }
}
