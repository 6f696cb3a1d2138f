package org.seedscope.metrics;

import org.seedscope.data.Examples;
import org.seedscope.engine.Predictions;

/** Hand-built predictions and example sets for the metric tests. */
final class Fixtures {
    private Fixtures() {}

    /**
     * @param logits one row of logits per example
     * @return predictions carrying those logits (and their softmax), without penultimate activations
     */
    static Predictions predictions(double[]... logits) {
        int c = logits.length == 0 ? 2 : logits[0].length;
        float[] z = new float[logits.length * c];
        float[] p = new float[z.length];
        for (int i = 0; i < logits.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : logits[i]) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (double v : logits[i]) {
                sum += Math.exp(v - max);
            }
            for (int k = 0; k < c; k++) {
                z[i * c + k] = (float) logits[i][k];
                p[i * c + k] = (float) (Math.exp(logits[i][k] - max) / sum);
            }
        }
        return new Predictions(z, p, new float[0], logits.length, c, 0);
    }

    /**
     * @param classes number of classes
     * @param rows each row: its features followed by its label as the last value
     * @return the examples
     */
    static Examples examples(int classes, double[]... rows) {
        int features = rows[0].length - 1;
        float[] x = new float[rows.length * features];
        int[] y = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < features; j++) {
                x[i * features + j] = (float) rows[i][j];
            }
            y[i] = (int) rows[i][features];
        }
        return new Examples(x, y, features, classes);
    }

    /**
     * @param copies how many times to repeat
     * @param row features followed by the label
     * @return {@code copies} identical rows
     */
    static double[][] repeat(int copies, double... row) {
        double[][] out = new double[copies][];
        for (int i = 0; i < copies; i++) {
            out[i] = row.clone();
        }
        return out;
    }

    /** @return the row arrays of all groups, concatenated in order */
    static double[][] concat(double[][]... groups) {
        return java.util.Arrays.stream(groups).flatMap(java.util.Arrays::stream).toArray(double[][]::new);
    }
}
