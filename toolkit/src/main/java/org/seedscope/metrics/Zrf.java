package org.seedscope.metrics;

import org.seedscope.data.Examples;
import org.seedscope.engine.Engine;
import org.seedscope.engine.Model;
import org.seedscope.engine.Predictions;

/**
 * ZRF, the Zero Retrain Forgetting score of Chundawat et al. (AAAI 2023, "Can bad teaching induce
 * forgetting?", arXiv 2205.08096): how close the model's outputs on the forget set are to those of
 * a randomly initialised model of the same architecture,
 * {@code ZRF = 1 - (1/n_f) sum_i JS(M(x_i) || T_d(x_i))}.
 *
 * <p>JS is the Jensen–Shannon divergence in nats and is not normalised, as in the paper's formula,
 * so ZRF lies in {@code [1 - ln 2, 1] ~ [0.307, 1]}; 1 means "behaves like a random model". Note
 * that the authors' released code differs from their formula: it computes
 * {@code (KL(M||P) + KL(M||Q)) / 2} through {@code torch.nn.functional.kl_div(log p, m)} (the
 * reversed KL, not JS) and, with that function's default {@code reduction="mean"}, divides by
 * the number of classes as well as examples. SeedScope follows the formula.
 */
public final class Zrf {
    private Zrf() {}

    /**
     * @param model the evaluated model's outputs on the forget set
     * @param random a randomly initialised model's outputs on the same examples
     * @return {@code 1 - meanJS}; NaN for no examples
     */
    public static double zrf(Predictions model, Predictions random) {
        return 1 - Distributions.meanJensenShannon(model, random);
    }

    /**
     * Computes ZRF against a model initialised by {@link Model#initialise} with the given seed.
     *
     * @param engine the engine
     * @param model the evaluated model
     * @param forget the forget set
     * @param seed initialisation seed of the random reference model
     * @return {@code 1 - meanJS}; NaN for an empty forget set
     */
    public static double zrf(Engine engine, Model model, Examples forget, long seed) {
        return zrf(engine.predict(model, forget.x(), forget.size()), randomOutputs(engine, model, forget, seed));
    }

    /** @return the outputs on {@code forget} of a fresh model of {@code model}'s architecture */
    static Predictions randomOutputs(Engine engine, Model model, Examples forget, long seed) {
        Model random = Model.initialise(model.architecture(), seed);
        return engine.predict(random, forget.x(), forget.size());
    }
}
