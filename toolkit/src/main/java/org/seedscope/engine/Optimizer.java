package org.seedscope.engine;

import java.nio.FloatBuffer;

/**
 * The mutable state of one optimisation run (momentum or moment buffers). Made by
 * {@link OptimizerSpec#create(int)}; not shared between runs, so no random or hidden state leaks
 * from one run into another. Updates run over heap arrays (bulk-copied from the direct buffers) in
 * one pass per step, so the JIT can vectorise them.
 */
public abstract sealed class Optimizer {
    /** Per-parameter update multipliers, or null for none. */
    float[] mask;
    final float[] theta;
    final float[] grad;

    Optimizer(int n) {
        this.theta = new float[n];
        this.grad = new float[n];
    }

    /**
     * Restricts updates to the parameters whose mask entry is non-zero (SalUn's saliency mask):
     * the update of parameter k is multiplied by {@code mask[k]}.
     *
     * @param newMask one value per parameter, or null for no mask
     */
    public void setMask(float[] newMask) {
        if (newMask != null && newMask.length != theta.length) {
            throw new IllegalArgumentException("mask must have " + theta.length + " values, got " + newMask.length);
        }
        this.mask = newMask == null ? null : newMask.clone();
    }

    /**
     * Applies one update in place: {@code theta -= mask * step(grad, theta, state)}.
     *
     * @param params the parameters, updated in place
     * @param grads the gradient of the loss, same layout
     * @param learningRate the learning rate for this step (base rate times schedule factor)
     */
    final void update(Parameters params, FloatBuffer grads, double learningRate) {
        FloatBuffer p = params.buffer();
        p.get(0, theta);
        grads.get(0, grad);
        apply((float) learningRate);
        p.put(0, theta);
    }

    /** Updates {@link #theta} in place from {@link #grad}, honouring {@link #mask}, and the optimiser state. */
    abstract void apply(float learningRate);

    static final class SgdState extends Optimizer {
        private final float momentum;
        private final float weightDecay;
        private final float[] velocity;

        SgdState(OptimizerSpec.Sgd spec, int n) {
            super(n);
            this.momentum = (float) spec.momentum();
            this.weightDecay = (float) spec.weightDecay();
            this.velocity = new float[n];
        }

        @Override
        void apply(float lr) {
            if (mask == null) {
                for (int k = 0; k < velocity.length; k++) {
                    float v = momentum * velocity[k] + (grad[k] + weightDecay * theta[k]);
                    velocity[k] = v;
                    theta[k] -= lr * v;
                }
            } else {
                for (int k = 0; k < velocity.length; k++) {
                    float v = momentum * velocity[k] + (grad[k] + weightDecay * theta[k]);
                    velocity[k] = v;
                    theta[k] -= mask[k] * (lr * v);
                }
            }
        }
    }

    static final class AdamState extends Optimizer {
        private final OptimizerSpec.Adam spec;
        private final float[] m;
        private final float[] v;
        private int t;

        AdamState(OptimizerSpec.Adam spec, int n) {
            super(n);
            this.spec = spec;
            this.m = new float[n];
            this.v = new float[n];
        }

        @Override
        void apply(float lr) {
            t++;
            float b1 = (float) spec.beta1();
            float b2 = (float) spec.beta2();
            float wd = (float) spec.weightDecay();
            float eps = (float) spec.epsilon();
            float c2 = (float) Math.sqrt(1 - StrictMath.pow(spec.beta2(), t));
            float stepSize = (float) (lr / (1 - StrictMath.pow(spec.beta1(), t)));
            for (int k = 0; k < m.length; k++) {
                float g = grad[k] + wd * theta[k];
                m[k] = b1 * m[k] + (1 - b1) * g;
                v[k] = b2 * v[k] + (1 - b2) * g * g;
                float step = stepSize * m[k] / ((float) Math.sqrt(v[k]) / c2 + eps);
                theta[k] -= mask == null ? step : mask[k] * step;
            }
        }
    }
}
