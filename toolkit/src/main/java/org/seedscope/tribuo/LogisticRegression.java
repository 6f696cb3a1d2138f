package org.seedscope.tribuo;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.math.optimisers.Pegasos;

/**
 * Multinomial logistic regression trained by Tribuo's {@link LinearSGDTrainer} with the
 * {@link LogMulticlass} (softmax cross-entropy) objective, seeded by the training seed.
 *
 * <p>With {@code l2 = 0} the optimiser is AdaGrad(learningRate, epsilon 0.1), and the defaults
 * (5 epochs, learning rate 1.0, minibatch 1) are exactly Tribuo's {@code LogisticRegressionTrainer},
 * whose seed is fixed at 12345; here it is the training seed. With {@code l2 > 0} the optimiser is
 * Tribuo's {@link Pegasos}(learningRate, l2), Tribuo's L2-regularised SGD (Shalev-Shwartz et al.
 * 2007), which minimises {@code mean CE + (l2/2) ||theta||^2} with the bias regularised as a feature,
 * the objective of {@link LogisticObjective} and of {@link CertifiedRemoval}.
 *
 * @param epochs passes over the data, at least 1
 * @param learningRate AdaGrad's initial rate or Pegasos' base rate, positive
 * @param minibatchSize examples per step, at least 1
 * @param l2 L2 penalty weight, non-negative
 */
public record LogisticRegression(int epochs, double learningRate, int minibatchSize, double l2)
        implements TribuoSpec {

    /** Family id. */
    public static final String ID = "tribuo-lr";
    /** AdaGrad epsilon of Tribuo's {@code LogisticRegressionTrainer}. */
    static final double ADAGRAD_EPSILON = 0.1;

    /** Validates the hyperparameters. */
    public LogisticRegression {
        if (epochs < 1) {
            throw new IllegalArgumentException(ID + " epochs must be at least 1, got " + epochs);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException(ID + " learningRate must be positive and finite, got " + learningRate);
        }
        if (minibatchSize < 1) {
            throw new IllegalArgumentException(ID + " minibatchSize must be at least 1, got " + minibatchSize);
        }
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException(ID + " l2 must be non-negative and finite, got " + l2);
        }
    }

    /** @return Tribuo's {@code LogisticRegressionTrainer} settings: 5 epochs, AdaGrad 1.0, minibatch 1, no L2 */
    public static LogisticRegression withDefaults() {
        return new LogisticRegression(5, 1.0, 1, 0);
    }

    /**
     * @param newEpochs epochs
     * @return a copy with that many epochs
     */
    public LogisticRegression withEpochs(int newEpochs) {
        return new LogisticRegression(newEpochs, learningRate, minibatchSize, l2);
    }

    /**
     * @param newLearningRate learning rate
     * @return a copy with that rate
     */
    public LogisticRegression withLearningRate(double newLearningRate) {
        return new LogisticRegression(epochs, newLearningRate, minibatchSize, l2);
    }

    /**
     * @param newMinibatchSize minibatch size
     * @return a copy with that size
     */
    public LogisticRegression withMinibatchSize(int newMinibatchSize) {
        return new LogisticRegression(epochs, learningRate, newMinibatchSize, l2);
    }

    /**
     * @param newL2 L2 penalty (positive switches the optimiser to Pegasos)
     * @return a copy with that penalty
     */
    public LogisticRegression withL2(double newL2) {
        return new LogisticRegression(epochs, learningRate, minibatchSize, newL2);
    }

    @Override
    public String name() {
        return ID;
    }

    @Override
    public Map<String, Object> hyperparameters() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("epochs", epochs);
        h.put("learningRate", learningRate);
        h.put("minibatchSize", minibatchSize);
        h.put("l2", l2);
        return h;
    }

    @Override
    public LinearSGDTrainer trainer(long seed) {
        StochasticGradientOptimiser optimiser = l2 > 0 ? new Pegasos(learningRate, l2)
                : new AdaGrad(learningRate, ADAGRAD_EPSILON);
        return new LinearSGDTrainer(new LogMulticlass(), optimiser, epochs, Integer.MAX_VALUE, minibatchSize, seed);
    }
}
