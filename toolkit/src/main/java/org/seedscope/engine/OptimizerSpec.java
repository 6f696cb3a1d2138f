package org.seedscope.engine;

/**
 * An optimiser and its hyperparameters, with PyTorch's update rules so settings carry over.
 * Immutable and validated; {@link #create(int)} makes the stateful optimiser for one run.
 */
public sealed interface OptimizerSpec {

    /** @return base learning rate */
    double learningRate();

    /**
     * @param parameterCount number of parameters the optimiser will update
     * @return a fresh optimiser with zeroed state
     */
    Optimizer create(int parameterCount);

    /**
     * Stochastic gradient descent as PyTorch's {@code torch.optim.SGD}:
     * {@code g = grad + wd*theta; v = momentum*v + g; theta -= lr*v}.
     *
     * @param learningRate base learning rate, positive
     * @param momentum momentum in [0, 1)
     * @param weightDecay L2 penalty coefficient, non-negative
     */
    record Sgd(double learningRate, double momentum, double weightDecay) implements OptimizerSpec {
        /** Validates the hyperparameters. */
        public Sgd {
            requirePositive("learningRate", learningRate);
            if (!(momentum >= 0 && momentum < 1)) {
                throw new IllegalArgumentException("SGD momentum must be in [0, 1), got " + momentum);
            }
            requireNonNegative("weightDecay", weightDecay);
        }

        @Override
        public Optimizer create(int parameterCount) {
            return new Optimizer.SgdState(this, parameterCount);
        }

        @Override
        public String toString() {
            return "sgd(lr=" + learningRate + ", momentum=" + momentum + ", wd=" + weightDecay + ")";
        }
    }

    /**
     * Adam as PyTorch's {@code torch.optim.Adam} (L2 weight decay added to the gradient, bias
     * corrected moments).
     *
     * @param learningRate base learning rate, positive
     * @param beta1 first-moment decay in [0, 1)
     * @param beta2 second-moment decay in [0, 1)
     * @param epsilon denominator guard, positive
     * @param weightDecay L2 penalty coefficient, non-negative
     */
    record Adam(double learningRate, double beta1, double beta2, double epsilon, double weightDecay)
            implements OptimizerSpec {
        /** Validates the hyperparameters. */
        public Adam {
            requirePositive("learningRate", learningRate);
            if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
                throw new IllegalArgumentException("Adam betas must be in [0, 1), got " + beta1 + ", " + beta2);
            }
            requirePositive("epsilon", epsilon);
            requireNonNegative("weightDecay", weightDecay);
        }

        /**
         * @param learningRate base learning rate
         * @return Adam with PyTorch's defaults (0.9, 0.999, 1e-8, no weight decay)
         */
        public static Adam withDefaults(double learningRate) {
            return new Adam(learningRate, 0.9, 0.999, 1e-8, 0);
        }

        @Override
        public Optimizer create(int parameterCount) {
            return new Optimizer.AdamState(this, parameterCount);
        }

        @Override
        public String toString() {
            return "adam(lr=" + learningRate + ", betas=" + beta1 + "/" + beta2 + ", wd=" + weightDecay + ")";
        }
    }

    /**
     * @param learningRate base learning rate
     * @param momentum momentum
     * @param weightDecay L2 penalty
     * @return an SGD spec
     */
    static OptimizerSpec sgd(double learningRate, double momentum, double weightDecay) {
        return new Sgd(learningRate, momentum, weightDecay);
    }

    private static void requirePositive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be a positive finite number, got " + v);
        }
    }

    private static void requireNonNegative(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be a non-negative finite number, got " + v);
        }
    }
}
