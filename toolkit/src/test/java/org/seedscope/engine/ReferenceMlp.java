package org.seedscope.engine;

/**
 * An independent float64 forward pass of a Dense+ReLU MLP, written directly from the definition,
 * used as the reference the engine's float32 ONNX gradients are checked against.
 */
final class ReferenceMlp {
    private ReferenceMlp() {}

    /** @return logits of one example, in double precision */
    static double[] logits(Architecture arch, double[] theta, double[] x) {
        double[] a = x;
        for (int l = 0; l < arch.layers(); l++) {
            int in = arch.fanIn(l);
            int out = arch.fanOut(l);
            double[] z = new double[out];
            for (int j = 0; j < out; j++) {
                double s = theta[arch.biasOffset(l) + j];
                for (int i = 0; i < in; i++) {
                    s += a[i] * theta[arch.weightOffset(l) + i * out + j];
                }
                z[j] = l == arch.layers() - 1 ? s : Math.max(0, s);
            }
            a = z;
        }
        return a;
    }

    /** @return sum_c r[c] * logits[c] for one example: a loss whose dL/dlogits is r */
    static double linearLoss(Architecture arch, double[] theta, double[] x, double[] r) {
        double[] z = logits(arch, theta, x);
        double s = 0;
        for (int c = 0; c < z.length; c++) {
            s += r[c] * z[c];
        }
        return s;
    }
}
