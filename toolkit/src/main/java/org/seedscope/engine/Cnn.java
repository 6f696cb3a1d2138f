package org.seedscope.engine;

import java.util.List;

/**
 * A small convolutional network: conv 3x3 (padding 1) {@code conv1} channels -> ReLU -> max-pool 2
 * -> conv 3x3 {@code conv2} -> ReLU -> max-pool 2 -> Dense {@code dense} -> ReLU -> Dense (classes).
 * The default, id {@code cnn}, is 32-64-128 (about 420,000 parameters on 1x28x28 inputs); the
 * penultimate representation is the ReLU of the first Dense layer.
 *
 * @param conv1 channels of the first convolution, at least 1
 * @param conv2 channels of the second convolution, at least 1
 * @param dense width of the hidden Dense layer, at least 1
 */
public record Cnn(int conv1, int conv2, int dense) implements Network {
    /** The default widths. */
    public static final Cnn DEFAULT = new Cnn(32, 64, 128);
    private static final String FORM = "cnn or cnn-A-B-C (A, B convolution channels, C dense width)";

    /** Validates the widths. */
    public Cnn {
        if (conv1 < 1 || conv2 < 1 || dense < 1) {
            throw new IllegalArgumentException("cnn widths must be at least 1, got " + conv1 + "-" + conv2 + "-" + dense);
        }
    }

    /**
     * @param id {@code cnn} or {@code cnn-A-B-C}
     * @return the network
     */
    public static Cnn parse(String id) {
        if (id.equals("cnn")) {
            return DEFAULT;
        }
        if (!id.startsWith("cnn-")) {
            throw new IllegalArgumentException("model '" + id + "' is not a cnn id: use " + FORM);
        }
        int[] w = Network.numbers(id, "cnn-", FORM);
        if (w.length != 3) {
            throw new IllegalArgumentException("model '" + id + "' needs three widths: use " + FORM);
        }
        return new Cnn(w[0], w[1], w[2]);
    }

    @Override
    public String id() {
        return equals(DEFAULT) ? "cnn" : "cnn-" + conv1 + "-" + conv2 + "-" + dense;
    }

    @Override
    public Architecture architecture(int[] inputShape, int classes) {
        int[] s = Network.image(id(), inputShape);
        if (s[1] < 4 || s[2] < 4) {
            throw new IllegalArgumentException(id() + " pools twice by 2 and needs images of at least 4x4, got "
                    + s[1] + "x" + s[2]);
        }
        List<Layer> layers = List.of(
                new Layer.Conv2d("conv1", "x", conv1, 3, 1, 1),
                new Layer.Relu("relu1", "conv1"),
                new Layer.MaxPool2d("pool1", "relu1", 2, 2, 0),
                new Layer.Conv2d("conv2", "pool1", conv2, 3, 1, 1),
                new Layer.Relu("relu2", "conv2"),
                new Layer.MaxPool2d("pool2", "relu2", 2, 2, 0),
                new Layer.Flatten("flatten", "pool2"),
                new Layer.Dense("dense1", "flatten", dense, true),
                new Layer.Relu("relu3", "dense1"),
                new Layer.Dense("dense2", "relu3", classes, true));
        return new Architecture(Network.describe(id(), s, classes), List.of(s[0], s[1], s[2]), layers);
    }

    @Override
    public String toString() {
        return id();
    }
}
