package org.seedscope.metrics;

import java.util.List;
import org.seedscope.engine.Architecture;
import org.seedscope.engine.Model;

/**
 * Euclidean (L2) distance between the parameters of two models of one architecture, per
 * parameterised layer ({@link Architecture#parameterLayers()}: Dense, convolution and batch
 * normalisation layers, input side first) and in total (SUPREME's layer-wise weight distance to
 * Retrain). Batch-normalisation running statistics are state, not parameters, and are left out.
 * Independently trained networks may differ by a permutation of hidden units, which this distance
 * does not undo.
 */
public final class WeightDistance {
    private WeightDistance() {}

    /**
     * Per-layer distances: for parameterised layer {@code l}, {@code sqrt(sum over its parameters
     * (weight and bias) of (a - b)^2)}.
     *
     * @param a one model
     * @param b another model of the same architecture
     * @return one distance per parameterised layer, in {@link Architecture#parameterLayers()} order; NaN
     *     for a layer holding a NaN parameter
     */
    public static double[] layers(Model a, Model b) {
        Architecture arch = a.architecture();
        if (!arch.equals(b.architecture())) {
            throw new IllegalArgumentException("weight distance needs one architecture, got " + arch + " and "
                    + b.architecture());
        }
        float[] x = a.parameters().toArray();
        float[] y = b.parameters().toArray();
        List<Architecture.LayerRange> ranges = arch.parameterLayers();
        double[] out = new double[ranges.size()];
        for (int l = 0; l < out.length; l++) {
            double sq = 0;
            Architecture.LayerRange r = ranges.get(l);
            for (int i = r.offset(); i < r.offset() + r.length(); i++) {
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
