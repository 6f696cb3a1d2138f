package org.seedscope.unlearn;

import java.util.Map;
import org.seedscope.engine.Model;
import org.seedscope.train.Trainer;

/**
 * Retrain: the gold standard of exact unlearning. Trains a fresh model of the original's
 * architecture from scratch on the retain set {@code D_r} with the original's training config
 * ({@link UnlearningContext#originalTraining()}), exactly as {@link Trainer#fit} does with the
 * unlearning seed as its training seed: initialisation from {@link Trainer#initSeed(long)} and batch
 * order from {@link Trainer#shuffleSeed(long)} of that seed. Not deterministic: a new seed gives a
 * new initialisation and order. It has no hyperparameters of its own.
 */
public record Retrain() implements UnlearningMethod {

    /** Registry id. */
    public static final String ID = "retrain";

    /** @return Retrain (it has no hyperparameters) */
    public static Retrain withDefaults() {
        return new Retrain();
    }

    @Override
    public String name() {
        return ID;
    }

    @Override
    public boolean deterministic() {
        return false;
    }

    /** @return an empty map: the schedule is the original's and is recorded with the original */
    @Override
    public Map<String, Object> hyperparameters() {
        return Map.of();
    }

    @Override
    public Model unlearn(Model original, UnlearningContext context) {
        return new Trainer(context.engine(), context.originalTraining())
                .fit(original.architecture(), context.retain(), context.seed()).model();
    }
}
