package org.seedscope.tribuo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Finetune with a warm start: continues minimising the original's objective, the mean
 * cross-entropy (Tribuo's logistic regression has no penalty), on {@code D_r} from the original's
 * parameters, by {@linkplain LinearSgd minibatch SGD} with closed-form
 * per-example gradients. Tribuo 4.3.2 cannot resume training from given parameters, so the loop is
 * SeedScope's and the result a {@link LinearClassifier}. Zero epochs return the original's
 * parameters unchanged. Batch order from the first draw of {@code SplittableRandom(seed)}.
 *
 * <p>Defaults: 5 epochs as in the paper, batch 32, learning rate 1.0 (Tribuo's AdaGrad rate for
 * the original). Measured on the digits data (setting of {@link LinearNegGrad}): Finetune barely
 * forgets a class on a linear model: forget-class test accuracy 0.943 stays 0.943 for rates 0.1 to
 * 3 (5 epochs) and drops only to 0.914 after 20 epochs at rate 1, retain accuracy 0.897-0.906,
 * because the forgotten class's weights move only through its small probabilities on retained
 * rows. That is the method's known weakness, shown rather than tuned away.
 *
 * @param epochs passes over {@code D_r}, at least 0
 * @param learningRate SGD learning rate, positive
 * @param batchSize examples per step, at least 1
 */
public record LinearFinetune(int epochs, double learningRate, int batchSize) implements TribuoUnlearning {

    /** Method id. */
    public static final String ID = "finetune";

    /** Validates the hyperparameters. */
    public LinearFinetune {
        LinearSgd.validate(ID, epochs, learningRate, batchSize);
    }

    /** @return 5 epochs, learning rate 1.0, batch 32 */
    public static LinearFinetune withDefaults() {
        return new LinearFinetune(5, 1.0, 32);
    }

    /**
     * @param newEpochs epochs
     * @return a copy with that many epochs
     */
    public LinearFinetune withEpochs(int newEpochs) {
        return new LinearFinetune(newEpochs, learningRate, batchSize);
    }

    /**
     * @param newLearningRate learning rate
     * @return a copy with that rate
     */
    public LinearFinetune withLearningRate(double newLearningRate) {
        return new LinearFinetune(epochs, newLearningRate, batchSize);
    }

    /**
     * @param newBatchSize batch size
     * @return a copy with that batch size
     */
    public LinearFinetune withBatchSize(int newBatchSize) {
        return new LinearFinetune(epochs, learningRate, newBatchSize);
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
        return LinearSgd.run(original, context.retain(), epochs, batchSize, learningRate, 1, shuffle);
    }
}
