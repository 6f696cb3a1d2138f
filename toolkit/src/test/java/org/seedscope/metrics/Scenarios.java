package org.seedscope.metrics;

import static org.seedscope.metrics.Fixtures.concat;
import static org.seedscope.metrics.Fixtures.examples;
import static org.seedscope.metrics.Fixtures.repeat;

import java.util.List;
import java.util.Map;
import org.seedscope.engine.Architecture;
import org.seedscope.engine.Model;
import org.seedscope.engine.Parameters;

/** Hand-set linear models and the evaluation sets whose metric values follow by hand. */
final class Scenarios {
    private Scenarios() {}

    /**
     * Sub-class forgetting: inputs are one-hot fine classes 0, 1, 2; fine 0 and 1 belong to
     * superclass 0, fine 2 to superclass 1; fine class 1 is forgotten. Labels are superclasses.
     */
    static EvaluationSets subclass() {
        return new EvaluationSets(
                examples(2, new double[] {1, 0, 0, 0}, new double[] {0, 0, 1, 1}),
                examples(2, new double[] {0, 1, 0, 0}),
                examples(2, new double[] {1, 0, 0, 0}, new double[] {0, 1, 0, 0}, new double[] {0, 0, 1, 1}),
                examples(2, new double[] {1, 0, 0, 0}, new double[] {0, 0, 1, 1}),
                examples(2, new double[] {0, 1, 0, 0}));
    }

    /**
     * A linear 3-input, 2-class model with logit 5 for one superclass per fine class, 0 otherwise.
     *
     * @param superOfFine1 the superclass the model assigns to fine class 1 (fine 0 gets 0, fine 2 gets 1)
     * @return the model
     */
    static Model superclassModel(int superOfFine1) {
        float[] w = new float[3 * 2 + 2];
        w[0 * 2 + 0] = 5;
        w[1 * 2 + superOfFine1] = 5;
        w[2 * 2 + 1] = 5;
        return new Model(new Architecture(3, List.of(), 2), Parameters.of(w), Map.of());
    }

    /**
     * Membership scenario for a 2-input, 2-class model with logits 10 x: retain-train examples are
     * one-hot (confident, entropy ~ 0), test examples are all-zero (uniform output, entropy ln 2).
     *
     * @param forgetConfident whether the forget examples are one-hot (confident) or all-zero
     * @return the sets
     */
    static EvaluationSets membership(boolean forgetConfident) {
        double[][] retain = concat(repeat(20, 1, 0, 0), repeat(20, 0, 1, 1));
        double[][] test = concat(repeat(20, 0, 0, 0), repeat(20, 0, 0, 1));
        double[][] forget = forgetConfident ? repeat(5, 1, 0, 0) : repeat(5, 0, 0, 0);
        return new EvaluationSets(examples(2, retain), examples(2, forget), examples(2, test), examples(2, test),
                examples(2, forget));
    }

    /** @return the linear model with logits {@code 10 x} */
    static Model scaledIdentity() {
        return new Model(new Architecture(2, List.of(), 2), Parameters.of(new float[] {10, 0, 0, 10, 0, 0}), Map.of());
    }
}
