package org.seedscope.unlearn;

import java.util.Map;
import java.util.SplittableRandom;
import org.seedscope.engine.Model;
import org.seedscope.train.Losses;
import org.seedscope.train.Trainer;

/**
 * NegGrad: gradient ascent on the forget set, i.e. SGD on {@code -CE(D_f)} (cross-entropy with row
 * weight -1, {@link Losses#weightedCrossEntropy}), for a few epochs over {@code D_f} with a small
 * rate. Ascent is unbounded, so too many steps or too large a rate destroy the model; a NaN or
 * infinite loss stops the run with {@link org.seedscope.train.TrainingDiverged}. Constant-rate SGD
 * with momentum 0.9; batch order from the first draw of the method stream {@link UnlearningContext#random()}.
 *
 * <p>Defaults measured here, since no paper setting carries over to MLPs: 1 epoch, learning rate
 * 0.001, batch 128. On the Fashion-MNIST setting of the {@linkplain org.seedscope.unlearn package
 * notes} (original: retain 0.869, forget 0.798) they give forget accuracy 0.36 at retain 0.868;
 * rate 0.003 or a second epoch at 0.01 already collapses the model to chance (retain 0.11): ascent
 * is steep, so tune the rate before the epochs.
 *
 * @param epochs passes over {@code D_f}, at least 1
 * @param learningRate SGD learning rate, positive
 * @param batchSize examples per step, at least 1
 */
public record NegGrad(int epochs, double learningRate, int batchSize) implements UnlearningMethod {

    /** Registry id. */
    public static final String ID = "neggrad";

    /** Validates the hyperparameters. */
    public NegGrad {
        Support.requireAtLeast(ID, "epochs", epochs, 1);
        Support.requirePositive(ID, "learningRate", learningRate);
        Support.requireAtLeast(ID, "batchSize", batchSize, 1);
    }

    /** @return 1 epoch, learning rate 0.001, batch 128 */
    public static NegGrad withDefaults() {
        return new NegGrad(1, 0.001, 128);
    }

    /**
     * @param newEpochs epochs
     * @return a copy with that many epochs
     */
    public NegGrad withEpochs(int newEpochs) {
        return new NegGrad(newEpochs, learningRate, batchSize);
    }

    /**
     * @param newLearningRate learning rate
     * @return a copy with that rate
     */
    public NegGrad withLearningRate(double newLearningRate) {
        return new NegGrad(epochs, newLearningRate, batchSize);
    }

    /**
     * @param newBatchSize batch size
     * @return a copy with that batch size
     */
    public NegGrad withBatchSize(int newBatchSize) {
        return new NegGrad(epochs, learningRate, newBatchSize);
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
        return Support.hyperparameters("epochs", epochs, "learningRate", learningRate, "batchSize", batchSize);
    }

    @Override
    public Model unlearn(Model original, UnlearningContext context) {
        long shuffle = context.random().nextLong();
        var forget = context.forget();
        return new Trainer(context.engine(), Support.sgd(epochs, batchSize, learningRate))
                .train(original, forget, shuffle,
                        Losses.weightedCrossEntropy(forget.y(), Support.filled(forget.size(), -1f)), null)
                .model();
    }
}
