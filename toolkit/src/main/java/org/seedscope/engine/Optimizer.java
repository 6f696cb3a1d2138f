package org.seedscope.engine;

import java.nio.FloatBuffer;

/**
 * The mutable state of one optimisation run (momentum or moment buffers). Made by
 * {@link OptimizerSpec#create(int)}; not shared between runs, so no random or hidden state leaks
 * from one run into another.
 */
public abstract sealed class Optimizer {
    private float[] mask;

    /**
     * Restricts updates to the parameters whose mask entry is non-zero (SalUn's saliency mask):
     * the update of parameter k is multiplied by {@code mask[k]}.
     *
     * @param newMask one value per parameter, or null for no mask
     */
    public void setMask(float[] newMask) {
        this.mask = newMask == null ? null : newMask.clone();
    }

    /**
     * Applies one update.
     *
     * @param params the parameters, updated in place
     * @param grads the gradient of the loss, same layout
     * @param learningRate the learning rate for this step (base rate times schedule factor)
     */
    abstract void update(Parameters params, FloatBuffer grads, double learningRate);

    final float masked(int k, float delta) {
        return mask == null ? delta : delta * mask[k];
    }

    static final class SgdState extends Optimizer {
        private final float momentum;
        private final float weightDecay;
        private final float[] velocity;

        SgdState(OptimizerSpec.Sgd spec, int n) {
            this.momentum = (float) spec.momentum();
            this.weightDecay = (float) spec.weightDecay();
            this.velocity = new float[n];
        }

        @Override
        void update(Parameters params, FloatBuffer grads, double learningRate) {
            FloatBuffer p = params.buffer();
            float lr = (float) learningRate;
            for (int k = 0; k < velocity.length; k++) {
                float theta = p.get(k);
                float g = grads.get(k) + weightDecay * theta;
                float v = momentum * velocity[k] + g;
                velocity[k] = v;
                p.put(k, theta - masked(k, lr * v));
            }
        }
    }

    static final class AdamState extends Optimizer {
        private final OptimizerSpec.Adam spec;
        private final float[] m;
        private final float[] v;
        private int step;

        AdamState(OptimizerSpec.Adam spec, int n) {
            this.spec = spec;
            this.m = new float[n];
            this.v = new float[n];
        }

        @Override
        void update(Parameters params, FloatBuffer grads, double learningRate) {
            step++;
            FloatBuffer p = params.buffer();
            float b1 = (float) spec.beta1();
            float b2 = (float) spec.beta2();
            float wd = (float) spec.weightDecay();
            float eps = (float) spec.epsilon();
            float c1 = (float) (1 - StrictMath.pow(spec.beta1(), step));
            float c2 = (float) Math.sqrt(1 - StrictMath.pow(spec.beta2(), step));
            float stepSize = (float) learningRate / c1;
            for (int k = 0; k < m.length; k++) {
                float theta = p.get(k);
                float g = grads.get(k) + wd * theta;
                m[k] = b1 * m[k] + (1 - b1) * g;
                v[k] = b2 * v[k] + (1 - b2) * g * g;
                float denom = (float) Math.sqrt(v[k]) / c2 + eps;
                p.put(k, theta - masked(k, stepSize * m[k] / denom));
            }
        }
    }
}
