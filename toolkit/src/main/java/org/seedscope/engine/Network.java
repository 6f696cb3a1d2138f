package org.seedscope.engine;

/**
 * A built-in network family, independent of the data: the data set supplies the input shape and the
 * number of classes when a study binds the two ({@link #architecture(int[], int)}). Each has a
 * canonical id that {@link #parse} reads back: {@code mlp-256}, {@code linear}, {@code cnn},
 * {@code cnn-16-32-64}, {@code resnet-20}, {@code resnet-8-w2}.
 */
public sealed interface Network permits Mlp, Cnn, ResNet {

    /** @return the canonical id, e.g. {@code resnet-20} */
    String id();

    /**
     * @param inputShape shape of one example: {@code [features]}, or {@code [C, H, W]} for images
     * @param classes number of classes, at least 2
     * @return the architecture for that data
     * @throws IllegalArgumentException when the network cannot take that input (a convolutional
     *     network needs an image shape)
     */
    Architecture architecture(int[] inputShape, int classes);

    /**
     * @param id an id such as {@code mlp-256}, {@code linear}, {@code cnn}, {@code cnn-A-B-C},
     *     {@code resnet-N} or {@code resnet-N-wK}
     * @return the network it names
     * @throws IllegalArgumentException for any other id, listing the forms
     */
    static Network parse(String id) {
        if (id.equals("cnn") || id.startsWith("cnn-")) {
            return Cnn.parse(id);
        }
        if (id.startsWith("resnet-")) {
            return ResNet.parse(id);
        }
        if (id.equals("linear") || id.equals("mlp") || id.startsWith("mlp-")) {
            return Mlp.parse(id);
        }
        throw new IllegalArgumentException("model '" + id + "' is not a built-in network: use mlp-W1[-W2...], linear, "
                + "cnn, cnn-A-B-C, resnet-N (N = 8, 14, 20, ...) or resnet-N-wK");
    }

    /** @return the image shape {@code [C, H, W]} of an input, or an error naming the network */
    static int[] image(String network, int[] inputShape) {
        if (inputShape.length != 3) {
            throw new IllegalArgumentException(network + " needs image inputs [C, H, W], got shape "
                    + java.util.Arrays.toString(inputShape));
        }
        return inputShape;
    }

    /** @return e.g. {@code cnn 1x28x28->10} */
    static String describe(String id, int[] inputShape, int classes) {
        StringBuilder sb = new StringBuilder(id).append(' ');
        for (int i = 0; i < inputShape.length; i++) {
            sb.append(i > 0 ? "x" : "").append(inputShape[i]);
        }
        return sb.append("->").append(classes).toString();
    }

    /** @return the whole numbers of an id's dash-separated parts after the prefix */
    static int[] numbers(String id, String prefix, String form) {
        String[] parts = id.substring(prefix.length()).split("-");
        int[] v = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                v[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("model '" + id + "': '" + parts[i] + "' is not a whole number; use "
                        + form, e);
            }
        }
        return v;
    }
}
