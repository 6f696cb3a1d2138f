package org.seedscope.tribuo;

import org.tribuo.classification.sgd.fm.FMClassificationTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.optimisers.AdaGrad;

/**
 * A factorization machine classifier (Rendle 2010) trained by Tribuo's
 * {@link FMClassificationTrainer} with the {@link LogMulticlass} objective and AdaGrad, seeded by
 * the training seed (factor initialisation and example order). Per class c the score is
 * {@code b_c + w_c . x + sum_{i<j} <v_ci, v_cj> x_i x_j} with {@code factors}-dimensional factor
 * vectors, then softmax.
 *
 * <p>Defaults: 10 epochs, AdaGrad learning rate 0.1 (epsilon 0.1, as Tribuo's logistic regression),
 * minibatch 1, 6 factors drawn with variance 0.1. Measured on the digits data (1,442 training rows,
 * training seed 1): 0.927 test accuracy in about 11 s on one core (the logistic regression: 0.904 in
 * about 3 s); fewer epochs train proportionally faster.
 *
 * @param epochs passes over the data, at least 1
 * @param learningRate AdaGrad's initial rate, positive
 * @param minibatchSize examples per step, at least 1
 * @param factors factor dimension, at least 1
 * @param variance variance of the factor initialisation, positive
 */
public record FactorizationMachine(int epochs, double learningRate, int minibatchSize, int factors, double variance)
        implements TribuoSpec {

    /** Family id. */
    public static final String ID = "tribuo-fm";

    /** Validates the hyperparameters. */
    public FactorizationMachine {
        TribuoChecks.sgd(ID, epochs, learningRate, minibatchSize);
        if (factors < 1) {
            throw new IllegalArgumentException(ID + " factors must be at least 1, got " + factors);
        }
        if (!(variance > 0) || Double.isInfinite(variance)) {
            throw new IllegalArgumentException(ID + " variance must be positive and finite, got " + variance);
        }
    }

    /** @return 10 epochs, learning rate 0.1, minibatch 1, 6 factors, variance 0.1 */
    public static FactorizationMachine withDefaults() {
        return new FactorizationMachine(10, 0.1, 1, 6, 0.1);
    }

    /**
     * @param newEpochs epochs
     * @return a copy with that many epochs
     */
    public FactorizationMachine withEpochs(int newEpochs) {
        return new FactorizationMachine(newEpochs, learningRate, minibatchSize, factors, variance);
    }

    /**
     * @param newFactors factor dimension
     * @return a copy with that dimension
     */
    public FactorizationMachine withFactors(int newFactors) {
        return new FactorizationMachine(epochs, learningRate, minibatchSize, newFactors, variance);
    }

    @Override
    public String name() {
        return ID;
    }

    @Override
    public FMClassificationTrainer trainer(long seed) {
        return new FMClassificationTrainer(new LogMulticlass(), new AdaGrad(learningRate, LogisticRegression.ADAGRAD_EPSILON),
                epochs, Integer.MAX_VALUE, minibatchSize, seed, factors, variance);
    }
}
