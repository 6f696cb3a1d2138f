package org.seedscope.unlearn;

import org.seedscope.data.Examples;
import org.seedscope.engine.Loss;
import org.seedscope.engine.Model;
import org.seedscope.engine.OptimizerSpec;
import org.seedscope.train.Schedule;
import org.seedscope.train.StepHook;
import org.seedscope.train.Trainer;
import org.seedscope.train.TrainingConfig;

/**
 * The optimisation settings shared by the gradient-descent methods (Finetune, NegGrad, NegGrad+,
 * Random Labels, l1-sparse, SalUn, SCRUB, Bad Teacher): a constant learning rate for a few epochs.
 * Their {@link UnlearningMethod#hyperparameters()} list these five under these names.
 *
 * <p>SGD as PyTorch's {@code torch.optim.SGD}: {@code g = grad + weightDecay * theta;
 * v = momentum * v + g; theta -= learningRate * v}. For the one Adam method (Bad Teacher),
 * {@code momentum} is Adam's first-moment decay {@code beta1}; {@code beta2 = 0.999} and
 * {@code epsilon = 1e-8} are PyTorch's defaults.
 *
 * <p>Validation is done by the method holding the settings, so that its message names the method
 * and the field ("finetune: epochs must be at least 1, got 0"): epochs and batch size at least 1,
 * learning rate positive and finite, momentum in [0, 1), weight decay non-negative and finite.
 *
 * @param epochs passes over the method's data (SCRUB: rounds)
 * @param learningRate constant learning rate
 * @param momentum SGD momentum (Adam: beta1)
 * @param weightDecay L2 penalty coefficient added to the gradient
 * @param batchSize examples per step
 */
public record DescentSettings(int epochs, double learningRate, double momentum, double weightDecay, int batchSize) {
    /** SGD momentum of every descent method's defaults, as in the SCRUB and l1-sparse reference code. */
    public static final double MOMENTUM = 0.9;

    /**
     * @param epochs passes over the data
     * @param learningRate constant learning rate
     * @param batchSize examples per step
     * @return those settings with momentum {@value #MOMENTUM} and no weight decay
     */
    public static DescentSettings of(int epochs, double learningRate, int batchSize) {
        return new DescentSettings(epochs, learningRate, MOMENTUM, 0, batchSize);
    }

    /**
     * @param newEpochs passes over the data
     * @return a copy with that many epochs
     */
    public DescentSettings withEpochs(int newEpochs) {
        return new DescentSettings(newEpochs, learningRate, momentum, weightDecay, batchSize);
    }

    /**
     * @param newLearningRate learning rate
     * @return a copy with that rate
     */
    public DescentSettings withLearningRate(double newLearningRate) {
        return new DescentSettings(epochs, newLearningRate, momentum, weightDecay, batchSize);
    }

    /**
     * @param newMomentum momentum in [0, 1)
     * @return a copy with that momentum
     */
    public DescentSettings withMomentum(double newMomentum) {
        return new DescentSettings(epochs, learningRate, newMomentum, weightDecay, batchSize);
    }

    /**
     * @param newWeightDecay L2 penalty coefficient
     * @return a copy with that weight decay
     */
    public DescentSettings withWeightDecay(double newWeightDecay) {
        return new DescentSettings(epochs, learningRate, momentum, newWeightDecay, batchSize);
    }

    /**
     * @param newBatchSize examples per step
     * @return a copy with that batch size
     */
    public DescentSettings withBatchSize(int newBatchSize) {
        return new DescentSettings(epochs, learningRate, momentum, weightDecay, newBatchSize);
    }

    /** Throws IllegalArgumentException naming {@code method} and the field when a value is out of range. */
    void validate(String method) {
        Checks.atLeast(method, "epochs", epochs, 1);
        Checks.positive(method, "learningRate", learningRate);
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException(method + ": momentum must be in [0, 1), got " + momentum);
        }
        Checks.nonNegative(method, "weightDecay", weightDecay);
        Checks.atLeast(method, "batchSize", batchSize, 1);
    }

    /**
     * One constant-rate SGD run ({@link #sgd()}) from {@code start} on {@code data}, the batch order
     * seeded by the first draw of the method stream {@link UnlearningContext#random()}.
     */
    Model descend(Model start, Examples data, Loss loss, StepHook hook, UnlearningContext context) {
        long shuffle = context.random().nextLong();
        return new Trainer(context.engine(), sgd()).train(start, data, shuffle, loss, hook).model();
    }

    /** @return constant-rate SGD with these settings */
    TrainingConfig sgd() {
        return new TrainingConfig(epochs, batchSize, new OptimizerSpec.Sgd(learningRate, momentum, weightDecay),
                Schedule.constant());
    }

    /** @return constant-rate Adam with these settings ({@code beta1 = momentum}, PyTorch's other defaults) */
    TrainingConfig adam() {
        OptimizerSpec.Adam defaults = OptimizerSpec.Adam.withDefaults(learningRate);
        return new TrainingConfig(epochs, batchSize, new OptimizerSpec.Adam(learningRate, momentum, defaults.beta2(),
                defaults.epsilon(), weightDecay), Schedule.constant());
    }
}
