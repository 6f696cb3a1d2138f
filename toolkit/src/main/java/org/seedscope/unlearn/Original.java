package org.seedscope.unlearn;

import org.seedscope.engine.Model;

/**
 * The reference "method" {@code original}: returns a copy of the original model, unchanged, so that
 * a study can put the original's metrics beside the unlearned models' in the same rows (forget
 * accuracy before unlearning, distance of the original to Retrain, ...). Deterministic; no
 * hyperparameters; bit-identical parameters to the original.
 */
public record Original() implements UnlearningMethod {

    /** Registry id. */
    public static final String ID = "original";

    /** @return the reference method (it has no hyperparameters) */
    public static Original withDefaults() {
        return new Original();
    }

    @Override
    public String name() {
        return ID;
    }

    /** @return true: the copy does not depend on the unlearning seed */
    @Override
    public boolean deterministic() {
        return true;
    }

    /** @return {@code original.copy()}: the same parameters and provenance */
    @Override
    public Model unlearn(Model original, UnlearningContext context) {
        return original.copy();
    }
}
