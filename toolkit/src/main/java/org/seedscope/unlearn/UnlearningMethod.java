package org.seedscope.unlearn;

import java.util.Map;
import org.seedscope.engine.Model;

/**
 * A machine-unlearning method: given a model trained on {@code D = D_r + D_f}, produce a model
 * that behaves as if {@code D_f} had not been used. Implementations are immutable value objects
 * holding validated hyperparameters (records, so that {@link #hyperparameters()} comes from their
 * components); they keep no state between calls and draw every random number from
 * {@link UnlearningContext#random()}.
 */
public interface UnlearningMethod {

    /**
     * @return the name of this configured method, the {@code method} column of result rows: the
     *     registry id for a standard method (e.g. {@code ssd-det}), the variant's own name for a
     *     {@link MethodVariant} (e.g. {@code ssd-a100})
     */
    String name();

    /**
     * @return the id of the method family this is a configuration of (e.g. {@code ssd} for the
     *     variant {@code ssd-a100}), for provenance; by default {@link #name()}
     */
    default String id() {
        return name();
    }

    /**
     * @return the method itself with any naming wrapper removed (a {@link MethodVariant} returns the
     *     method it renames), so callers can ask {@code base() instanceof Amnesiac}; by default this
     */
    default UnlearningMethod base() {
        return this;
    }

    /**
     * A declared property of the configured method, verified by the tests of every registered
     * method: true when the output depends only on the original model and the data, i.e. two
     * different unlearning seeds give bit-identical parameters; false when the method draws from
     * {@link UnlearningContext#random()} (or Retrain's streams), so two seeds give different models
     * (except in degenerate cases where the draws have no effect, e.g. a batch order when all of a
     * method's data fit into one batch: NegGrad's default batch of 128 on a forget set of at most
     * 128 rows gave bit-identical parameters for two seeds on a linear model).
     *
     * @return whether the unlearning seed is without effect; by default false, so a method that
     *     declares nothing is never taken for deterministic (every descent method, Retrain and
     *     UNSIR draw from their seed and rely on this default)
     */
    default boolean deterministic() {
        return false;
    }

    /**
     * The full effective hyperparameters, for provenance and tables. The default reads them from
     * the record components of a record implementation, in declaration order, under the
     * components' (camelCase) names; a component that is itself a record (such as
     * {@link DescentSettings}) is flattened into its own components; enum values appear as their
     * lower-case id with {@code -} for {@code _} (e.g. {@code per-example}). A non-record
     * implementation has none unless it overrides this method.
     *
     * @return the hyperparameters by name, in a stable order, unmodifiable
     */
    default Map<String, Object> hyperparameters() {
        return this instanceof Record r ? Hyperparameters.of(r) : Map.of();
    }

    /**
     * Unlearns the forget set. Must not modify {@code original}. A method may record per-run
     * diagnostics in the returned model's provenance (e.g. {@link SelectiveDampening#SELECTED}).
     *
     * @param original the trained model
     * @param context the retain and forget sets, the seed, the engine and the original schedule
     * @return the unlearned model
     * @throws org.seedscope.train.TrainingDiverged when the method's loss becomes NaN or infinite
     */
    Model unlearn(Model original, UnlearningContext context);
}
