package org.seedscope.tribuo;

/** Validation shared by the Tribuo family's SGD trainer settings. */
final class TribuoChecks {
    private TribuoChecks() {}

    /** Requires epochs and minibatch size of at least 1 and a positive finite learning rate, naming {@code id}. */
    static void sgd(String id, int epochs, double learningRate, int minibatchSize) {
        if (epochs < 1) {
            throw new IllegalArgumentException(id + " epochs must be at least 1, got " + epochs);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException(id + " learningRate must be positive and finite, got " + learningRate);
        }
        if (minibatchSize < 1) {
            throw new IllegalArgumentException(id + " minibatchSize must be at least 1, got " + minibatchSize);
        }
    }
}
