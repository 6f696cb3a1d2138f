package org.seedscope.unlearn;

/**
 * A gradient-descent unlearning method: its optimisation settings are one {@link DescentSettings}
 * component, and the fluent copies below change one of them. Every descent method draws at least its
 * batch order from the method stream {@link UnlearningContext#random()}, so none is deterministic
 * ({@link UnlearningMethod#deterministic()}'s default).
 *
 * <pre>{@code
 * Finetune longer = Finetune.withDefaults().withEpochs(10).withWeightDecay(5e-4);
 * }</pre>
 *
 * @param <M> the method's own type
 */
public interface DescentMethod<M extends DescentMethod<M>> extends UnlearningMethod {

    /** @return the optimisation settings */
    DescentSettings settings();

    /**
     * @param newSettings optimisation settings, validated by the method
     * @return a copy of this method with those settings
     */
    M withSettings(DescentSettings newSettings);

    /**
     * @param epochs passes over the method's data, at least 1
     * @return a copy with that many epochs
     */
    default M withEpochs(int epochs) {
        return withSettings(settings().withEpochs(epochs));
    }

    /**
     * @param learningRate constant learning rate, positive
     * @return a copy with that rate
     */
    default M withLearningRate(double learningRate) {
        return withSettings(settings().withLearningRate(learningRate));
    }

    /**
     * @param momentum momentum in [0, 1)
     * @return a copy with that momentum
     */
    default M withMomentum(double momentum) {
        return withSettings(settings().withMomentum(momentum));
    }

    /**
     * @param weightDecay L2 penalty coefficient, non-negative
     * @return a copy with that weight decay
     */
    default M withWeightDecay(double weightDecay) {
        return withSettings(settings().withWeightDecay(weightDecay));
    }

    /**
     * @param batchSize examples per step, at least 1
     * @return a copy with that batch size
     */
    default M withBatchSize(int batchSize) {
        return withSettings(settings().withBatchSize(batchSize));
    }
}
