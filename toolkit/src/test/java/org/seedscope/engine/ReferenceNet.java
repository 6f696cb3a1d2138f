package org.seedscope.engine;

import java.util.HashMap;
import java.util.Map;
import org.seedscope.engine.graph.Reference;
import org.seedscope.engine.graph.Reference.T;

/**
 * An independent float64 forward pass of any {@link Architecture}, interpreting its layers with
 * the loops of {@link Reference} (nothing shared with the ONNX graphs): the reference that the
 * engine's float32 gradients are checked against by finite differences.
 */
final class ReferenceNet {
    private ReferenceNet() {}

    /**
     * @param arch the architecture
     * @param theta parameters
     * @param state running statistics
     * @param x n examples, row-major
     * @param n number of examples
     * @param training batch statistics (true) or running statistics (false) in batch normalisation
     * @param batchStats when not null, receives layer name -> batch mean and unbiased variance of
     *     every batch normalisation layer (training mode)
     * @return the value of every layer, and "x"
     */
    static Map<String, T> forward(Architecture arch, double[] theta, double[] state, double[] x, int n, boolean training,
            Map<String, double[]> batchStats) {
        Map<String, T> v = new HashMap<>();
        int[] shape = new int[arch.inputShape().size() + 1];
        shape[0] = n;
        for (int i = 1; i < shape.length; i++) {
            shape[i] = arch.inputShape().get(i - 1);
        }
        v.put("x", new T(x, shape));
        for (Layer layer : arch.layers()) {
            String name = layer.name();
            T in = v.get(layer.inputs().get(0));
            T out;
            if (layer instanceof Layer.Dense d) {
                out = Reference.dense(in, tensor(arch, theta, name + ".weight"), d.bias() ? values(arch, theta, name + ".bias") : null,
                        false);
            } else if (layer instanceof Layer.Conv2d c) {
                int p = c.padding();
                out = Reference.conv(in, tensor(arch, theta, name + ".weight"), c.bias() ? values(arch, theta, name + ".bias") : null,
                        new int[] {c.stride(), c.stride()}, new int[] {p, p, p, p}, new int[] {c.dilation(), c.dilation()},
                        c.groups());
            } else if (layer instanceof Layer.BatchNorm2d b) {
                double[] stats = training ? new double[2 * in.d(1)] : null;
                out = Reference.batchNorm(in, values(arch, theta, name + ".weight"), values(arch, theta, name + ".bias"),
                        training ? null : stateValues(arch, state, name + ".running_mean"),
                        training ? null : stateValues(arch, state, name + ".running_var"), b.epsilon(), stats);
                if (batchStats != null && stats != null) {
                    batchStats.put(name, stats);
                }
            } else if (layer instanceof Layer.Relu) {
                out = Reference.relu(in);
            } else if (layer instanceof Layer.MaxPool2d p) {
                out = Reference.maxPool(in, square(p.kernel()), square(p.stride()), pads(p.padding()), square(1));
            } else if (layer instanceof Layer.AvgPool2d p) {
                out = Reference.avgPool(in, square(p.kernel()), square(p.stride()), pads(p.padding()), p.countIncludePad());
            } else if (layer instanceof Layer.GlobalAvgPool) {
                out = Reference.globalAvgPool(in);
            } else if (layer instanceof Layer.Flatten) {
                out = new T(in.v(), new int[] {n, in.v().length / n});
            } else if (layer instanceof Layer.Add a) {
                out = Reference.add(in, v.get(a.b()));
            } else {
                out = shortcut(in, ((Layer.Shortcut) layer).channels(), ((Layer.Shortcut) layer).stride());
            }
            v.put(name, out);
        }
        return v;
    }

    /** @return the logits of the n examples, row-major */
    static double[] logits(Architecture arch, double[] theta, double[] state, double[] x, int n, boolean training) {
        Map<String, T> v = forward(arch, theta, state, x, n, training, null);
        return v.get(arch.layers().get(arch.layers().size() - 1).name()).v();
    }

    /** @return {@code sum r . logits}: a loss whose gradient with respect to the logits is r */
    static double linearLoss(Architecture arch, double[] theta, double[] state, double[] x, int n, double[] r,
            boolean training) {
        double[] z = logits(arch, theta, state, x, n, training);
        double s = 0;
        for (int i = 0; i < z.length; i++) {
            s += r[i] * z[i];
        }
        return s;
    }

    /** Option-A shortcut written from its definition: subsample, then place channels in the middle. */
    private static T shortcut(T in, int channels, int stride) {
        int n = in.d(0), c = in.d(1), h = in.d(2), w = in.d(3);
        int ho = (h - 1) / stride + 1;
        int wo = (w - 1) / stride + 1;
        int off = (channels - c) / 2;
        double[] y = new double[n * channels * ho * wo];
        for (int e = 0; e < n; e++) {
            for (int ch = 0; ch < c; ch++) {
                for (int i = 0; i < ho; i++) {
                    for (int j = 0; j < wo; j++) {
                        y[((e * channels + ch + off) * ho + i) * wo + j] = in.v()[((e * c + ch) * h + i * stride) * w + j * stride];
                    }
                }
            }
        }
        return new T(y, new int[] {n, channels, ho, wo});
    }

    private static T tensor(Architecture arch, double[] theta, String name) {
        Architecture.Tensor t = find(arch.parameterTensors(), name);
        return new T(java.util.Arrays.copyOfRange(theta, t.offset(), t.end()),
                t.shape().stream().mapToInt(Integer::intValue).toArray());
    }

    private static double[] values(Architecture arch, double[] theta, String name) {
        Architecture.Tensor t = find(arch.parameterTensors(), name);
        return java.util.Arrays.copyOfRange(theta, t.offset(), t.end());
    }

    private static double[] stateValues(Architecture arch, double[] state, String name) {
        Architecture.Tensor t = find(arch.stateTensors(), name);
        return java.util.Arrays.copyOfRange(state, t.offset(), t.end());
    }

    private static Architecture.Tensor find(java.util.List<Architecture.Tensor> tensors, String name) {
        return tensors.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    private static int[] square(int v) {
        return new int[] {v, v};
    }

    private static int[] pads(int p) {
        return new int[] {p, p, p, p};
    }
}
