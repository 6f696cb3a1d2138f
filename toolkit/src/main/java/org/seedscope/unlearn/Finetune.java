package org.seedscope.unlearn;

import java.util.Map;
import java.util.SplittableRandom;
import org.seedscope.engine.Model;
import org.seedscope.train.Losses;
import org.seedscope.train.Trainer;

/**
 * Finetune: continue training the original on the retain set {@code D_r} with cross-entropy for a
 * few epochs, relying on catastrophic forgetting of {@code D_f}. Constant-rate SGD with momentum
 * 0.9, no weight decay. The batch order comes from the first draw of
 * the method stream {@link UnlearningContext#random()}, so the result depends on the unlearning seed.
 *
 * <p>Defaults: 5 epochs and learning rate 0.02 as in the paper (from the SSD code of Foster et al.
 * 2024); batch size 128, the toolkit's training default. On the Fashion-MNIST setting of the
 * {@linkplain org.seedscope.unlearn package notes} (original: retain 0.869, forget 0.798) they give
 * forget accuracy 0.00 at retain 0.877: a small MLP forgets a whole class by fine-tuning alone.
 *
 * @param epochs passes over {@code D_r}, at least 1
 * @param learningRate SGD learning rate, positive
 * @param batchSize examples per step, at least 1
 */
public record Finetune(int epochs, double learningRate, int batchSize) implements UnlearningMethod {

    /** Registry id. */
    public static final String ID = "finetune";

    /** Validates the hyperparameters. */
    public Finetune {
        Support.requireAtLeast(ID, "epochs", epochs, 1);
        Support.requirePositive(ID, "learningRate", learningRate);
        Support.requireAtLeast(ID, "batchSize", batchSize, 1);
    }

    /** @return 5 epochs, learning rate 0.02, batch 128 */
    public static Finetune withDefaults() {
        return new Finetune(5, 0.02, 128);
    }

    /**
     * @param newEpochs epochs
     * @return a copy with that many epochs
     */
    public Finetune withEpochs(int newEpochs) {
        return new Finetune(newEpochs, learningRate, batchSize);
    }

    /**
     * @param newLearningRate learning rate
     * @return a copy with that rate
     */
    public Finetune withLearningRate(double newLearningRate) {
        return new Finetune(epochs, newLearningRate, batchSize);
    }

    /**
     * @param newBatchSize batch size
     * @return a copy with that batch size
     */
    public Finetune withBatchSize(int newBatchSize) {
        return new Finetune(epochs, learningRate, newBatchSize);
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
        return new Trainer(context.engine(), Support.sgd(epochs, batchSize, learningRate))
                .train(original, context.retain(), shuffle, Losses.crossEntropy(context.retain().y()), null)
                .model();
    }
}
