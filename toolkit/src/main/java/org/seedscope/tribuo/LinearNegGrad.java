package org.seedscope.tribuo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * NegGrad for the Tribuo family: gradient <em>ascent</em> on the cross-entropy of {@code D_f} (no
 * penalty term), by {@linkplain LinearSgd minibatch SGD} warm-started from the original's
 * parameters. Ascent is unbounded: too many steps destroy the model, and a non-finite parameter
 * stops the run with {@link org.seedscope.train.TrainingDiverged}. Batch order from the first draw
 * of {@code SplittableRandom(seed)}.
 *
 * <p>Defaults measured on the digits data (1,442 training rows; original: Tribuo's default logistic
 * regression from training seed 1, retain test accuracy 0.900, forget-class test accuracy 0.943;
 * class 0 forgotten, 143 forget rows; unlearning seed 5): with 1 epoch and batch 32, learning rate
 * 10 gives forget accuracy 0.000 (train and test) at retain accuracy 0.781; rates 0.05 to 2 leave
 * the forget accuracy at 1.00, because the confident original's cross-entropy gradients on
 * {@code D_f} are nearly 0; rate 20 collapses the model (retain 0.113). Hence 1 epoch, rate 10.
 *
 * @param epochs passes over {@code D_f}, at least 0
 * @param learningRate SGD learning rate, positive
 * @param batchSize examples per step, at least 1
 */
public record LinearNegGrad(int epochs, double learningRate, int batchSize) implements TribuoUnlearning {

    /** Method id. */
    public static final String ID = "neggrad";

    /** Validates the hyperparameters. */
    public LinearNegGrad {
        LinearSgd.validate(ID, epochs, learningRate, batchSize);
    }

    /** @return 1 epoch, learning rate 10, batch 32 (measured; see the class comment) */
    public static LinearNegGrad withDefaults() {
        return new LinearNegGrad(1, 10, 32);
    }

    /**
     * @param newEpochs epochs
     * @return a copy with that many epochs
     */
    public LinearNegGrad withEpochs(int newEpochs) {
        return new LinearNegGrad(newEpochs, learningRate, batchSize);
    }

    /**
     * @param newLearningRate learning rate
     * @return a copy with that rate
     */
    public LinearNegGrad withLearningRate(double newLearningRate) {
        return new LinearNegGrad(epochs, newLearningRate, batchSize);
    }

    @Override
    public String name() {
        return ID;
    }

    @Override
    public boolean deterministic() {
        return false;
    }

    @Override
    public Map<String, Object> hyperparameters() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("epochs", epochs);
        h.put("learningRate", learningRate);
        h.put("batchSize", batchSize);
        return h;
    }

    @Override
    public LinearClassifier unlearn(LinearClassifier original, TribuoUnlearningContext context) {
        context.require(original);
        long shuffle = new SplittableRandom(context.seed()).nextLong();
        return LinearSgd.run(original, context.forget(), epochs, batchSize, learningRate, -1, shuffle);
    }
}
