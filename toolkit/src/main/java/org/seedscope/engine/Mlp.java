package org.seedscope.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A multilayer perceptron by its hidden widths (Dense + ReLU each, then a Dense output layer); no
 * hidden layer is a linear model. The input and output sizes come from the data set when a study
 * binds the two ({@link #architecture(int[], int)}); image inputs are flattened (row-major, as the
 * features are stored), so the network reads {@code [features]} whatever the image shape.
 *
 * @param hidden hidden layer widths, each at least 1
 */
public record Mlp(List<Integer> hidden) implements Network {

    /** Copies and validates the widths. */
    public Mlp {
        hidden = List.copyOf(hidden);
        for (int h : hidden) {
            if (h < 1) {
                throw new IllegalArgumentException("hidden width must be at least 1, got " + h + " in " + hidden);
            }
        }
    }

    /**
     * @param widths hidden layer widths, e.g. {@code hidden(256)} or {@code hidden(256, 128)}
     * @return the MLP with those hidden layers
     */
    public static Mlp hidden(int... widths) {
        List<Integer> list = new ArrayList<>();
        for (int w : widths) {
            list.add(w);
        }
        return new Mlp(list);
    }

    /**
     * Parses an id such as {@code "mlp-256"}, {@code "mlp-256-128"} or {@code "linear"}.
     *
     * @param id the id
     * @return the MLP it names
     */
    public static Mlp parse(String id) {
        if (id.equals("linear") || id.equals("mlp")) {
            return new Mlp(List.of());
        }
        if (!id.startsWith("mlp-")) {
            throw new IllegalArgumentException("model '" + id + "' is not an MLP id: use mlp-W1[-W2...] "
                    + "(e.g. mlp-256) or linear");
        }
        List<Integer> widths = new ArrayList<>();
        for (String part : id.substring(4).split("-")) {
            try {
                widths.add(Integer.parseInt(part));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("model '" + id + "': hidden width '" + part
                        + "' is not a whole number", e);
            }
        }
        return new Mlp(widths);
    }

    /**
     * @param inputs number of input features
     * @param classes number of classes
     * @return the full architecture
     */
    public Architecture architecture(int inputs, int classes) {
        return new Architecture(inputs, hidden, classes);
    }

    @Override
    public Architecture architecture(int[] inputShape, int classes) {
        int features = 1;
        for (int d : inputShape) {
            features *= d;
        }
        return architecture(features, classes);
    }

    /** @return the id that {@link #parse} reads back, e.g. {@code mlp-256} */
    @Override
    public String id() {
        return hidden.isEmpty() ? "linear"
                : "mlp-" + hidden.stream().map(String::valueOf).collect(Collectors.joining("-"));
    }

    @Override
    public String toString() {
        return id();
    }
}
