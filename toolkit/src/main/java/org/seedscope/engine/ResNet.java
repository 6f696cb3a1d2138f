package org.seedscope.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The CIFAR ResNet of He et al. (2016, section 4.2): a 3x3 convolution with 16 channels, three
 * stages of {@code (depth - 2) / 6} basic blocks with 16, 32 and 64 channels (times
 * {@code width}), the first block of stages 2 and 3 striding by 2, global average pooling and a
 * Dense layer. A basic block is conv 3x3 -> BN -> ReLU -> conv 3x3 -> BN, plus the shortcut, ->
 * ReLU. Shortcuts are identities; where the shape changes they are the parameter-free
 * "option A" of the paper (subsample, zero-pad the channels: {@link Layer.Shortcut}), as in the
 * paper's CIFAR experiments. Convolutions have no bias (batch normalisation follows). resnet-20
 * has about 270,000 parameters.
 *
 * @param depth 6k + 2 for k at least 1: 8, 14, 20, 32, 44, 56, 110, ...
 * @param width channel multiplier, at least 1
 */
public record ResNet(int depth, int width) implements Network {
    private static final String FORM = "resnet-N or resnet-N-wK (N = 6k + 2: 8, 14, 20, ...; K a width multiplier)";

    /** Validates depth and width. */
    public ResNet {
        if (depth < 8 || (depth - 2) % 6 != 0) {
            throw new IllegalArgumentException("resnet depth must be 6k + 2 (8, 14, 20, ...), got " + depth);
        }
        if (width < 1) {
            throw new IllegalArgumentException("resnet width must be at least 1, got " + width);
        }
    }

    /**
     * @param id {@code resnet-N} or {@code resnet-N-wK}
     * @return the network
     */
    public static ResNet parse(String id) {
        if (!id.startsWith("resnet-")) {
            throw new IllegalArgumentException("model '" + id + "' is not a resnet id: use " + FORM);
        }
        String[] parts = id.substring(7).split("-w", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("model '" + id + "': use " + FORM);
        }
        int depth = Network.numbers("resnet-" + parts[0], "resnet-", FORM)[0];
        int width = parts.length == 2 ? Network.numbers("w-" + parts[1], "w-", FORM)[0] : 1;
        return new ResNet(depth, width);
    }

    @Override
    public String id() {
        return "resnet-" + depth + (width == 1 ? "" : "-w" + width);
    }

    /** @return basic blocks per stage, {@code (depth - 2) / 6} */
    public int blocksPerStage() {
        return (depth - 2) / 6;
    }

    @Override
    public Architecture architecture(int[] inputShape, int classes) {
        int[] s = Network.image(id(), inputShape);
        List<Layer> layers = new ArrayList<>();
        int channels = 16 * width;
        layers.add(new Layer.Conv2d("conv1", "x", channels, 3, 1, 1, 1, 1, false));
        layers.add(new Layer.BatchNorm2d("bn1", "conv1"));
        layers.add(new Layer.Relu("relu1", "bn1"));
        String in = "relu1";
        for (int stage = 1; stage <= 3; stage++) {
            int planes = (16 << (stage - 1)) * width;
            for (int block = 1; block <= blocksPerStage(); block++) {
                int stride = stage > 1 && block == 1 ? 2 : 1;
                String p = "stage" + stage + ".block" + block + ".";
                layers.add(new Layer.Conv2d(p + "conv1", in, planes, 3, stride, 1, 1, 1, false));
                layers.add(new Layer.BatchNorm2d(p + "bn1", p + "conv1"));
                layers.add(new Layer.Relu(p + "relu1", p + "bn1"));
                layers.add(new Layer.Conv2d(p + "conv2", p + "relu1", planes, 3, 1, 1, 1, 1, false));
                layers.add(new Layer.BatchNorm2d(p + "bn2", p + "conv2"));
                String shortcut = in;
                if (stride != 1 || planes != channels) {
                    layers.add(new Layer.Shortcut(p + "shortcut", in, planes, stride));
                    shortcut = p + "shortcut";
                }
                layers.add(new Layer.Add(p + "add", p + "bn2", shortcut));
                layers.add(new Layer.Relu(p + "relu2", p + "add"));
                in = p + "relu2";
                channels = planes;
            }
        }
        layers.add(new Layer.GlobalAvgPool("pool", in));
        layers.add(new Layer.Flatten("flatten", "pool"));
        layers.add(new Layer.Dense("fc", "flatten", classes, true));
        return new Architecture(Network.describe(id(), s, classes), List.of(s[0], s[1], s[2]), layers);
    }

    @Override
    public String toString() {
        return id();
    }
}
