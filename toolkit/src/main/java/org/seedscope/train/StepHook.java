package org.seedscope.train;

import org.seedscope.engine.Model;

/**
 * Observes a training run step by step (for example to record the updates of batches that touch
 * the forget set, as Amnesiac unlearning needs). Both calls receive the model being trained.
 */
public interface StepHook {
    /**
     * @param rows the batch about to be used
     * @param model the model before the update
     */
    default void beforeStep(int[] rows, Model model) {}

    /**
     * @param rows the batch just used
     * @param model the model after the update
     */
    default void afterStep(int[] rows, Model model) {}
}
