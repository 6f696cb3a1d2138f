package org.seedscope.unlearn;

import java.util.Map;
import org.seedscope.engine.Model;

/**
 * A machine-unlearning method: given a model trained on {@code D = D_r + D_f}, produce a model
 * that behaves as if {@code D_f} had not been used. Implementations are immutable value objects
 * holding validated hyperparameters; they keep no state between calls and draw every random
 * number from {@link UnlearningContext#seed()}.
 */
public interface UnlearningMethod {

    /** @return the registry id, e.g. {@code ssd-det} */
    String name();

    /**
     * @return true when the output depends only on the original model and the data (never on the
     *     unlearning seed): bit-identical parameters for any two seeds
     */
    boolean deterministic();

    /** @return the hyperparameters by name, in a stable order, for provenance and tables */
    Map<String, Object> hyperparameters();

    /**
     * Unlearns the forget set. Must not modify {@code original}.
     *
     * @param original the trained model
     * @param context the retain and forget sets, the seed, the engine and the original schedule
     * @return the unlearned model
     * @throws org.seedscope.train.TrainingDiverged when the method's loss becomes NaN or infinite
     */
    Model unlearn(Model original, UnlearningContext context);
}
