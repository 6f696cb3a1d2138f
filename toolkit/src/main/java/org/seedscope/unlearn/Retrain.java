package org.seedscope.unlearn;

import org.seedscope.engine.Model;
import org.seedscope.seed.SeedPurpose;
import org.seedscope.train.Trainer;

/**
 * Retrain: the gold standard of exact unlearning. Trains a fresh model of the original's
 * architecture from scratch on the retain set {@code D_r} with the original's training config
 * ({@link UnlearningContext#originalTraining()}): initial weights from the
 * {@link SeedPurpose#RETRAIN_INIT} stream and batch order from the {@link SeedPurpose#RETRAIN_ORDER}
 * stream of the unlearning seed, so Retrain never starts from the original's initial weights even
 * when the unlearning seed equals the training seed. Not deterministic: a new seed gives a new
 * initialisation and order. It has no hyperparameters of its own (the schedule is the original's,
 * recorded with the original).
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
    public Model unlearn(Model original, UnlearningContext context) {
        return new Trainer(context.engine(), context.originalTraining())
                .fit(original.architecture(), context.retain(), SeedPurpose.RETRAIN_INIT.derive(context.seed()),
                        SeedPurpose.RETRAIN_ORDER.derive(context.seed())).model();
    }
}
