package org.seedscope.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The shape of a multilayer perceptron: {@code inputs -> hidden[0] -> ... -> outputs}, every hidden
 * layer Dense followed by ReLU, the last layer Dense producing logits.
 *
 * <p>Parameters are laid out flat, layer by layer: the weight matrix {@code W_l} of shape
 * {@code in_l x out_l} in row-major order, then the bias {@code b_l} of length {@code out_l}.
 *
 * @param inputs number of input features, at least 1
 * @param hidden widths of the hidden layers, each at least 1 (may be empty: a linear model)
 * @param outputs number of classes, at least 2
 */
public record Architecture(int inputs, List<Integer> hidden, int outputs) {

    /** Validates every width. */
    public Architecture {
        if (inputs < 1) {
            throw new IllegalArgumentException("inputs must be at least 1, got " + inputs);
        }
        if (outputs < 2) {
            throw new IllegalArgumentException("outputs (classes) must be at least 2, got " + outputs);
        }
        hidden = List.copyOf(hidden);
        for (int i = 0; i < hidden.size(); i++) {
            if (hidden.get(i) < 1) {
                throw new IllegalArgumentException("hidden layer " + i + " width must be at least 1, got "
                        + hidden.get(i));
            }
        }
    }

    /** @return number of Dense layers, hidden ones plus the output layer */
    public int layers() {
        return hidden.size() + 1;
    }

    /**
     * @param layer a Dense layer index in {@code [0, layers())}
     * @return its number of inputs
     */
    public int fanIn(int layer) {
        return layer == 0 ? inputs : hidden.get(layer - 1);
    }

    /**
     * @param layer a Dense layer index in {@code [0, layers())}
     * @return its number of outputs
     */
    public int fanOut(int layer) {
        return layer == hidden.size() ? outputs : hidden.get(layer);
    }

    /** @return width of the penultimate representation: the last hidden layer, or the inputs */
    public int penultimateWidth() {
        return hidden.isEmpty() ? inputs : hidden.get(hidden.size() - 1);
    }

    /**
     * @param layer a Dense layer index
     * @return offset of {@code W_layer} in the flat parameter vector
     */
    public int weightOffset(int layer) {
        int offset = 0;
        for (int l = 0; l < layer; l++) {
            offset += (fanIn(l) + 1) * fanOut(l);
        }
        return offset;
    }

    /**
     * @param layer a Dense layer index
     * @return offset of {@code b_layer} in the flat parameter vector
     */
    public int biasOffset(int layer) {
        return weightOffset(layer) + fanIn(layer) * fanOut(layer);
    }

    /** @return total number of parameters */
    public int parameterCount() {
        return weightOffset(layers());
    }

    /** @return the layer widths from input to output, e.g. {@code [784, 256, 10]} */
    public List<Integer> widths() {
        List<Integer> w = new ArrayList<>();
        w.add(inputs);
        w.addAll(hidden);
        w.add(outputs);
        return w;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("mlp ");
        for (int w : widths()) {
            sb.append(sb.length() > 4 ? "-" : "").append(w);
        }
        return sb.toString();
    }
}
