package org.seedscope.study;

import java.util.Optional;
import org.seedscope.engine.Model;
import org.seedscope.engine.Predictions;
import org.seedscope.engine.Softmax;

/**
 * When a model counts as collapsed, so that its row is {@code failed} rather than {@code ok}: a
 * parameter is NaN or infinite, or its mean cross-entropy on the retain set D_r exceeds
 * {@value #MAX_RETAIN_LOSS} nats (the true class gets probability below e^-100 on average; a
 * uniform guess over 10 classes scores 2.3 nats, so no usable model comes near). Such models come
 * from runaway gradient ascent (NegGrad with a large learning rate reached test accuracy 0.10 and
 * weights of 1e22): their metrics are numbers, but meaningless ones.
 */
final class Collapse {
    /** The bound on the mean retain cross-entropy, in nats. */
    static final double MAX_RETAIN_LOSS = 100;

    private Collapse() {}

    /**
     * @param model the model
     * @param retain its predictions on D_r
     * @param labels D_r's labels
     * @return why the model collapsed, or empty when it did not
     */
    static Optional<String> of(Model model, Predictions retain, int[] labels) {
        float[] p = model.parameters().toArray();
        for (int k = 0; k < p.length; k++) {
            if (!Float.isFinite(p[k])) {
                return Optional.of("parameter " + k + " is " + p[k]);
            }
        }
        double loss = meanCrossEntropy(retain, labels);
        if (!(loss <= MAX_RETAIN_LOSS)) {
            return Optional.of(String.format("mean cross-entropy on the retain set is %.4g nats, above the bound of %s",
                    loss, (int) MAX_RETAIN_LOSS));
        }
        return Optional.empty();
    }

    private static double meanCrossEntropy(Predictions p, int[] labels) {
        if (p.size() == 0) {
            return 0;
        }
        double total = 0;
        int c = p.classes();
        for (int i = 0; i < p.size(); i++) {
            total += Softmax.logSumExp(p.logits(), i * c, c) - p.logits()[i * c + labels[i]];
        }
        return total / p.size();
    }
}
