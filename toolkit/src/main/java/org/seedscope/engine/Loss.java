package org.seedscope.engine;

/**
 * What a training step minimises, given only through its gradient with respect to the logits.
 * Every method supplies one of these (cross-entropy, negated cross-entropy, distillation, ...);
 * the engine back-propagates it.
 */
@FunctionalInterface
public interface Loss {
    /**
     * Computes the loss of one batch and writes its gradient with respect to the logits.
     *
     * @param rows indices into the data set the learner was given, one per batch row
     * @param logits row-major {@code rows.length x classes} logits of the batch
     * @param gradient output, same shape as {@code logits}: {@code dLoss/dlogits}
     * @return the batch loss (for logs); NaN or infinite values stop training as a divergence
     */
    double evaluate(int[] rows, float[] logits, float[] gradient);
}
