package org.seedscope.metrics;

import org.seedscope.engine.Architecture;
import org.seedscope.engine.Model;

/**
 * Euclidean (L2) distance between the parameters of two models of one architecture, per Dense
 * layer and in total (SUPREME's layer-wise weight distance to Retrain). Note that independently
 * trained networks may differ by a permutation of hidden units, which this distance does not undo.
 */
public final class WeightDistance {
    private WeightDistance() {}

    /**
     * Per-layer distances: for Dense layer {@code l}, {@code sqrt(sum over W_l and b_l of (a - b)^2)}.
     *
     * @param a one model
     * @param b another model of the same architecture
     * @return one distance per Dense layer, input side first; NaN for a layer holding a NaN parameter
     */
    public static double[] layers(Model a, Model b) {
        Architecture arch = a.architecture();
        if (!arch.equals(b.architecture())) {
            throw new IllegalArgumentException("weight distance needs one architecture, got " + arch + " and "
                    + b.architecture());
        }
        float[] x = a.parameters().toArray();
        float[] y = b.parameters().toArray();
        double[] out = new double[arch.layers()];
        for (int l = 0; l < out.length; l++) {
            double sq = 0;
            for (int i = arch.weightOffset(l); i < arch.weightOffset(l + 1); i++) {
                double d = (double) x[i] - y[i];
                sq += d * d;
            }
            out[l] = Math.sqrt(sq);
        }
        return out;
    }

    /**
     * Total distance over all parameters, {@code sqrt(sum_l layer_l^2)}.
     *
     * @param a one model
     * @param b another model of the same architecture
     * @return the distance; NaN when a parameter is NaN
     */
    public static double total(Model a, Model b) {
        double sq = 0;
        for (double d : layers(a, b)) {
            sq += d * d;
        }
        return Math.sqrt(sq);
    }
}
