package org.seedscope.engine;

/**
 * A model's outputs on a set of examples, row-major.
 *
 * @param logits {@code size x classes}
 * @param probs softmax of the logits, {@code size x classes}
 * @param penultimate penultimate-layer activations, {@code size x width}
 * @param size number of examples
 * @param classes number of classes
 * @param width penultimate width
 */
public record Predictions(float[] logits, float[] probs, float[] penultimate, int size, int classes, int width) {

    /**
     * @param row an example index
     * @return the class with the largest logit (the first on ties)
     */
    public int predicted(int row) {
        return Softmax.argmax(logits, row * classes, classes);
    }

    /** @return predicted class per example */
    public int[] predictedClasses() {
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            out[i] = predicted(i);
        }
        return out;
    }

    /**
     * @param labels true labels, one per example
     * @return fraction of examples whose predicted class equals the label; NaN for no examples
     */
    public double accuracy(int[] labels) {
        if (labels.length != size) {
            throw new IllegalArgumentException("accuracy needs " + size + " labels, got " + labels.length);
        }
        if (size == 0) {
            return Double.NaN;
        }
        int correct = 0;
        for (int i = 0; i < size; i++) {
            if (predicted(i) == labels[i]) {
                correct++;
            }
        }
        return (double) correct / size;
    }
}
